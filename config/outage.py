"""A database outage answers 503 with a short message, never a traceback.

Connections are checked before reuse (CONN_HEALTH_CHECKS) and one that failed is closed at the end of its
request, so the first request after the database is back succeeds without restarting the server.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
MESSAGE = {
    "en": "The atlas's database is unavailable. Nothing was changed; please try again in a minute.",
    "tr": "Atlasın veritabanına şu an ulaşılamıyor. Hiçbir şey değişmedi; lütfen bir dakika sonra yeniden deneyin.",
}


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 in both languages (the request's language may itself be unknowable without the database)."""
    if request.path.startswith("/api/"):
        body = {"detail": MESSAGE["en"], "detail_tr": MESSAGE["tr"]}
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        text = f"{MESSAGE['tr']}\n\n{MESSAGE['en']}\n"
        response = HttpResponse(text, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database error into the 503, also when debugging (the outage is not a bug)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error outside a view (sessions, authentication) is an outage too."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request)
