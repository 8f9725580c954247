import os

from django.core.asgi import get_asgi_application

from config.env import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
require_secret_key()  # before Django builds the handler, which would fail with a vaguer message
application = get_asgi_application()

# A live class's event streams first, each a coroutine rather than a request thread (live/asgi.py).
from live.asgi import live_events_first  # noqa: E402 (after Django is set up)

application = live_events_first(application)
