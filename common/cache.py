"""Django's Redis cache, failing soft while Redis is away, and keeping one client object per connection pool.

Redis holds nothing the database cannot give again (finished bodies, build claims, the throttle's counts), so
its loss must cost speed, never an answer: while it cannot be reached, reads miss, writes are skipped and a
build claim (`add`) is granted, and every request is answered from the database. After a failure a process
leaves Redis alone for `RETRY_AFTER_SECONDS` (each request would otherwise wait for its own refused or timed-out
connect), then tries again; the first command that succeeds puts Redis back in use, without a restart. The
outage is logged once when it starts and once when it ends, not per request.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` around the (shared, thread-safe) pool for
every cache operation; building it cost about a tenth of a millisecond, a sixth of a cached API answer
(profile in docs/performance.md). The pools, and so the connections, are Django's as before.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Only the errors of a Redis that is not there (refused, reset, timed out, still loading): a wrong command or
# a wrong type is a bug and still raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Long enough that a busy worker makes a handful of connect attempts a minute while Redis is down, short
# enough that it is back in use a few seconds after it returns.
RETRY_AFTER_SECONDS = 3.0
_clock = time.monotonic  # tests move it by hand


class _Outage:
    """One Redis server as this process sees it: reachable, or skipped until `retry_at`. Shared by the
    process's threads (Django gives each thread its own cache object, and each would pay its own connect)."""

    def __init__(self, name: str):
        self.name = name
        self.down = False
        self.retry_at = 0.0
        self.lock = threading.Lock()

    def skipping(self) -> bool:
        return self.down and _clock() < self.retry_at

    def failed(self, error: Exception) -> None:
        with self.lock:
            self.retry_at = _clock() + RETRY_AFTER_SECONDS
            if self.down:
                return
            self.down = True
        logger.warning(
            "Redis at %s cannot be reached (%s): answering from the database until it returns", self.name, error
        )

    def succeeded(self) -> None:
        if not self.down:  # the usual case: no lock taken
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Redis at %s is reachable again: the cache is in use", self.name)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_of(location: str) -> _Outage:
    with _outages_lock:
        if location not in _outages:
            parts = urlsplit(location)
            # Host and port only: a URL's password must not reach the log.
            name = f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else location
            _outages[location] = _Outage(name)
        return _outages[location]


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # redis-py's clients are thread-safe over their pool; a race here only builds one twice.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _soft(fallback):
    """A cache method that answers `fallback(*args)` instead of raising while Redis cannot be reached."""

    def wrap(method):
        def soft(self, *args, **kwargs):
            outage = self.outage
            if outage.skipping():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                outage.failed(error)
                return fallback(*args, **kwargs)
            outage.succeeded()
            return result

        soft.__name__ = method.__name__
        soft.__doc__ = method.__doc__
        return soft

    return wrap


def _default(key, default=None, version=None):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _delta(key, delta=1, version=None):
    return delta  # as if the count started from nothing: nothing was counted while Redis was away


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
        self.outage = _outage_of(self._servers[0])

    def reachable(self) -> bool:
        """False while this process is leaving Redis alone after a failure (for `redis_client`'s callers)."""
        return not self.outage.skipping()

    # Reads miss.
    get = _soft(_default)(DjangoRedisCache.get)
    get_many = _soft(lambda *args, **kwargs: {})(DjangoRedisCache.get_many)
    has_key = _soft(_false)(DjangoRedisCache.has_key)
    # Writes are skipped; set_many's answer is the keys it could not set: all of them.
    set = _soft(_nothing)(DjangoRedisCache.set)
    set_many = _soft(lambda data, *args, **kwargs: list(data))(DjangoRedisCache.set_many)
    touch = _soft(_false)(DjangoRedisCache.touch)
    delete = _soft(_false)(DjangoRedisCache.delete)
    delete_many = _soft(_nothing)(DjangoRedisCache.delete_many)
    clear = _soft(_false)(DjangoRedisCache.clear)
    incr = _soft(_delta)(DjangoRedisCache.incr)
    # A claim (response_cache.one_builder) is granted: the request builds its body itself rather than wait
    # for a builder no other process can announce.
    add = _soft(lambda *args, **kwargs: True)(DjangoRedisCache.add)


def redis_client(cache):
    """A redis-py client on `cache`'s primary server when it is a Redis cache, else None: for the one-round-trip
    steps Django's cache API has no call for (a pipeline, a compare-and-set script). Keys given to it must
    be made by `cache.make_and_validate_key` first, as the cache's own calls do. Its commands are not soft:
    callers check `cache.reachable()` first and pass what they catch of `UNREACHABLE` to `cache.outage.failed`."""
    if not isinstance(cache, DjangoRedisCache):
        return None
    return cache._cache.get_client(write=True)  # Django's only way to its client; the key does not pick one
