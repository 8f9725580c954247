"""`make serve`'s configuration: the secret key it keeps, the workers and the address gunicorn gets."""

import runpy
import stat
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.serve import (
    bind_address,
    production_environment,
    secret_key,
    server_kind,
    thread_count,
    worker_count,
)

ROOT = Path(__file__).resolve().parent.parent


def test_the_environments_key_wins_and_no_file_is_made(tmp_path):
    key_file = tmp_path / "key"
    assert (
        secret_key(environ={"DJANGO_SECRET_KEY": "from-the-environment"}, key_file=key_file) == "from-the-environment"
    )
    assert not key_file.exists()


def test_a_key_is_made_once_readable_by_its_owner_only_and_kept(tmp_path):
    key_file = tmp_path / "key"
    first = secret_key(environ={}, key_file=key_file)
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert secret_key(environ={}, key_file=key_file) == first  # a restart keeps sessions valid


def test_a_key_file_others_can_read_is_refused_naming_the_fix(tmp_path):
    key_file = tmp_path / "key"
    secret_key(environ={}, key_file=key_file)
    key_file.chmod(0o644)
    with pytest.raises(ImproperlyConfigured, match=f"chmod 600 {key_file}"):
        secret_key(environ={}, key_file=key_file)


def test_a_truncated_key_file_is_refused(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("short\n")
    key_file.chmod(0o600)
    with pytest.raises(ImproperlyConfigured, match="delete it to make a new one"):
        secret_key(environ={}, key_file=key_file)


def test_the_server_runs_without_debug_and_with_collected_static_files(tmp_path):
    environ = production_environment(environ={"DJANGO_DEBUG": "true", "DATABASE_URL": "x"}, key_file=tmp_path / "k")
    assert environ["DJANGO_DEBUG"] == "false" and environ["DJANGO_STATIC_MANIFEST"] == "true"
    assert environ["DATABASE_URL"] == "x"  # PostgreSQL and Redis pass through


@pytest.mark.parametrize(("cpus", "workers"), [(1, 3), (2, 5), (64, 8), (None, 3)])
def test_workers_follow_the_cores_within_a_cap(cpus, workers):
    assert worker_count(environ={}, cpus=cpus) == workers


def test_web_concurrency_sets_the_workers_and_a_typo_is_named():
    assert worker_count(environ={"WEB_CONCURRENCY": "12"}, cpus=2) == 12
    with pytest.raises(ImproperlyConfigured, match="WEB_CONCURRENCY='lots'"):
        worker_count(environ={"WEB_CONCURRENCY": "lots"}, cpus=2)


def test_the_server_listens_on_this_machine_only_unless_told():
    assert bind_address(environ={}) == "127.0.0.1:8000"
    assert bind_address(environ={"PORT": "8080"}) == "127.0.0.1:8080"
    assert bind_address(environ={"PORT": "8080", "SERVE_HOST": "::1"}) == "[::1]:8080"
    with pytest.raises(ImproperlyConfigured, match="PORT='80a'"):
        bind_address(environ={"PORT": "80a"})


def test_gunicorns_configuration_reads_the_same_environment(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert config["bind"] == ["127.0.0.1:8123"]
    assert config["workers"] == 3
    # uvicorn's workers on the ASGI app: a live class's event streams need them (live/stream.py).
    assert (config["wsgi_app"], config["worker_class"]) == ("config.asgi:application", "uvicorn_worker.UvicornWorker")


def test_make_serve_runs_the_serve_module_on_the_given_port():
    dry_run = subprocess.run(["make", "-n", "serve", "PORT=8124"], cwd=ROOT, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    assert "PORT=8124 .venv/bin/python -m config.serve" in dry_run.stdout


def test_wsgi_workers_are_threaded_unless_told_and_a_typo_is_named(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("WEB_SERVER", "wsgi")
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert (config["worker_class"], config["threads"]) == ("gthread", 4)
    monkeypatch.setenv("WEB_THREADS", "1")
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert (config["worker_class"], config["threads"]) == ("sync", 1)
    with pytest.raises(ImproperlyConfigured, match="WEB_THREADS='four'"):
        thread_count(environ={"WEB_THREADS": "four"})
    assert runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))["wsgi_app"] == "config.wsgi:application"


def test_a_server_kind_that_is_neither_is_named():
    assert server_kind(environ={}) == "asgi"
    assert server_kind(environ={"WEB_SERVER": "WSGI"}) == "wsgi"
    with pytest.raises(ImproperlyConfigured, match="WEB_SERVER='uwsgi'"):
        server_kind(environ={"WEB_SERVER": "uwsgi"})


def test_bound_to_the_local_network_the_laptops_address_is_an_allowed_host(tmp_path):
    key = tmp_path / "k"
    open_to_all = production_environment(environ={"SERVE_HOST": "0.0.0.0"}, key_file=key, lan="192.168.1.20")
    assert open_to_all["DJANGO_ALLOWED_HOSTS"].split(",")[-1] == "192.168.1.20"
    assert "DJANGO_ALLOWED_HOSTS" not in production_environment(environ={}, key_file=key, lan="192.168.1.20")
    listed = {"SERVE_HOST": "0.0.0.0", "DJANGO_ALLOWED_HOSTS": "atlas.school"}
    assert (
        production_environment(environ=listed, key_file=key, lan="192.168.1.20")["DJANGO_ALLOWED_HOSTS"]
        == "atlas.school"
    )
