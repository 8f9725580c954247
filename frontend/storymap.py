"""A lesson as a StoryMapJS story (interchange/storymap.py writes it): `/api/v1/lessons/<slug>/storymap.json`,
`manage.py export_lessons --format storymap`, the admin's lesson page and the lessons' page link it.

Here rather than in lessons or interchange: it joins the two (the lesson's read and the format's writer),
and the dates are worded as the page and the handout word them (frontend.wording).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext

from chronology.models import EventMedia, EventPlace, PlaceRole
from chronology.preview import drafts_visible
from common.translation import language_codes, translate
from interchange.storymap import Story, StoryCitation, StorySlide, write_storymap
from lessons.selectors import lesson_detail

from .lesson_pages import printable_lesson

CONTENT_TYPE = "application/json; charset=utf-8"
# A step with no view of its own is shown at about a province's scale: the place, and its neighbours.
DEFAULT_ZOOM = 7
# The place a slide stands at, in the order the map pins an event (core/atlas-data.js pinsOf): where it
# happened (or was signed), then a journey's start, its stops, its end. Never a place it only concerns.
PIN_RANK = {
    PlaceRole.AT: 0,
    PlaceRole.SIGNED_AT: 0,
    PlaceRole.DEPARTED_FROM: 1,
    PlaceRole.VIA: 2,
    PlaceRole.ARRIVED_AT: 3,
}


def _event_places(slugs: list[str]) -> dict[str, tuple[float, float]]:
    """Each event's first pin (lat, lon), by PIN_RANK, then in the order the curator listed its places."""
    chosen: dict[str, tuple[int, float, float]] = {}
    links = EventPlace.objects.filter(event__slug__in=slugs, role__in=list(PIN_RANK)).order_by("id")
    for slug, role, lat, lon in links.values_list("event__slug", "role", "place__latitude", "place__longitude"):
        if lat is None or lon is None:
            continue
        if slug not in chosen or PIN_RANK[role] < chosen[slug][0]:
            chosen[slug] = (PIN_RANK[role], lat, lon)
    return {slug: (lat, lon) for slug, (_rank, lat, lon) in chosen.items()}


def _location(step: dict, pinned: dict[str, tuple[float, float]], previous):
    """The teacher's own view of the step, else the place where its event happened, else the first place
    its map frames; a step with none (its event removed, or placed nowhere) keeps the map where the previous
    step left it."""
    view = step["map"]
    if view["center"] and view["zoom"]:
        return (view["center"][0], view["center"][1], view["zoom"])
    if step["event"] and step["event"]["slug"] in pinned:
        return (*pinned[step["event"]["slug"]], DEFAULT_ZOOM)
    if view["points"]:
        return (view["points"][0][0], view["points"][0][1], DEFAULT_ZOOM)
    return previous


def lesson_story(*, slug: str, lang: str, drafts: bool = False) -> Story | None:
    lesson = lesson_detail(slug=slug, lang=lang, drafts=drafts)
    if lesson is None:
        return None
    with translation.override(lang):
        lesson = printable_lesson(lesson, lang)
        sources_heading = gettext("Sources")
    event_slugs = [step["event"]["slug"] for step in lesson["steps"] if step["event"]]
    pinned = _event_places(event_slugs)
    # Each event's first medium held at another site: StoryMapJS shows a link by its address, and a story
    # file opened elsewhere cannot reach the images this atlas stores.
    media = {}
    for medium in EventMedia.objects.filter(event__slug__in=event_slugs).exclude(url="").select_related("event"):
        media.setdefault(
            medium.event.slug,
            {
                "media_url": medium.url,
                "media_caption": translate(medium.caption, lang),
                "media_credit": medium.credit,
            },
        )
    locations, location = [], None
    for step in lesson["steps"]:
        location = _location(step, pinned, location)
        locations.append(location)
    # Steps before the first placed one start where the story first stands (a slide StoryMapJS cannot place
    # would leave its marker nowhere); only a lesson with no place at all has slides without a location.
    first = next((where for where in locations if where), None)
    slides = []
    for step, location in zip(lesson["steps"], locations, strict=True):
        event = step["event"]
        medium = media.get(event["slug"], {}) if event else {}
        slides.append(
            StorySlide(
                headline=event["title"] if event else step["message"],
                date=step["date_text"],
                paragraphs=tuple(text for text in (step["caption"], event["summary"] if event else "") if text),
                citations=tuple(
                    StoryCitation(
                        label="; ".join(
                            ", ".join(part for part in (source["label"], source["locator_text"]) if part)
                            for source in quote["sources"]
                        ),
                        evidence=quote["evidence"],
                    )
                    for quote in step["quotes"]
                ),
                location=location or first,
                media_url=medium.get("media_url", ""),
                media_caption=medium.get("media_caption", ""),
                media_credit=medium.get("media_credit", ""),
            )
        )
    return Story(
        title=lesson["title"], summary=lesson["summary"], language=lang, slides=slides, sources_heading=sources_heading
    )


def lesson_storymap(*, slug: str, lang: str, drafts: bool = False) -> bytes | None:
    """The lesson's StoryMapJS JSON in `lang`, or None when there is no such (published, unless `drafts`) lesson."""
    story = lesson_story(slug=slug, lang=lang, drafts=drafts)
    return None if story is None else write_storymap(story)


def lesson_storymap_view(request, slug: str):
    """`?lang=` chooses the language (the first when left out); a curator's `?preview=1` exports a draft."""
    lang = request.GET.get("lang") or language_codes()[0]
    if lang not in language_codes():
        return HttpResponseBadRequest(
            f"Unknown language {lang!r}; use one of {', '.join(language_codes())}.", content_type="text/plain"
        )
    data = lesson_storymap(slug=slug, lang=lang, drafts=drafts_visible(request))
    if data is None:
        raise Http404(f"No published lesson with slug {slug!r}.")
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{slug}.storymap.json"'
    return response
