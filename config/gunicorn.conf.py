"""gunicorn's settings: `gunicorn -c config/gunicorn.conf.py` (as `make serve` runs it).

Environment: PORT (8000), SERVE_HOST (127.0.0.1), WEB_CONCURRENCY (2 × cores + 1, at most 8), WEB_SERVER
(asgi: uvicorn's workers, the default; wsgi: gunicorn's own), WEB_THREADS (wsgi only: 4 a worker; 1 for sync
workers).
"""

import os

from config.serve import bind_address, server_kind, thread_count, worker_count

ASGI = server_kind(environ=os.environ) == "asgi"
bind = [bind_address(environ=os.environ)]
workers = worker_count(environ=os.environ, cpus=os.cpu_count())
if ASGI:
    # uvicorn's event loop in each worker: a live class's event streams wait there, each a coroutine, not a
    # thread (live/asgi.py); the rest goes to Django on WEB_THREADS threads (config/asgi.py).
    wsgi_app = "config.asgi:application"
    worker_class = "uvicorn_worker.UvicornWorker"
    threads = 1
else:
    wsgi_app = "config.wsgi:application"
    threads = thread_count(environ=os.environ)
    # Threaded workers keep a client's connection open between its requests (the page makes seven to the
    # API at once, then more as the reader moves); sync workers close it after every answer. A request
    # still gets at most 30 s.
    worker_class = "gthread" if threads > 1 else "sync"
keepalive = 5
timeout = 30
accesslog = "-"
errorlog = "-"
# No preload_app: each worker imports the app itself, so a HUP (an upgrade) loads the new code.
# gunicorn's control socket has one path per user: two servers on one machine would take it from each other.
control_socket_disable = True


def post_worker_init(worker):
    """Warm the worker (frontend/warmup.py) before it accepts its first connection."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    from frontend.warmup import warm

    # Warmed through Django's WSGI handler either way: the same middleware, views and caches in this process,
    # and no event loop needed before uvicorn starts its own.
    statuses = warm(get_wsgi_application() if ASGI else worker.wsgi)
    # The requests ran on this thread; the worker's request threads open their own connections.
    connections.close_all()
    others = {path: status for path, status in statuses.items() if status != 200}
    worker.log.info("warmed %d first-paint requests%s", len(statuses), f"; not 200: {others}" if others else "")
