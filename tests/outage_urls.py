"""The site's URLs plus views that fail as they would with the database down (tests/test_security.py)."""

from django.db import InterfaceError, OperationalError
from django.urls import path

from config.urls import handler500, urlpatterns  # noqa: F401 (handler500 is looked up on this module)


def _database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def _connection_closed(request):
    raise InterfaceError("connection already closed")


def database_down_middleware(get_response):
    """Stands for a middleware that reads the database (sessions, authentication) while it is down."""

    def middleware(request):
        raise OperationalError("server closed the connection unexpectedly")

    return middleware


def _bug(request):
    raise ValueError("an ordinary bug")


urlpatterns = [
    path("api/v1/outage/", _database_down),
    path("outage/", _database_down),
    path("closed/", _connection_closed),
    path("bug/", _bug),
    *urlpatterns,
]
