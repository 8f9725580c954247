"""Join codes cannot be guessed in the time a class lasts: wrong codes are counted per client address.

A code is one of 25 ** 6 = 244 million (live/models.py), and a class is followed for at most six hours
unmoved (IDLE_LIMIT). Unlimited, one address asking as fast as two cores answer (about 1,000 a second)
tries 21 million codes in six hours: with ten classes running, a 60 % chance of finding one. The API's
throttle (3,000 a minute) covers neither the join page nor the stream, and would still allow a million.

Counted here, an address may name `MISSES_ALLOWED` codes that do not exist in each `WINDOW_SECONDS` (30 in ten
minutes: a classroom's typos behind one school address, many times over). That is 1,080 guesses in six hours,
against ten running classes one chance in 22,000. Past the limit, every look-up by code from that address is
refused with 429 until the window ends, a right code too: answering right codes and refusing wrong ones would
tell the guesser which is which. The one exception is the teacher moving their own class with its token (256
random bits, which cannot be guessed), so a pupil's script on the school's network cannot stop the lesson.
Phones already following keep their stream; one that reconnects meanwhile is refused until the window ends.

The counts live in the default cache: shared by every worker and server with Redis, per worker without it (then
the limit is per worker). While Redis is away nothing is counted (common/cache.py fails soft), as the API
throttle admits everyone then.
"""

from __future__ import annotations

import contextlib
import math
import time
from types import SimpleNamespace

from django.core.cache import cache
from django.http.request import HttpHeaders
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

from live.services import LiveError, NoSuchClass, teachers_class

MISSES_ALLOWED = 30
WINDOW_SECONDS = 600
_clock = time.time  # tests move it by hand


class TooManyGuesses(LiveError):
    status = 429

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            ngettext(
                "Too many wrong class codes were tried from your network. Wait %(minutes)d minute, then type "
                "the code again.",
                "Too many wrong class codes were tried from your network. Wait %(minutes)d minutes, then type "
                "the code again.",
                minutes,
            )
            % {"minutes": minutes}
        )


def client_address(request) -> str:
    """The socket's address, or with DJANGO_NUM_PROXIES the one the nearest proxy saw: the rule of the API's
    throttle and the admin's lock-out (config.security.client_address, a layer above this app)."""
    return BaseThrottle().get_ident(request)


def _window(address: str) -> tuple[str, int]:
    """This window's counter key for `address`, and the seconds until the window ends."""
    now = _clock()
    window = int(now // WINDOW_SECONDS)
    return f"live-misses:{address}:{window}", math.ceil((window + 1) * WINDOW_SECONDS - now)


def refuse_if_guessing(address: str) -> None:
    """TooManyGuesses when `address` has used up this window's wrong codes."""
    key, left = _window(address)
    if (cache.get(key) or 0) >= MISSES_ALLOWED:
        raise TooManyGuesses(left)


def count_miss(address: str) -> None:
    key, _left = _window(address)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    with contextlib.suppress(ValueError):  # evicted between the two calls: this one miss goes uncounted
        cache.incr(key)


def guarded(request, code: str, lookup, *, token: str | None = None):
    """`lookup()` (a live class by `code`), refused while the client's address is over the limit, its
    NoSuchClass counted. With `token` the class's teacher passes even then (see the module's docstring)."""
    address = client_address(request)
    try:
        refuse_if_guessing(address)
    except TooManyGuesses:
        if not token or not _is_teacher(code, token):
            raise
    try:
        return lookup()
    except NoSuchClass:
        count_miss(address)
        raise


def _is_teacher(code: str, token: str) -> bool:
    try:
        teachers_class(code, token)
    except LiveError:
        return False
    return True


def scope_address(scope) -> str:
    """The client's address of an ASGI request, by the same rule as `client_address` (DJANGO_NUM_PROXIES)."""
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}
    meta = {"REMOTE_ADDR": (scope.get("client") or ("",))[0]}
    if "x-forwarded-for" in headers:
        meta["HTTP_X_FORWARDED_FOR"] = headers["x-forwarded-for"]
    return client_address(SimpleNamespace(META=meta, headers=HttpHeaders(meta)))
