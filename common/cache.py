"""Django's Redis cache, keeping one client object per connection pool instead of making one per call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` around the (shared, thread-safe) pool for
every cache operation; building it cost about a tenth of a millisecond, a sixth of a cached API answer
(profile in docs/performance.md). The pools, and so the connections, are Django's as before.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient


def redis_client(cache):
    """A redis-py client on `cache`'s primary server when it is a Redis cache, else None: for the one-round-trip
    steps Django's cache API has no call for (a pipeline, a compare-and-set script). Keys given to it must
    be made by `cache.make_and_validate_key` first, as the cache's own calls do."""
    if not isinstance(cache, DjangoRedisCache):
        return None
    return cache._cache.get_client(write=True)  # Django's only way to its client; the key does not pick one
