"""Guards against guessing and flooding: who a request comes from, and what a locked-out login sees."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
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


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's own policy built once rather than for every response.

    Building the header from the settings cost about 0.15 ms a response, a fifth of a cached API answer. A
    response that changes its policy (`_csp_replace` and the like: the admin's map preview) or a request that
    used a nonce still goes through django-csp as it is.
    """

    _OVERRIDES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
    _built: tuple[str, tuple[str, str]] | None = None

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, n) for n in self._OVERRIDES):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):
            return response  # django-csp leaves Django's debug pages alone
        enforced, report_only = self._site_policy()
        for header, policy, exempt, setting in (
            (HEADER, enforced, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, report_only, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            excluded = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            wanted = policy and not getattr(response, exempt, False) and not request.path_info.startswith(excluded)
            if wanted and header not in response:
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _site_policy(self) -> tuple[str, str]:
        # Keyed on the settings themselves, so a test overriding them gets the policy it set.
        key = repr(
            (
                getattr(settings, "CONTENT_SECURITY_POLICY", None),
                getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            )
        )
        if self._built is None or self._built[0] != key:
            self._built = (key, (build_policy(), build_policy(report_only=True)))
        return self._built[1]


class NulCharacterMiddleware:
    """A NUL character (`%00`) in the address is refused with 400 before any view reads it.

    No slug, code, language or filter of the atlas holds one, and PostgreSQL cannot even compare a text with
    one (it raises, which would be a 500 on every lookup that takes the address's words)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = [request.path, *(part for key, values in request.GET.lists() for part in (key, *values))]
        if any("\x00" in part for part in asked):
            from django.http import JsonResponse
            from django.utils.translation import gettext as _

            message = _("The address holds a NUL character (character 0), which nothing in the atlas has: remove it.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
