"""What every API view shares: the language of the response, negotiated once per request, and the
error responses every operation documents."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from common.response_cache import cached_bytes_response, public_read_headers
from common.translation import language_codes, translate

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _ in settings.LANGUAGES],
    description="Language of the texts; default from Accept-Language, then Turkish.",
)


def request_language(request) -> str:
    """?lang= when given (an unknown code is a 400), else Accept-Language, else the site default."""
    requested = request.query_params.get("lang")
    if requested is not None:
        if requested not in language_codes():
            raise ValidationError(
                {"lang": f"Unknown language {requested!r}; use one of: {', '.join(language_codes())}."}
            )
        return requested
    negotiated = get_language_from_request(request._request, check_path=False)
    return negotiated if negotiated in language_codes() else settings.LANGUAGE_CODE


_ERROR_BODY = {
    "type": "object",
    "description": "Each parameter that is wrong, with what to write instead.",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}
BAD_REQUEST = OpenApiResponse(
    _ERROR_BODY, description="A parameter is wrong; the body names it and says what to write."
)
DETAIL_BODY = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
BAD_CREDENTIALS = OpenApiResponse(
    DETAIL_BODY, description="Credentials were sent and are wrong; reading needs none, so send none."
)
NOT_FOUND = OpenApiResponse(DETAIL_BODY, description="No such record.")


class AtlasAutoSchema(AutoSchema):
    """Every operation also documents its errors: any query parameter can be wrong (400), credentials
    sent can be wrong (403), and a record looked up by slug can be missing (404)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {"400": BAD_REQUEST, "403": BAD_CREDENTIALS}
        if not self._is_list_view():
            errors["404"] = NOT_FOUND
        for code, response in errors.items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses


class LanguageMixin:
    """Puts the negotiated language in the serializer context as `lang`."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.lang = request_language(request)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["lang"] = getattr(self, "lang", settings.LANGUAGE_CODE)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if hasattr(self, "lang"):
            response["Content-Language"] = self.lang
        # Added to any Vary already there (a cached body varies on Accept-Encoding too). Without ?lang= the
        # language may come from the language cookie as well.
        patch_vary_headers(
            response, ("Accept-Language",) if "lang" in request.query_params else ("Accept-Language", "Cookie")
        )
        if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
            public_read_headers(request, response)
        return response


class TranslatedText:
    """Serializer helper: `text(obj.title)` in the request's language."""

    def text(self, value: dict | None) -> str:
        return translate(value, self.context.get("lang", settings.LANGUAGE_CODE))


@extend_schema_field(OpenApiTypes.STR)
class TranslatedTextField(serializers.Field):
    """A translated model field, read out in the request's language."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: dict | None) -> str:
        return translate(value, self.context.get("lang", settings.LANGUAGE_CODE))


def asks_whole_list(request, also: Iterable[str] = ()) -> bool:
    """True when `request` asks for JSON in some language and names no other parameter than those in `also`.

    Only such asks are answered from the cached body: any other parameter (a page, a filter, a word the API
    does not know) builds its answer afresh rather than storing another copy.
    """
    return set(request.query_params) <= {"lang", *also} and request.accepted_renderer.format == "json"


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class TranslatedReadOnlyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only records looked up by slug, their texts in the request's language."""

    lookup_field = "slug"

    def list(self, request, *args, **kwargs):
        if not asks_whole_list(request):
            return super().list(request, *args, **kwargs)

        # The page reads these lists whole on every load; they change only with the data version.
        def build() -> list:
            return self.get_serializer(self.filter_queryset(self.get_queryset()), many=True).data

        return cached_bytes_response(request, [f"api:{self.basename}", self.lang], build)


def iso_day_field(help_text: str = "") -> serializers.RegexField:
    """A bound as the API writes it: an ISO 8601 day, with EDTF's extended years before 1 (`-0043-03-15`
    is 15 March 44 BC) and deep time's longer ones (`-13800000000-01-01`), which OpenAPI's `date` format cannot
    describe; null for an open side."""
    wording = (
        "ISO day YYYY-MM-DD; years before 1 astronomical with a minus sign (-0043-03-15 is 15 March 44 BC), "
        "years beyond four digits in full (-13800000000-01-01)"
    )
    return serializers.RegexField(
        r"^-?\d{4,}-\d{2}-\d{2}$", allow_null=True, help_text=f"{help_text}{'; ' if help_text else ''}{wording}"
    )
