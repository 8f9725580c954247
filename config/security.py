"""Guards against guessing and flooding: who a request comes from, and what a locked-out login sees."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """The client's address: the socket's, or with DJANGO_NUM_PROXIES the one the nearest proxy saw.

    One rule for both guards, so a client cannot dodge one of them with a forged X-Forwarded-For.
    """
    return BaseThrottle().get_ident(request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lock-out page, in the admin's look, saying how long to wait."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)),
    }
    return render(request, "lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
