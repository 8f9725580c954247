"""The students' side of a live class: `/join/` (type the code) and `/join/<code>/` (follow the teacher).

The page is rendered in the class's language (or the one the link asks for, ?lang=); its script
(frontend/static/frontend/live/join.js) reads the lesson from the lessons API and follows the class's
event stream (live/stream.py). Nothing about the student is asked for or kept.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from common.translation import language_codes
from frontend.wording import page_language, page_strings
from live.guessing import TooManyGuesses, guarded
from live.services import LiveError, normalise_code, running_class


def join_strings() -> dict[str, str]:
    """What join.js says, in the active language. {n}, {count}: filled in by the script."""
    return {
        "connecting": gettext("Connecting to the class…"),
        "following": gettext("Your screen follows the teacher."),
        "reconnecting": gettext("Connection lost. Reconnecting…"),
        "released": gettext("The teacher has let you explore freely."),
        "recalled": gettext("The teacher has called the class back to this step."),
        "ended": gettext("This live class has ended. Thank you!"),
        "malformed": gettext("The class sent a message this page cannot read; waiting for the next one."),
        "lessonFailed": gettext("The lesson could not be loaded. Trying again…"),
        "position": gettext("Step {n} of {count}"),
        "untitled": gettext("Step {n}"),
        "answerSent": gettext("Answer sent: {choice}. Thank you!"),
        "answered": gettext("Your answer: {choice}."),
        "answerFailed": gettext("Your answer could not be sent: check the connection and try again."),
    }


def _language(request, default: str) -> str:
    asked = request.GET.get("lang")
    return asked if asked in language_codes() else default


def _render(request, *, lang: str, status: int = 200, **context):
    with translation.override(lang):
        response = render(
            request,
            "frontend/live_join.html",
            {
                "lang": lang,
                "languages": settings.LANGUAGES,
                "strings": join_strings(),
                **context,
            },
            status=status,
        )
    # A phone's back button or a reload must ask again: the class may have moved or ended meanwhile.
    add_never_cache_headers(response)
    return response


def join(request):
    """`/join/`: the form for the code; `/join/?code=…` goes to that class's page."""
    lang = page_language(request)
    if "code" in request.GET:
        code = normalise_code(request.GET["code"])
        if code:
            return redirect(f"{reverse('frontend:live-join-class', args=[code])}?lang={lang}")
        with translation.override(lang):
            error = gettext("Type the code shown on the teacher's screen.")
        return _render(request, lang=lang, status=400, error=error)
    return _render(request, lang=lang)


def join_class(request, code: str):
    """`/join/<code>/`: the class's current step, following the teacher; a clear message when it cannot."""
    try:
        # The service words its refusals in the active language: the reader's here.
        with translation.override(page_language(request)):
            live = guarded(request, code, lambda: running_class(code))
    except LiveError as error:
        response = _render(
            request, lang=page_language(request), status=error.status, error=str(error), code=normalise_code(code)
        )
        if isinstance(error, TooManyGuesses):
            response["Retry-After"] = str(error.retry_after)
        return response
    lang = _language(request, live.lang)
    config = {
        "code": live.code,
        "lang": lang,
        "lesson": live.lesson_slug,
        "lessonApi": reverse("lesson-detail", kwargs={"slug": live.lesson_slug}),
        "lessonPage": reverse("frontend:lesson", kwargs={"lesson_slug": live.lesson_slug}),
        "atlas": reverse("frontend:atlas"),
        "events": reverse("live-events", args=[live.code]),
        "state": reverse("live-state", args=[live.code]),
        "answers": reverse("live-answers", args=[live.code]),
        "defaultLang": settings.LANGUAGE_CODE,
    }
    return _render(request, lang=lang, live=live, config=config, ui_strings=page_strings())
