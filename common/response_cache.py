"""Finished response bodies, cached per data version: a hit is answered like a static file.

The whole event list at 10,000 events is 2.9 MB of JSON (0.22 MB gzipped). Caching its Python rows still
cost every hit an unpickle, a JSON render and a gzip of 2.9 MB (about 1 request a second under `make
serve`); caching the gzipped bytes and their ETag makes a hit one cache read and a write to the socket.

Only the gzipped body is stored: nearly every client accepts gzip, and the rare one that does not gets it
decompressed on the way out (milliseconds), which halves what the cache holds.

The key is the caller's `key_parts` (what was validly asked: language, filters, fields) and the data
version (common/versioning.py), so any write to the atlas's data retires every cached body at once, in
every worker and on every server sharing the cache. Callers keep what only some users may see (a
curator's preview of drafts) out of this cache: it is shared by everyone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework.renderers import JSONRenderer

from common.versioning import data_version, database_label

CACHE_SECONDS = 24 * 3600
# Level 6, as Django's GZipMiddleware: level 9 is several times slower for a few per cent fewer bytes.
GZIP_LEVEL = 6


def render_json(data) -> bytes:
    """The same bytes DRF's JSONRenderer writes for `data` (compact, UTF-8)."""
    return JSONRenderer().render(data)


def ask_digest(key_parts: Iterable) -> str:
    """What was asked, as a fixed-size name: the part of a body's key that does not change with the data."""
    asked = json.dumps(list(key_parts), sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(asked.encode()).hexdigest()


def cache_key(ask: str, version: int) -> str:
    return f"body:{database_label()}:{version}:{ask}"


class Recent:
    """What this process used last, by key, within a budget (least recently used out first), thread-safe.

    Holds the recent bodies (a hit then skips even the shared cache) and common/early_answers.py's asks.
    Safe without any invalidation because a body's key carries the data version: a write makes new keys,
    and the old entries are simply never asked for again and fall out.
    """

    def __init__(self, budget: int, size: Callable[[object], int] = lambda entry: 1):
        self.budget, self.used, self.size = budget, 0, size
        self.entries: OrderedDict[object, object] = OrderedDict()
        self.lock = threading.Lock()  # gunicorn's threaded workers share a process

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry) -> None:
        size = self.size(entry)
        if size > self.budget:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.used += size
            while self.used > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.used -= self.size(dropped)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.used = 0


# 16 MB a process: the page's lists gzipped (0.2 MB of events at 10,000, 2 MB at 100,000) many times over.
_recent = Recent(16 * 1024 * 1024, size=lambda entry: len(entry[1]))


def forget_recent_bodies() -> None:
    """Empty this process's copies (tests start every database again at the same data version)."""
    _recent.clear()


def recall(key: str, shared: bool = True) -> tuple[str, bytes] | None:
    """The (ETag, gzipped body) kept under `key`: this process's copy, else the shared cache's, else None."""
    if (entry := _recent.get(key)) is not None:
        return entry
    if shared and (entry := cache.get(key)) is not None:
        _recent.put(key, entry)
    return entry


def keep(key: str, raw: bytes, shared: bool = True, timeout: int = CACHE_SECONDS) -> tuple[str, bytes]:
    """Keeps `raw` gzipped under `key` with its ETag, in this process and (if `shared`) the shared cache."""
    # Weak: the same entity is sent gzipped or not, byte-different; either matches a later If-None-Match.
    etag = f'W/"{hashlib.sha256(raw).hexdigest()[:32]}"'
    entry = (etag, gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0))
    if shared:
        cache.set(key, entry, timeout=timeout)
    _recent.put(key, entry)
    return entry


# How long a request waits for another to build the body it needs before building it itself (a builder that
# failed or is slower than this only costs the old behaviour: both build).
BUILD_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.02


@contextmanager
def one_builder(key: str, shared: bool = True):
    """Around building what is kept under `key`: one request builds, the others asking meanwhile wait for it.

    After every write each cached list gets a new key, and every reader asking at that moment missed it at
    once: each built the same body (seconds for the 10,000-event list, 200 ms for an admin form), all
    together, and the cores were theirs until the last finished (docs/performance.md, "Issue 10's last two
    targets, met"). The claim is an `add` in the shared cache, so it holds across workers and servers (with
    `shared=False`, whose bodies other processes cannot read, only within this process). Yields the entry
    another request kept while this one waited, or None: then the caller builds (and keeps) it.
    """
    claim = f"building:{key}" if shared else f"building:{os.getpid()}:{key}"
    if cache.add(claim, 1, timeout=int(BUILD_WAIT_SECONDS) * 3):
        try:
            yield None
        finally:
            cache.delete(claim)
        return
    waited_until = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < waited_until:
        time.sleep(_POLL_SECONDS)
        if (entry := recall(key, shared)) is not None:
            yield entry
            return
        if cache.get(claim) is None:
            break  # the builder finished without keeping anything (an error, a page not to keep)
    yield None


def _stored(key: str, build: Callable[[], object], shared: bool = True) -> tuple[str, bytes]:
    if (entry := recall(key, shared)) is not None:
        return entry
    with one_builder(key, shared) as entry:
        if entry is not None:
            return entry
        body = build()
        return keep(key, body if isinstance(body, bytes) else render_json(body), shared)


def _matches(request, etag: str) -> bool:
    wanted = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    # If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" and "x" are the same validator.
    return "*" in wanted or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in wanted}


def cached_bytes_response(
    request,
    key_parts: Iterable,
    build: Callable[[], object],
    content_type: str = "application/json",
    shared: bool = True,
) -> HttpResponse:
    """The body `build()` makes (bytes, or data rendered as DRF renders JSON), cached per data version.

    Answers If-None-Match with 304, gzip to clients that accept it and identity to the others. The
    response carries Content-Encoding itself, so GZipMiddleware leaves it alone (it never compresses twice).
    `shared=False` keeps the body in this process only: for a body that also depends on the code running
    (an HTML page names the static files of this deployment), which a restart must retire.
    """
    view = (getattr(request, "parser_context", None) or {}).get("view")  # DRF's: its throttles apply early too
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    ask = ask_digest(key_parts)
    # Read once a request: common/early_answers.py may have read it already before passing the request on.
    version = getattr(request, "data_version_read_early", None)
    version = data_version() if version is None else version
    response = body_response(request, *_stored(cache_key(ask, version), build, shared), content_type)
    # For common/early_answers.py: what was asked, and the throttles that must count a repeat of it.
    response.cached_ask = (ask, tuple(type(throttle) for throttle in view.get_throttles()) if view else ())
    return response


def body_response(request, etag: str, gzipped: bytes, content_type: str) -> HttpResponse:
    """A cached body as `request` accepts it: 304 when its ETag matches, else gzipped or plain."""
    if _matches(request, etag):
        response = HttpResponseNotModified()
    elif re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(gzipped, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(gzipped), content_type=content_type)
    response["ETag"] = etag
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
