"""Reads of lessons for the API, the page, the handout and the offline file: plain dicts, a few queries.

A lesson is read in one language; where it has no text in that language the text of another is given
and the row says so (`fallback`), so the page can tell the class why it reads another language.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext

from chronology.models import Event, EventPlace, Status
from chronology.selectors import drawn_place_links, event_rows
from common.translation import language_codes, translate
from geography.models import RouteStop
from lessons.models import Lesson, LessonStep
from sources.selectors import citations_by_owner

# What a step shows of its event: the event rows' own fields, so the lesson and the atlas word it alike.
STEP_EVENT_FIELDS = (
    "slug", "title", "summary", "date", "start", "end", "precision", "approximate", "uncertain", "places",
    "routes", "citations", "written", "calendars", "disputed", "window", "media",
)  # fmt: skip


def text_language(value: dict | None, lang: str) -> str:
    """The language `translate(value, lang)` reads from: `lang` when it has text, else the fallback's."""
    value = value or {}
    if value.get(lang):
        return lang
    return next((code for code in language_codes() if value.get(code)), lang)


def lesson_list(*, lang: str, collection=None) -> list[dict]:
    lessons = Lesson.objects.published().annotate(step_count=Count("steps")).order_by("slug")
    if collection is not None:
        lessons = lessons.filter(collection=collection)
    return [
        {
            "slug": lesson.slug,
            "title": translate(lesson.title, lang),
            "summary": translate(lesson.summary, lang),
            "level": translate(lesson.level, lang),
            "minutes": lesson.minutes,
            "step_count": lesson.step_count,
            "language": text_language(lesson.title, lang),
            "fallback": text_language(lesson.title, lang) != lang,
        }
        for lesson in lessons
    ]


def quotes(citations: list[dict]) -> list[dict]:
    """The step's citations grouped by passage, in the order they are first cited: several works cited
    through one sentence of the article carry the same evidence, and a class should read it once, with
    every source that vouches for it. Citations without evidence are grouped under an empty passage."""
    grouped: dict[str, dict] = {}
    for citation in citations:
        passage = citation["evidence"].strip()
        quote = grouped.get(passage)
        if quote is None:
            quote = grouped[passage] = {"evidence": passage, "sources": []}
            if citation.get("evidence_translation"):
                quote["evidence_translation"] = citation["evidence_translation"]
        quote["sources"].append({key: value for key, value in citation.items() if not key.startswith("evidence")})
    return list(grouped.values())


def _step_message(step: LessonStep, event_status: str | None, lang: str) -> str:
    with translation.override(lang):
        if step.event_id is None:
            return gettext("This step's event has been removed from the atlas. Go on to the next step.")
        if event_status != Status.PUBLISHED:
            return gettext("This step's event is not published at the moment. Go on to the next step.")
    return ""


def step_question(step: LessonStep, lang: str) -> dict | None:
    """The step's quick question in `lang`, or None: {"prompt", "choices"}, a choice being its number less one."""
    choices = step.choices(lang)
    if not translate(step.question, lang) or not choices:
        return None
    return {"prompt": translate(step.question, lang), "choices": choices}


def _step_points(step: LessonStep, event: dict | None) -> list[list[float]]:
    """The places the map frames on this step: the chosen route's stops, else the event's places and routes."""
    stops = RouteStop.objects.none()
    if step.frame_route_id:
        stops = RouteStop.objects.filter(route_id=step.frame_route_id)
    elif event:
        stops = RouteStop.objects.filter(route__slug__in=event["routes"])
    points = [[lat, lng] for lat, lng in stops.order_by("position").values_list("place__latitude", "place__longitude")]
    if event and not step.frame_route_id:
        links = drawn_place_links(EventPlace.objects.filter(event__slug=event["slug"]))
        points += [[lat, lng] for lat, lng in links.values_list("place__latitude", "place__longitude")]
    return points


def lesson_detail(*, slug: str, lang: str, drafts: bool = False) -> dict | None:
    """A lesson with its steps in order, or None when there is no such (published, unless `drafts`) lesson."""
    lessons = Lesson.objects.all() if drafts else Lesson.objects.published()
    lesson = lessons.filter(slug=slug).first()
    if lesson is None:
        return None
    steps = list(lesson.steps.select_related("event", "frame_route").order_by("position", "id"))
    events = Event.objects.filter(pk__in=[s.event_id for s in steps if s.event_id])
    if not drafts:
        events = events.published()
    rows = {row["slug"]: row for row in event_rows(events, lang=lang, fields=STEP_EVENT_FIELDS)}
    citations = citations_by_owner(LessonStep, [step.pk for step in steps])
    texts = [lesson.title, lesson.summary, *(t for step in steps for t in (step.caption, step.teacher_note))]
    fallback = any(text and not text.get(lang) for text in texts)
    out_steps = []
    for number, step in enumerate(steps, start=1):
        event = rows.get(step.event.slug) if step.event else None
        message = "" if event else _step_message(step, step.event.status if step.event else None, lang)
        has_view = step.map_latitude is not None
        out_steps.append(
            {
                "number": number,
                "event_slug": step.event.slug if step.event else None,
                "event": event,
                "message": message,
                "caption": translate(step.caption, lang),
                "teacher_note": translate(step.teacher_note, lang),
                "date": step.date or (event["date"] if event else ""),
                "map": {
                    "center": [step.map_latitude, step.map_longitude] if has_view else None,
                    "zoom": step.map_zoom if has_view else None,
                    "route": step.frame_route.slug if step.frame_route else None,
                    "points": _step_points(step, event),
                },
                "citations": citations.get(step.pk, []),
                "quotes": quotes(citations.get(step.pk, [])),
                "question": step_question(step, lang),
            }
        )
    with translation.override(lang):
        empty = gettext("This lesson has no steps yet.") if not steps else ""
        fallback_message = (
            gettext("Parts of this lesson are not written in this language yet; they are shown in another.")
            if fallback
            else ""
        )
    return {
        "slug": lesson.slug,
        "title": translate(lesson.title, lang),
        "summary": translate(lesson.summary, lang),
        "level": translate(lesson.level, lang),
        "minutes": lesson.minutes,
        "language": lang,
        "fallback": fallback,
        "fallback_message": fallback_message,
        "message": empty,
        "step_count": len(steps),
        "steps": out_steps,
    }
