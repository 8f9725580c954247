"""Redis stopped under a running site (common/cache.py): every page and API answer stays 200, from the
database; the throttle admits; the outage is logged once; and Redis is in use again once it returns, without a
restart. The Redis here is the test's own, on a free port, killed and started again (never the shared one)."""

import gzip
import json
import logging
import signal

import pytest
import redis
from django.conf import settings
from django.test import Client, override_settings
from rest_framework.throttling import AnonRateThrottle

from common import cache as soft_cache
from common.response_cache import forget_recent_bodies
from tests.factories import make_event, make_place
from tests.private_redis import PrivateRedis

PAGES = ["/", "/api/v1/events/?lang=en&fields=slug,title", "/api/v1/places/?lang=en", "/api/v1/events/brest/?lang=en"]


@pytest.fixture
def private_redis():
    with PrivateRedis() as server:
        yield server


@pytest.fixture
def clock(monkeypatch):
    """The cache's back-off clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(soft_cache, "_clock", lambda: now[0])
    return now


@pytest.fixture
def redis_cache(private_redis):
    backend = {
        "BACKEND": "common.cache.RedisCache",
        "LOCATION": private_redis.url,
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,  # the site's own timeouts
    }
    with override_settings(CACHES={"default": backend}):
        yield private_redis


def _atlas():
    kars = make_place(slug="kars", name={"en": "Kars"})
    make_event(slug="brest", title={"en": "Brest-Litovsk"}, places=[kars])


def _answers(client) -> list[int]:
    return [client.get(path, HTTP_ACCEPT_LANGUAGE="en").status_code for path in PAGES]


def _json(response):
    content = response.content
    return json.loads(gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content)


def _another_process():
    """This process's own copies forgotten, as a worker that never built these bodies: it must ask Redis."""
    forget_recent_bodies()


@pytest.mark.django_db
def test_the_site_answers_from_the_database_while_redis_is_away_and_uses_it_again_when_it_returns(redis_cache, clock):
    _atlas()
    client = Client()
    assert _answers(client) == [200] * len(PAGES)
    assert redis_cache.keys() > 0

    redis_cache.kill()
    _another_process()
    assert _answers(client) == [200] * len(PAGES)
    events = _json(client.get(PAGES[1]))
    assert [event["title"] for event in events] == ["Brest-Litovsk"]
    # A curator's save while Redis is away is answered with the new data too (the epoch is the database's).
    make_event(slug="kars-treaty", title={"en": "Treaty of Kars"})
    _another_process()
    assert sorted(event["title"] for event in _json(client.get(PAGES[1]))) == ["Brest-Litovsk", "Treaty of Kars"]

    redis_cache.start()  # empty: a Redis restarted without its data
    assert redis_cache.keys() == 0
    clock[0] += soft_cache.RETRY_AFTER_SECONDS
    _another_process()
    assert _answers(client) == [200] * len(PAGES)
    assert redis_cache.keys() > 0  # in use again, the app not restarted


@pytest.mark.django_db
def test_while_redis_is_away_the_throttle_admits_and_counts_again_when_it_returns(monkeypatch, redis_cache, clock):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 1_800_000_000.0)
    make_event()
    reader = Client(REMOTE_ADDR="192.0.2.1")
    redis_cache.kill()
    assert [reader.get("/api/v1/events/").status_code for _ in range(5)] == [200] * 5

    redis_cache.start()
    clock[0] += soft_cache.RETRY_AFTER_SECONDS
    assert [reader.get("/api/v1/events/").status_code for _ in range(4)] == [200, 200, 200, 429]


@pytest.mark.django_db
def test_an_outage_is_logged_once_and_requests_do_not_each_try_to_connect(monkeypatch, redis_cache, clock, caplog):
    _atlas()
    attempts = []
    connect = redis.connection.AbstractConnection.connect
    monkeypatch.setattr(
        redis.connection.AbstractConnection, "connect", lambda self: attempts.append(1) or connect(self)
    )
    client = Client()
    redis_cache.kill()
    with caplog.at_level(logging.WARNING, logger="common.cache"):
        for _ in range(5):
            _another_process()
            assert _answers(client) == [200] * len(PAGES)
        # Twenty requests, each several cache reads and writes: one attempt, then the back-off.
        assert len(attempts) <= 1
        clock[0] += soft_cache.RETRY_AFTER_SECONDS
        assert _answers(client) == [200] * len(PAGES)  # tries again, still away: not logged again
        assert len(attempts) <= 2

        redis_cache.start()
        clock[0] += soft_cache.RETRY_AFTER_SECONDS
        assert _answers(client) == [200] * len(PAGES)
    messages = [record.getMessage() for record in caplog.records if record.name == "common.cache"]
    assert len(messages) == 2, messages
    assert "cannot be reached" in messages[0] and f"127.0.0.1:{redis_cache.port}" in messages[0]
    assert "reachable again" in messages[1]


@pytest.mark.django_db
def test_a_redis_that_no_longer_answers_does_not_hold_the_site(redis_cache, clock):
    """Stopped rather than gone (SIGSTOP: a hung server, a network that drops packets): its socket still
    accepts, nothing comes back, and the read timeout gives up for the request, which is answered all the same."""
    _atlas()
    client = Client()
    assert _answers(client) == [200] * len(PAGES)
    redis_cache.process.send_signal(signal.SIGSTOP)
    try:
        _another_process()
        assert _answers(client) == [200] * len(PAGES)
    finally:
        redis_cache.process.send_signal(signal.SIGCONT)
    clock[0] += soft_cache.RETRY_AFTER_SECONDS
    _another_process()
    assert _answers(client) == [200] * len(PAGES)
    assert redis_cache.keys() > 0
