"""The anonymous API throttle as one Redis round trip: a counter per address and minute, not a list.

DRF's `AnonRateThrottle` keeps each address's request times as a list in the cache, read, unpickled,
trimmed, pickled and written back on every request: two round trips, and at the site's 3,000/minute a list
of up to 3,000 floats (27 kB) each way. This one counts in fixed windows and weighs the previous window by
how much of it still lies within the last `duration` seconds (the "sliding window counter"), which keeps the
limit smooth across a window's edge. With Redis the count, its expiry and the previous count go in one
pipeline; any other cache (tests, a single process) uses `add` and `incr`.

As DRF's, a refused request does not count, so a reader who waits as told (Retry-After) is served.

While Redis cannot be reached the throttle admits every request (fails open): the counts are gone with it, and
refusing everyone would turn a cache outage into a site outage, while admitting everyone only lifts a limit
that exists to share the servers fairly, for the seconds or minutes Redis is away (nginx's `limit_req`, where
it runs, still guards each address).
"""

from __future__ import annotations

import math

from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

from common.cache import UNREACHABLE, redis_client


class WindowedAnonRateThrottle(AnonRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:  # a signed-in user: not throttled, as DRF's
            return True
        return self._admit()

    def _admit(self) -> bool:
        now = self.timer()
        window, elapsed = divmod(now, self.duration)
        current_key, previous_key = f"{self.key}:{int(window)}", f"{self.key}:{int(window) - 1}"
        current, previous = self._count(current_key, previous_key)
        weight = 1 - elapsed / self.duration
        if previous * weight + current <= self.num_requests:
            return True
        caches["default"].decr(current_key)  # refused: not counted (rare, so its extra round trip does not matter)
        self._wait = self._seconds_until_allowed(current - 1, previous, elapsed)
        return False

    def _count(self, current_key: str, previous_key: str) -> tuple[int, int]:
        """This window's count including this request, and the previous window's."""
        timeout = 2 * self.duration  # the previous window is read during the next one
        cache = caches["default"]
        if (client := redis_client(cache)) is not None:
            if not cache.reachable():
                return 0, 0  # fail open (see the module's docstring)
            current_key = cache.make_and_validate_key(current_key)
            previous_key = cache.make_and_validate_key(previous_key)
            pipe = client.pipeline(transaction=False)
            pipe.incr(current_key)
            pipe.expire(current_key, timeout)
            pipe.get(previous_key)
            try:
                current, _, previous = pipe.execute()
            except UNREACHABLE as error:
                cache.outage.failed(error)
                return 0, 0
            cache.outage.succeeded()
            return current, int(previous or 0)
        cache.add(current_key, 0, timeout)
        return cache.incr(current_key), int(cache.get(previous_key, 0))

    def _seconds_until_allowed(self, current: int, previous: int, elapsed: float) -> float:
        if current >= self.num_requests:
            # Full this window: wait for the next, where this window's count weighs less as time goes on.
            after_edge = self.duration * (1 - (self.num_requests - 1) / current) if current else 0
            return self.duration - elapsed + after_edge
        # The previous window's share has to fade until one more request fits.
        room = self.num_requests - 1 - current
        return max(1.0, self.duration * (1 - room / previous) - elapsed) if previous else 1.0

    def wait(self):
        return math.ceil(self._wait)
