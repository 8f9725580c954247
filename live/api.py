"""The live class's API, for present mode (the teacher) and the join page (the students).

    POST /api/v1/live/                    {"lesson": slug, "step": 1, "lang": "tr"}  → 201 state + token, URLs
    GET  /api/v1/live/<code>/             → 200 state (anyone: the phones ask why a stream was refused)
    POST /api/v1/live/<code>/step/        {"step": n}   with Authorization: Bearer <token> → 200 state
    POST /api/v1/live/<code>/release/     (no body)     with the token → 200 state, "released": true
    POST /api/v1/live/<code>/recall/      (no body)     with the token → 200 state, "released": false
    POST /api/v1/live/<code>/end/         (no body)     with the token → 200 state, "ended": true
    POST /api/v1/live/<code>/answers/     {"step": n, "choice": k, "device": token}  (a phone, no token)
                                          → 201 {"step", "choice"}; 409 answered already or the class moved on
    GET  /api/v1/live/<code>/answers/     with the token → 200 the current step's question and its tally:
                                          {"step", "version", "question": {"prompt", "choices"} | null,
                                           "counts", "total"}

Errors are {"detail": "what to fix"}: 400 a wrong body, 403 no token or another class's, 404 no such code,
409 right but not now,
410 the class has ended (or sat unmoved for six hours), 429 too many wrong codes from one address
(live/guessing.py, with Retry-After). Anyone presenting may start a class: no account,
as present mode needs none; the token, returned once, is what lets its holder move the class.

Not in the OpenAPI schema, which describes the read API of the atlas's records.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from live.guessing import TooManyGuesses, guarded
from live.models import LiveClass
from live.services import (
    LiveError,
    class_answer,
    class_end,
    class_recall,
    class_release,
    class_start,
    class_step,
    class_tally,
    live_class,
    running_class,
    teachers_class,
)


def _body(request, example: str = '{"step": 2}') -> dict:
    try:
        data = request.data
    except ParseError:
        data = None
    if not isinstance(data, dict):
        raise LiveError(_("Send a JSON object, e.g. %(example)s.") % {"example": example})
    # PostgreSQL cannot compare a text holding NUL: refused here rather than raised by the lookup.
    if any(isinstance(value, str) and "\x00" in value for value in data.values()):
        raise LiveError(_("A value of the JSON object holds a NUL character (character 0): remove it."))
    return data


def _token(request) -> str | None:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _urls(request, live: LiveClass) -> dict:
    join = reverse("frontend:live-join-class", args=[live.code])
    return {
        "join_url": request.build_absolute_uri(join),
        "events_url": reverse("live-events", args=[live.code]),
    }


@extend_schema(exclude=True)
class LiveView(APIView):
    # No session: the token is the teacher's credential, and without a cookie there is no CSRF to guard.
    authentication_classes = []
    permission_classes = [AllowAny]

    def finalize_response(self, request, response, *args, **kwargs):
        # A state is true for a moment only: a phone asking why its stream stopped must not read an old one.
        add_never_cache_headers(response)
        return super().finalize_response(request, response, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, LiveError):
            response = Response({"detail": str(exc)}, status=exc.status)
            if isinstance(exc, TooManyGuesses):
                response["Retry-After"] = str(exc.retry_after)
            return response
        return super().handle_exception(exc)


class LiveStartView(LiveView):
    def post(self, request):
        data = _body(request)
        live, token = class_start(lesson_slug=data.get("lesson"), step=data.get("step", 1), lang=data.get("lang"))
        return Response({**live.state(), "token": token, **_urls(request, live)}, status=201)


class LiveStateView(LiveView):
    def get(self, request, code: str):
        live = guarded(request, code, lambda: live_class(code))
        return Response({**live.state(), **_urls(request, live)})


ACTIONS = {
    "step": lambda live, body: class_step(live, body.get("step")),
    "release": lambda live, body: class_release(live),
    "recall": lambda live, body: class_recall(live),
    "end": lambda live, body: class_end(live),
}


class LiveChangeView(LiveView):
    """The teacher's moves: `action` is one of ACTIONS, named by the URL."""

    action = ""

    def post(self, request, code: str):
        token = _token(request)
        live = guarded(request, code, lambda: teachers_class(code, token), token=token)
        body = _body(request) if self.action == "step" else {}
        return Response(ACTIONS[self.action](live, body).state())


class LiveAnswersView(LiveView):
    """A phone answers the current step's question (POST); the teacher reads the tally (GET, with the token)."""

    def post(self, request, code: str):
        live = guarded(request, code, lambda: running_class(code))
        data = _body(request, '{"step": 2, "choice": 1, "device": "…"}')
        answer = class_answer(live, step=data.get("step"), choice=data.get("choice"), device=data.get("device"))
        return Response({"step": answer.step, "choice": answer.choice}, status=201)

    def get(self, request, code: str):
        token = _token(request)
        return Response(class_tally(guarded(request, code, lambda: teachers_class(code, token), token=token)))
