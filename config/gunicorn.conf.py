"""gunicorn's settings: `gunicorn -c config/gunicorn.conf.py` (as `make serve` runs it).

Environment: PORT (8000), SERVE_HOST (127.0.0.1), WEB_CONCURRENCY (2 × cores + 1, at most 8).
"""

import os

from config.serve import bind_address, worker_count

wsgi_app = "config.wsgi:application"
bind = [bind_address(environ=os.environ)]
workers = worker_count(environ=os.environ, cpus=os.cpu_count())
# Sync workers: every request is short (the largest list is cached); a slow one is cut off at 30 s.
timeout = 30
accesslog = "-"
errorlog = "-"
# No preload_app: each worker imports the app itself, so a HUP (an upgrade) loads the new code.
# gunicorn's control socket has one path per user: two servers on one machine would take it from each other.
control_socket_disable = True
