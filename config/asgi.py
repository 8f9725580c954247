"""The ASGI application `make serve` runs (uvicorn's workers, config/gunicorn.conf.py).

A live class's event streams are answered first, each a coroutine (live/asgi.py). Everything else goes to
Django's WSGI handler on a fixed pool of threads (a2wsgi), as gunicorn's threaded workers would run it:
measured under `make serve` with 50 clients loading the page and its first-paint data (docs/operations.md),
Django's own ASGI handler answered 495 requests a second at a p50 of 81 ms, gthread workers 2,393 at 10 ms:
the ASGI handler gives every request a thread of its own and hops between threads for each sync
middleware. The pool's threads keep their database connections as gthread's do (DJANGO_CONN_MAX_AGE).
"""

import os

from a2wsgi import WSGIMiddleware
from django.core.wsgi import get_wsgi_application

from config.env import require_secret_key
from config.serve import thread_count

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
require_secret_key()  # before Django builds the handler, which would fail with a vaguer message
django_application = get_wsgi_application()

from live.asgi import live_events_first  # noqa: E402 (after Django is set up)

# WEB_THREADS threads a worker, as for gthread workers (4 unless told).
application = live_events_first(WSGIMiddleware(django_application, workers=thread_count(environ=os.environ)))
