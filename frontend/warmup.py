"""A new app server warms itself before it takes its first visitor.

A worker's first answers are its slowest: it imports the views, compiles the templates and builds the
bodies the page loads at once (the event index, the map layers) that the cache then keeps per data version.
Measured under `make serve` at 1,000 events (docs/performance.md, "Side by side"): a cold first load of the
page became quiet at 636 ms, a warm one at 440 ms. gunicorn calls `warm` in each worker after it loads the
app and before it accepts a connection (config/gunicorn.conf.py), with the very requests the page makes
first, through the whole middleware stack, so nothing differs from a visitor's request but the timing.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from frontend.views import first_paint_urls, page_api_urls

log = logging.getLogger(__name__)


def first_paint_paths() -> list[str]:
    """The page in each language and what it fetches for its first paint (the URLs api.js asks for)."""
    api = page_api_urls()
    paths = []
    for lang, _name in settings.LANGUAGES:
        paths.append(f"/?lang={lang}")
        paths += first_paint_urls(api, lang)
    return paths


def _environ(path: str, host: str) -> dict:
    parts = urlsplit(path)
    name, _, port = host.partition(":")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": name,
        "SERVER_PORT": port or "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _served_host() -> str:
    # A name the server answers to (behind a proxy, ALLOWED_HOSTS names the public host, not 127.0.0.1).
    concrete = [host for host in settings.ALLOWED_HOSTS if host and host[0] not in ".*"]
    return concrete[0] if concrete else "localhost"


def warm(application: Callable, host: str | None = None) -> dict[str, int]:
    """Ask `application` (a WSGI app) for every first-paint path; returns each path's HTTP status.

    Never raises: a server whose database is down still starts (and answers 503 until it is back)."""
    host = host or _served_host()
    statuses: dict[str, int] = {}
    try:
        for path in first_paint_paths():
            lines: list[str] = []

            def start_response(line, headers, exc_info=None, lines=lines):
                lines.append(line)

            body = application(_environ(path, host), start_response)
            for _chunk in body:  # a streaming body is produced in full, as a visitor's would be
                pass
            if hasattr(body, "close"):
                body.close()
            statuses[path] = int(lines[-1].split()[0])
    except Exception:  # warming is an optimisation: it must never stop the server starting
        log.exception("warming the caches stopped; the server starts cold")
    return statuses
