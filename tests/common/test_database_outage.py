"""PostgreSQL stopped under a running server (config/outage.py): pages and the API answer a clean 503 in the
visitor's language, a curator's save cut off half-way leaves nothing behind and comes back to be sent again,
and the same server answers 200 once the database is back, without a restart.

The server is gunicorn with the production configuration (config/gunicorn.conf.py) on a PostgreSQL cluster of
this module's own (tests/private_postgres.py), stopped and started here; the shared cluster is never touched."""

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

from tests.private_postgres import PrivatePostgres, _free_port

CURATOR, CURATOR_PASSWORD = "outage-curator", "a-long-outage-password-7"
STARTUP_SECONDS = 180


@pytest.fixture(scope="module")
def postgres():
    cluster = PrivatePostgres("outage_test")
    try:
        yield cluster.create()
    finally:
        cluster.drop()


@pytest.fixture(scope="module")
def server(postgres):
    """One gunicorn worker on the private cluster, migrated, with a curator; stopped after the module."""
    env = {
        **os.environ,
        "DATABASE_URL": postgres.url,
        "DJANGO_DEBUG": "false",
        "DJANGO_API_ANON_RATE": "off",
        "DJANGO_SUPERUSER_PASSWORD": CURATOR_PASSWORD,
        "WEB_CONCURRENCY": "1",
        "PORT": str(_free_port()),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=settings.BASE_DIR, env=env, check=True,
                   timeout=STARTUP_SECONDS)  # fmt: skip
    subprocess.run([*manage, "createsuperuser", "--noinput", "--username", CURATOR, "--email", "c@example.org"],
                   cwd=settings.BASE_DIR, env=env, check=True, capture_output=True, timeout=60)  # fmt: skip
    log = tempfile.NamedTemporaryFile(prefix="outage-test-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while "warmed" not in Path(log.name).read_text(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, Path(log.name).read_text()[-3000:]
            time.sleep(0.2)
        yield base, process, Path(log.name)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        Path(log.name).unlink(missing_ok=True)


def _worker_pids(master: int) -> set[int]:
    answer = subprocess.run(["ps", "--ppid", str(master), "-o", "pid="], capture_output=True, text=True).stdout
    return {int(pid) for pid in answer.split()}


def test_while_the_database_is_stopped_every_answer_is_a_clean_503_and_the_same_server_recovers(postgres, server):
    base, process, log = server
    assert requests.get(f"{base}/api/v1/themes/", timeout=30).status_code == 200
    workers = _worker_pids(process.pid)

    postgres.stop()
    try:
        page = requests.get(f"{base}/", headers={"Accept-Language": "en"}, timeout=30)
        turkish_page = requests.get(f"{base}/?lang=tr", timeout=30)
        api = requests.get(f"{base}/api/v1/events/?lang=en", timeout=30)
        admin = requests.get(f"{base}/admin/chronology/event/", timeout=30, allow_redirects=False)
    finally:
        postgres.start()

    for response in (page, turkish_page, api):
        assert response.status_code == 503, response.text[:500]
        assert response.headers["Retry-After"].isdigit()
        assert "Traceback" not in response.text and str(postgres.port) not in response.text
    assert page.headers["Content-Type"].startswith("text/html")
    assert "database is unavailable right now" in page.text and 'lang="en"' in page.text
    assert "Atlasın veritabanına şu an ulaşılamıyor" in turkish_page.text
    assert api.json() == {"detail": api.json()["detail"]} and "try again in a minute" in api.json()["detail"]
    # Anonymous, without a session to read: the admin sends the visitor to its login page as always.
    assert admin.status_code == 302 and "/admin/login/" in admin.headers["Location"]
    assert "Database unavailable" in log.read_text(errors="replace")  # the operator's log says why

    # The first request after the start is served: no restart, no dead connection handed out.
    assert requests.get(f"{base}/api/v1/themes/", timeout=30).status_code == 200
    assert requests.get(f"{base}/", timeout=30).status_code == 200
    assert _worker_pids(process.pid) == workers and process.poll() is None


def _curator_session(base: str) -> requests.Session:
    session = requests.Session()
    login = session.get(f"{base}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    answer = session.post(
        f"{base}/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": CURATOR, "password": CURATOR_PASSWORD},
        headers={"Referer": f"{base}/admin/login/"},
        timeout=30,
    )
    assert answer.url.endswith("/admin/"), "the curator could not log in"
    return session


def _wait_for_a_blocked_insert(postgres, table: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    with psycopg.connect(postgres.dsn(), autocommit=True) as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                [f'INSERT INTO "{table}"%'],
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError(f"the save never reached its insert into {table}")


def _rows(postgres, query: str, params=()) -> int:
    with psycopg.connect(postgres.dsn()) as reader:
        return reader.execute(query, params).fetchone()[0]


def test_a_save_cut_off_by_the_outage_leaves_nothing_half_saved_and_its_form_comes_back(postgres, server):
    base, _process, _log = server
    curator = _curator_session(base)
    form_url = f"{base}/admin/chronology/theme/add/"
    form = curator.get(form_url, timeout=30).text
    fields = dict(
        re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|edit_fingerprint)" value="([^"]*)"', form)
    )
    sent = {**fields, "slug": "cut-off-theme", "name_0": "Kesinti <sınaması>", "name_1": "Outage test", "_save": "1"}

    # The admin's log entry is the save's last insert: hold it, so the theme's row is already written in the
    # save's transaction when the database goes away under it.
    holder = psycopg.connect(postgres.dsn())
    holder.execute("LOCK TABLE django_admin_log IN EXCLUSIVE MODE")
    answers = {}
    saving = threading.Thread(
        target=lambda: answers.update(
            save=curator.post(form_url, data=sent, headers={"Referer": form_url}, allow_redirects=False, timeout=60)
        )
    )
    saving.start()
    try:
        _wait_for_a_blocked_insert(postgres, "django_admin_log")
        postgres.stop()
        saving.join(timeout=60)
    finally:
        holder.close()
        postgres.start()

    refused = answers["save"]
    assert refused.status_code == 503, refused.text[:500]
    assert "Traceback" not in refused.text
    assert ("nothing you sent was saved" in refused.text) or ("hiçbir şey kaydedilmedi" in refused.text)
    assert "Kesinti &lt;sınaması&gt;" in refused.text  # what the curator typed, shown again
    assert _rows(postgres, "SELECT count(*) FROM chronology_theme WHERE slug = 'cut-off-theme'") == 0
    assert _rows(postgres, "SELECT count(*) FROM reversion_revision") == 0
    assert _rows(postgres, "SELECT count(*) FROM django_admin_log") == 0

    # "Send again": the page's own form, as it stands, saves the theme once the database is back.
    action = re.search(r'<form method="post" action="([^"]+)">', refused.text)[1]
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', refused.text))
    assert again["slug"] == "cut-off-theme" and again["name_0"] == "Kesinti &lt;sınaması&gt;"
    again = {name: value.replace("&lt;", "<").replace("&gt;", ">") for name, value in again.items()}
    saved = curator.post(base + action, data=again, headers={"Referer": form_url}, allow_redirects=False, timeout=30)
    assert saved.status_code == 302, saved.text[:1000]
    with psycopg.connect(postgres.dsn()) as reader:
        names = reader.execute("SELECT name FROM chronology_theme WHERE slug = 'cut-off-theme'").fetchall()
    assert names == [({"tr": "Kesinti <sınaması>", "en": "Outage test"},)]
