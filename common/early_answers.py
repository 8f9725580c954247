"""Anonymous repeats of a cached API answer, answered before sessions, authentication and DRF.

A cached body (common/response_cache.py) costs one look-up, yet a hit still passed nine middleware and
DRF's dispatch (content negotiation, authentication, permissions, throttles): about four fifths of its
time, and an API at 43 % of the rate of the same bytes served as a static file (docs/performance.md).

This middleware remembers, per exact request (path, query, and the headers and cookie that choose the
language and the format), what the view asked of the cache when it answered 200. When the same request
comes again, its body for the current data version is in this process, and the client is anonymous, it
is answered from here with the headers the full path gave it, after the same Host check and the same
throttle; the middleware above it (security headers, CSP, gzip, conditional GET) still apply. Anything
else, including every miss, goes the full way, so a write, a curator, a throttled reader or a database
outage gets exactly what it got before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError

from common.response_cache import Recent, body_response, cache_key, recall
from common.versioning import data_version

# The headers a body or its ETag decide; every other header the full path set is given again as it was.
_PER_BODY = {"content-length", "content-encoding", "etag", "content-type"}

# One entry per distinct request seen (a few hundred bytes each): the page asks a handful per language.
_asks = Recent(4096)


def forget_asks() -> None:
    """Empty what this process remembers of requests (tests start every database at the same data version)."""
    _asks.clear()


def _fingerprint(request) -> tuple | None:
    """What can change a GET's answer besides the data, or None when it may depend on who asks."""
    meta = request.META
    if (
        request.method != "GET"
        or settings.SESSION_COOKIE_NAME in request.COOKIES  # a curator's preview, perhaps
        or "HTTP_AUTHORIZATION" in meta
    ):
        return None
    return (
        request.path_info,
        meta.get("QUERY_STRING", ""),
        meta.get("HTTP_ACCEPT", ""),  # DRF chooses the renderer by it
        meta.get("HTTP_ACCEPT_LANGUAGE", ""),  # and the language by these two when no ?lang=
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
    )


class EarlyCachedAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fingerprint = _fingerprint(request)
        known = _asks.get(fingerprint) if fingerprint is not None else None
        if known is not None and (response := self._answer(request, *known)) is not None:
            return response
        response = self.get_response(request)
        if fingerprint is not None and (asked := getattr(response, "cached_ask", None)) is not None:
            self._remember(fingerprint, response, *asked)
        return response

    def _remember(self, fingerprint, response, ask: str, throttles: tuple) -> None:
        if response.status_code != 200 or response.cookies:
            return
        if not all(hasattr(throttle, "admit_early") for throttle in throttles):
            return  # a throttle that cannot count without DRF's request: always the full way
        headers = [(name, value) for name, value in response.items() if name.lower() not in _PER_BODY]
        _asks.put(fingerprint, (ask, response["Content-Type"], headers, throttles))

    def _answer(self, request, ask: str, content_type: str, headers: list, throttles: tuple):
        try:
            version = data_version()
        except DatabaseError:
            return None  # the full way answers an outage (config/outage.py)
        request.data_version_read_early = version  # a miss does not read it twice (common/response_cache.py)
        if (entry := recall(cache_key(ask, version), shared=False)) is None:  # this process's copy only
            return None  # checked before the throttle counts: the full way would count the request again
        request.get_host()  # refuses a Host not allowed, as CommonMiddleware would on the full way
        if not all(throttle().admit_early(request) for throttle in throttles):
            return None  # the full way refuses it with DRF's 429 and Retry-After (a refusal is not counted)
        response = body_response(request, *entry, content_type)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(response.content))  # as CommonMiddleware, on the full way
        return response
