"""The one cache: finished public bodies (the API's lists and records, the atlas page), gzipped, with their ETag.

The whole event list at 10,000 events is 2.9 MB of JSON (0.22 MB gzipped). Caching its Python rows still
cost every hit an unpickle, a JSON render and a gzip of 2.9 MB (about 1 request a second under `make
serve`); caching the gzipped bytes and their ETag makes a hit one cache read and a write to the socket.

A body's key cannot name another body: it is

    body:<release>:<data epoch>:<digest of what was asked>

- the release (common/release.py): the code answering, so two releases sharing one Redis never read each
  other's bodies;
- the data epoch (common/epoch.py): a random value the database replaces in the same transaction as every
  write to the atlas's data, read on every request, so a body is never older than the data it is read with;
- what was asked, normalised by the caller: only the parameters the view reads, validated, in a fixed
  order (language, filters, fields), so `?utm_source=…` or a parameter order makes no new entry.

A body is built inside one consistent snapshot with the epoch it is kept under (REPEATABLE READ on
PostgreSQL, one read transaction on SQLite): a write committed while it is being built cannot end up in a
body kept under the epoch before that write.

Bodies live in this process (the recent ones, within a budget) and in the shared cache (Redis with several
workers or servers). Callers keep what only some users may see (a curator's preview of drafts) out of this
cache: it is shared by everyone. HTTP does the rest: the ETag answers If-None-Match with 304, and
anonymous reads carry `Cache-Control: public, max-age` (settings.PUBLIC_MAX_AGE) for browsers and a proxy.
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

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from rest_framework.renderers import JSONRenderer

from common.epoch import data_epoch
from common.release import release

CACHE_SECONDS = 24 * 3600
# Level 6, as Django's GZipMiddleware: level 9 is several times slower for a few per cent fewer bytes.
GZIP_LEVEL = 6


def _etag(raw: bytes) -> str:
    # Weak: the same entity is sent gzipped or not, byte-different; either matches a later If-None-Match.
    return f'W/"{hashlib.sha256(raw).hexdigest()[:32]}"'


def render_json(data) -> bytes:
    """The same bytes DRF's JSONRenderer writes for `data` (compact, UTF-8)."""
    return JSONRenderer().render(data)


def ask_digest(key_parts: Iterable) -> str:
    """What was asked, as a fixed-size name: the part of a body's key that does not change with the data."""
    asked = json.dumps(list(key_parts), sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(asked.encode()).hexdigest()


def cache_key(ask: str, epoch: str) -> str:
    return f"body:{release()}:{epoch}:{ask}"


class Recent:
    """What this process used last, by key, within a budget (least recently used out first), thread-safe.

    Holds the recent bodies (a hit then skips even the shared cache). Safe without any invalidation because
    a body's key carries the release and the data epoch: a write makes new keys, and the old entries are
    simply never asked for again and fall out.
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
    """Empty this process's copies (tests that change the code under a running release: settings, mocks)."""
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
    entry = keep_nothing(raw)
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


@contextmanager
def consistent_snapshot(using: str = DEFAULT_DB_ALIAS):
    """One view of the data for the epoch read and the build that follows it (see the module's docstring).

    Inside a transaction already (a test, a write's own response) that transaction is the snapshot."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # Must be the transaction's first statement; PostgreSQL's default, READ COMMITTED, would let each
            # query of the build see a commit made after the epoch was read.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # SQLite: a read transaction sees one state of the file until it ends (its shared lock, or WAL's
        # snapshot), so nothing to set.
        yield


def stored_body(ask: str, build: Callable[[], object], shared: bool = True) -> tuple[str, bytes] | None:
    """The (ETag, gzipped body) for `ask` at the database's epoch: kept, or built now and kept.

    None only when the database has no epoch to key on (not migrated): the caller then builds afresh."""
    if (epoch := data_epoch()) is None:
        return None
    key = cache_key(ask, epoch)
    if (entry := recall(key, shared)) is not None:
        return entry
    # Waiting for another builder happens outside any transaction: a reader waiting must not hold one open.
    with one_builder(key, shared) as entry:
        if entry is not None:
            return entry
        with consistent_snapshot():
            # Read again inside the snapshot: the body built next is exactly the data of this epoch.
            if (epoch := data_epoch()) is None:
                return None
            key = cache_key(ask, epoch)
            if (entry := recall(key, shared)) is not None:
                return entry
            body = build()
            return keep(key, body if isinstance(body, bytes) else render_json(body), shared)


def cached_data(key_parts: Iterable, build: Callable[[], object], timeout: int = CACHE_SECONDS):
    """Data (not bytes) kept in the shared cache under the same key as a body: for an answer whose bytes
    also depend on the request (a page of a list, whose links follow its host), so only its rows are kept."""
    ask = ask_digest(key_parts)
    if (epoch := data_epoch()) is None:
        return build()
    # A hit is one epoch read and one cache read; only a miss opens the snapshot (as stored_body does).
    if (data := cache.get("data:" + cache_key(ask, epoch))) is not None:
        return data
    with consistent_snapshot():
        if (epoch := data_epoch()) is None:
            return build()
        data = build()
        cache.set("data:" + cache_key(ask, epoch), data, timeout=timeout)
        return data


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
    """The body `build()` makes (bytes, or data rendered as DRF renders JSON), cached by release, data epoch
    and `key_parts` (what was validly asked: never the raw query string).

    Answers If-None-Match with 304, gzip to clients that accept it and identity to the others. The
    response carries Content-Encoding itself, so GZipMiddleware leaves it alone (it never compresses twice).
    `shared=False` keeps the body in this process only.
    """
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    entry = stored_body(ask_digest(key_parts), build, shared)
    if entry is None:
        body = build()
        entry = keep_nothing(body if isinstance(body, bytes) else render_json(body))
    response = body_response(request, *entry, content_type)
    public_read_headers(request, response)
    return response


def keep_nothing(raw: bytes) -> tuple[str, bytes]:
    """The (ETag, gzipped body) of `raw`, as `keep` makes it, kept nowhere."""
    return _etag(raw), gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)


def public_read_headers(request, response: HttpResponse) -> None:
    """How long browsers and a proxy may reuse a public answer (docs/operations.md, "Caching").

    Anonymous readers may reuse it for PUBLIC_MAX_AGE seconds, then revalidate it with its ETag (a 304
    costs one cached look-up). A signed-in curator's browser always revalidates, so a curator who has just
    saved sees the save on the next load; `private` keeps a shared proxy from storing their copy."""
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)


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
