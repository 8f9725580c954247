"""Settings fail loudly when production would be unsafe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def _load_settings(**env):
    return _run("import config.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])", **env)


def test_the_server_refuses_to_start_without_a_secret_key_outside_debug():
    for entry in ("config.wsgi", "config.asgi"):
        result = _run(f"import {entry}")
        assert result.returncode != 0, entry
        assert "DJANGO_SECRET_KEY is not set" in result.stderr, entry


def test_the_server_starts_with_a_secret_key_or_in_debug():
    assert _run("import config.wsgi", DJANGO_SECRET_KEY="k").returncode == 0
    assert _run("import config.wsgi", DJANGO_DEBUG="true").returncode == 0


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'makemigrations', '--check', '--dry-run'])",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked_and_sqlite_is_the_default_database():
    result = _load_settings(DJANGO_SECRET_KEY="k")
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_database_url_switches_to_postgresql():
    result = _load_settings(DJANGO_SECRET_KEY="k", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


def test_a_misspelt_boolean_is_an_error_not_a_guess():
    result = _load_settings(DJANGO_DEBUG="ture")
    assert result.returncode != 0 and "DJANGO_DEBUG='ture' is not a boolean" in result.stderr
