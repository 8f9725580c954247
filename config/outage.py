"""A database outage answers 503 with a short message in the visitor's language, never a traceback.

Connections are checked before reuse (CONN_HEALTH_CHECKS) and one that failed is closed at the end of its
request, so the first request after the database is back succeeds without restarting the server.

A form sent while the database is away (a curator's save) was not saved: the admin saves each form in one
transaction, so a database that fails half-way takes the whole save with it. The page says so and shows the
form again, filled in as sent, with a button that sends it once more (docs/operations.md).
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

from common.translation import language_codes

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# Never written back into a page: a password typed into the login form stays with the one who typed it.
_SECRET_FIELD_WORD = "password"
# Sent again with the form, but nothing the curator typed: not listed on the page.
_FORM_MACHINERY = ("csrfmiddlewaretoken", "edit_fingerprint")


def visitor_language(request: HttpRequest) -> str:
    """?lang= (the page's and the API's choice), else the language cookie or Accept-Language, else Turkish.

    None of it reads the database, and it works before LocaleMiddleware ran (an outage in the sessions)."""
    requested = request.GET.get("lang")
    if requested in language_codes():
        return requested
    negotiated = translation.get_language_from_request(request, check_path=False)
    return negotiated if negotiated in language_codes() else settings.LANGUAGE_CODE


def _message(request: HttpRequest) -> str:
    if request.method == "POST":
        return _(
            "The atlas's database is unavailable, so nothing you sent was saved. Please send it again in a minute."
        )
    return _("The atlas's database is unavailable right now. Nothing was changed; please try again in a minute.")


def _sent_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """What the form sent, to send again: every value of every field, in order, but no password."""
    try:
        posted = request.POST
    except Exception:  # a body that cannot be read again (already consumed as a stream): nothing to re-show
        return []
    return [
        (name, value) for name, values in posted.lists() for value in values if _SECRET_FIELD_WORD not in name.lower()
    ]


def database_unavailable(request: HttpRequest) -> HttpResponse:
    lang = visitor_language(request)
    with translation.override(lang):
        message = _message(request)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            fields = _sent_fields(request) if request.method == "POST" else []
            files = list(request.FILES) if fields else []
            page = render_to_string(
                "database_unavailable.html",
                {
                    "lang": lang,
                    "message": message,
                    "fields": fields,
                    "visible": [(name, value) for name, value in fields if name not in _FORM_MACHINERY and value],
                    "files": files,
                    "action": request.get_full_path(),
                    "retry_after": RETRY_AFTER_SECONDS,
                },
            )
            response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = lang
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database error into the 503, also when debugging (the outage is not a bug)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable (%s %s): %s", request.method, request.path, exception)
            return database_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error outside a view (sessions, authentication) is an outage too."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        logger.error("Database unavailable (%s %s): %s", request.method, request.path, error)
        return database_unavailable(request)
    return defaults.server_error(request)
