"""A new server warms itself (frontend/warmup.py): its first visitor gets bodies already built."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from frontend.warmup import first_paint_paths, warm
from tests.factories import make_event, make_place


@pytest.fixture
def test_transaction_kept():
    """Warming goes through Django's own WSGI handler, which closes a connection left outside autocommit at
    each request's start and end, and so would close the test's transaction under it (PostgreSQL). Django's
    test client stops that the same way for its requests."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_warming_asks_for_the_page_and_its_first_data_in_every_language(db, test_transaction_kept):
    make_event(places=[make_place()])
    statuses = warm(WSGIHandler())
    assert set(statuses) == set(first_paint_paths())
    assert all(status == 200 for status in statuses.values()), statuses
    assert {"/?lang=tr", "/?lang=en"} <= set(statuses)
    assert any(path.startswith("/api/v1/event-index/") and path.endswith("lang=en") for path in statuses)


def _index_queries(client) -> list[str]:
    index = next(path for path in first_paint_paths() if path.startswith("/api/v1/event-index/"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(index, HTTP_ACCEPT_ENCODING="gzip").status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_cold_server_builds_the_index_for_its_first_visitor(db, client):
    make_event(places=[make_place()])
    assert any("chronology_event" in sql for sql in _index_queries(client))


def test_after_warming_the_first_visitors_index_is_not_built_again(db, client, test_transaction_kept):
    make_event(places=[make_place()])
    warm(WSGIHandler())
    assert not any("chronology_event" in sql for sql in _index_queries(client))


def test_a_failing_server_still_starts_and_says_nothing_was_warmed(db, caplog):
    def broken(environ, start_response):
        raise ConnectionError("database unreachable")

    assert warm(broken) == {}
    assert "warming the caches stopped" in caplog.text
