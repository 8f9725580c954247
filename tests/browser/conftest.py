"""Browser tests: a real Chromium (pytest-playwright) against pytest-django's live_server.

Run them in their own process: `pytest tests/browser`. They load a small fixed corpus (tests/browser/corpus)
once per session; a test marked `@pytest.mark.corpus("seed")` gets the seed corpus with its lessons instead
(fixtures/seed, read once the first time a test asks for it). Both work on SQLite (a file, so the live
server's threads share it) and on PostgreSQL (`DATABASE_URL=postgres://…`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Bind the live server to the address the browser will use, so "localhost" never resolves to ::1 first.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
# Playwright's sync API runs an event loop in the test's thread, and Django refuses database calls from a
# thread with a running loop unless told the caller knows: these tests only, before the live server starts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system Chromium, never a downloaded one, with nothing phoning home."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Turkish laptop: the page's default language and the size a visitor most often has."""
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "tr-TR"}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite's test database must be a file: an in-memory one cannot be shared with the server's threads."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "browser.sqlite3")


CORPUS_APPS = ("sources", "geography", "chronology", "lessons")
# The seed corpus, lessons included, for the tests marked `@pytest.mark.corpus("seed")`: the classroom's
# tests run the lessons teachers get, not a made-up one.
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
CORPORA = {"browser": CORPUS, "seed": SEED}
# Which corpus the tables hold between tests, and each corpus's rows once read (see _corpus_for_each_test).
_holding: dict[str, str | None] = {"name": None}
_rows: dict[str, str] = {}


def _corpus_models(**options) -> list:
    from django.apps import apps

    return [model for label in CORPUS_APPS for model in apps.get_app_config(label).get_models(**options)]


def _serialized() -> str:
    from django.core import serializers

    models = _corpus_models()
    rows = [row for model in models for row in model._base_manager.order_by("pk")]
    # Citations name their owner's content type by app and model: its id may change when tables are emptied.
    return serializers.serialize("json", rows, use_natural_foreign_keys=True)


@pytest.fixture(scope="session")
def atlas_corpus(django_db_setup, django_db_blocker) -> str:
    """Load the test corpus once for the session; returns its rows serialized, to restore after each test."""
    from chronology.corpus import corpus_load

    with django_db_blocker.unblock():
        corpus_load(path=CORPUS)
        _rows["browser"] = _serialized()
        _holding["name"] = "browser"
        return _rows["browser"]


@pytest.fixture(autouse=True)
def _corpus_for_each_test(request, atlas_corpus, transactional_db):
    """Give every test its corpus (the test corpus, or the one its `corpus` mark names), whatever the test
    before it did.

    live_server tests are transactional: pytest-django empties every table after each one. Putting the
    serialized rows back (as Django's serialized rollback does) is far quicker than loading the corpus
    again. Not `serialized_rollback` itself: it keeps the rows on the connection object, and Playwright's
    greenlets make Django hand out a fresh connection object after the first test.
    """
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from chronology.corpus import corpus_load
    from chronology.models import Event

    mark = request.node.get_closest_marker("corpus")
    wanted = mark.args[0] if mark else "browser"
    if not Event.objects.exists():
        _holding["name"] = None
    if _holding["name"] == wanted:
        return
    if _holding["name"] is not None:  # the other corpus, still there from the session's start
        tables = [model._meta.db_table for model in _corpus_models(include_auto_created=True)]
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    _holding["name"] = wanted
    if wanted not in _rows:  # read once a session, then restored like the test corpus
        corpus_load(path=CORPORA[wanted])
        _rows[wanted] = _serialized()
        return
    with transaction.atomic(), connection.constraint_checks_disabled():
        for row in serializers.deserialize("json", _rows[wanted]):
            row.save()


@pytest.fixture
def open_atlas(page, live_server):
    """Open the atlas at `query` ("?event=…") and wait until the timeline and the map are drawn."""

    def _open(query: str = ""):
        page.goto(f"{live_server.url}/{query}")
        page.wait_for_selector("html[data-ready]")
        return page

    return _open


@pytest.fixture(autouse=True)
def _server_at_rest_before_the_flush(_corpus_for_each_test):
    """After a test, let the live server finish what the page still asked of it before pytest-django empties
    the tables: on PostgreSQL a request still reading in its snapshot (the page's last fetches) and the
    flush's TRUNCATE lock tables in different orders, and the database ends one of them as a deadlock.
    Torn down before the flush (this fixture is set up after the corpus, hence after transactional_db)."""
    yield  # the test's page is closed by now (it was set up after this fixture)
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import time

    deadline = time.monotonic() + 5
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
