"""The classroom's server-side pages: a lesson opened in the atlas at a step, a QR code of a link, the
printed handout and the lesson saved as one file that opens with no server.

The lesson's content is read once (lessons.selectors.lesson_detail) and shaped here for each medium;
dates are worded as the page words them (frontend.dates via event_date_text).
"""

from __future__ import annotations

import base64
import io
import math
from functools import cache
from urllib.parse import urlencode, urlsplit

import segno
from csp.constants import NONCE
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from chronology.models import EventMedia
from chronology.preview import drafts_visible
from common.translation import language_codes, translate
from frontend.wording import event_date_text, page_language, with_locator_texts
from geography.models import Place, RouteStop
from geography.styles import base_colors
from lessons.selectors import lesson_detail, lesson_list, quotes

MAX_QR_URL = 1000  # a QR code that long is unreadable from the back of a classroom anyway
# The offline file's pictures: each step's stored images as their phone thumbnails (400 px wide, tens of KB)
# written into the file, at most OFFLINE_IMAGE_MAX each and OFFLINE_IMAGES_BUDGET together, so a lesson still
# fits an e-mail and opens quickly on a school laptop; the ones beyond say they were left out (docs/operations.md).
OFFLINE_IMAGE_MAX = 200 * 1024
OFFLINE_IMAGES_BUDGET = 3 * 1024 * 1024
_DATA_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


def step_number(raw: str | None, step_count: int) -> tuple[int, str]:
    """The step a link asks for (1-based) and, when the link is wrong, what the class is told."""
    if not raw:
        return 1, ""
    try:
        number = int(raw)
    except ValueError:
        return 1, gettext("“%(step)s” is not a step number; showing the first step.") % {"step": raw[:20]}
    if step_count and not 1 <= number <= step_count:
        return min(max(number, 1), step_count), gettext(
            "This lesson has %(count)d steps; there is no step %(step)d. Showing step %(shown)d."
        ) % {"count": step_count, "step": number, "shown": min(max(number, 1), step_count)}
    return number, ""


def lesson_for_page(request, *, slug: str, lang: str) -> dict:
    """What the atlas page needs to open a lesson: the lesson (or None), the step, the step's event and a
    message for a link that is wrong. The page's scripts read `lesson` (json_script) and `step`."""
    lesson = lesson_detail(slug=slug, lang=lang, drafts=drafts_visible(request))
    with translation.override(lang):
        if lesson is None:
            message = gettext("There is no lesson “%(slug)s”. The atlas is open instead.") % {"slug": slug[:80]}
            return {"lesson": None, "step": 0, "event_slug": "", "message": message}
        number, message = step_number(request.GET.get("step"), lesson["step_count"])
    step = lesson["steps"][number - 1] if lesson["steps"] else None
    messages = [text for text in (lesson["message"], message, step and step["message"]) if text]
    return {
        "lesson": {**lesson, "current_step": number if step else 0},
        "step": number if step else 0,
        "event_slug": (step["event"] or {}).get("slug", "") if step else "",
        "message": " ".join(messages),
    }


# -- QR codes ---------------------------------------------------------------------------------------------
def qr_svg(request):
    """A QR code (SVG) of a link to this same site, made here: no outside service sees the classroom's links."""
    url = (request.GET.get("url") or "").strip()
    if not url:
        return HttpResponseBadRequest("Give the link to encode: /qr.svg?url=<a link to this site>.")
    if len(url) > MAX_QR_URL:
        return HttpResponseBadRequest(f"The link is {len(url)} characters; a QR code takes at most {MAX_QR_URL}.")
    parts = urlsplit(url)
    same_host = parts.scheme in ("http", "https") and parts.netloc == request.get_host()
    if not same_host:
        return HttpResponseBadRequest(
            f"Only links to this site ({request.get_host()}) are encoded; {parts.netloc or url!r} is not it. "
            "Give the full link, starting with http:// or https://."
        )
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", scale=8, border=4, title=url)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


# -- handout and offline file -----------------------------------------------------------------------------
def printable_lesson(lesson: dict, lang: str) -> dict:
    """The lesson with each step's date in words and its passages quoted once each, with every source cited
    through them and their locators as shown (the step's own citations, else its event's)."""
    return {**lesson, "steps": [_printable_step(step, lang) for step in lesson["steps"]]}


def _printable_step(step: dict, lang: str) -> dict:
    event = step["event"]
    grouped = step["quotes"] if step["citations"] else quotes((event or {}).get("citations", []))
    shown = [{**quote, "sources": with_locator_texts(quote["sources"])} for quote in grouped]
    return {**step, "date_text": event_date_text(event, lang) if event else "", "quotes": shown}


def first_stage_step(classroom: dict | None, lang: str, evidence_lang: str) -> dict | None:
    """The projected step a page opened in present mode paints before any script has run: its title, date,
    text and one quote, as present.js's stage shows them (it draws the step again, fitted to the screen,
    with its controls and strip). The step's words are the first paint of a projected screen; without
    them it stayed blank until the page's modules and present mode's had loaded. None: nothing to paint
    (no lesson, or a step without its event, whose notice present.js words)."""
    if not classroom or not classroom["lesson"] or not classroom["step"]:
        return None
    step = _printable_step(classroom["lesson"]["steps"][classroom["step"] - 1], lang)
    event = step["event"]
    if not event:
        return None
    # present/steps.js's stageQuote: the first quote with a passage, else the first (its sources only).
    quote = next((q for q in step["quotes"] if q.get("evidence")), step["quotes"][0] if step["quotes"] else None)
    if quote:
        # present/steps.js's sourcesText: "label, locator" for each source, joined by "; ".
        sources = "; ".join(
            f"{source['label']}, {source['locator']}" if source.get("locator") else source["label"]
            for source in quote["sources"]
            if source.get("label")
        )
        translation_text = quote.get("evidence_translation") if lang != evidence_lang else ""
        quote = {"evidence": quote.get("evidence", ""), "translation": translation_text, "sources": sources}
    return {
        "event": event["slug"],
        "title": event["title"],
        "date_text": step["date_text"],
        "text": step["caption"] or event.get("summary", ""),
        "text_class": "present-caption" if step["caption"] else "present-summary",
        "quote": quote,
    }


def _lesson_or_404(request, slug: str, lang: str) -> dict:
    lesson = lesson_detail(slug=slug, lang=lang, drafts=drafts_visible(request))
    if lesson is None:
        raise Http404(f"No published lesson {slug!r}")
    return printable_lesson(lesson, lang)


def overview_svg(lesson: dict, *, width: int = 640, height: int = 400) -> dict:
    """Every step's places and framed routes, drawn in plain SVG coordinates (equirectangular, scaled by the
    cosine of the middle latitude so that distances look right at these latitudes): prints sharp anywhere."""
    routes = {step["map"]["route"] for step in lesson["steps"] if step["map"]["route"]}
    routes |= {slug for step in lesson["steps"] if step["event"] for slug in step["event"]["routes"]}
    place_slugs = {slug for step in lesson["steps"] if step["event"] for slug in step["event"]["places"]}
    lines = {}
    for route, lat, lng in (
        RouteStop.objects.filter(route__slug__in=routes)
        .order_by("route", "position")
        .values_list("route__slug", "place__latitude", "place__longitude")
    ):
        lines.setdefault(route, []).append((lat, lng))
    names = {}
    for place in Place.objects.filter(slug__in=place_slugs):
        names[place.slug] = (place.latitude, place.longitude, place.name)
    points = [(lat, lng) for lat, lng, _name in names.values()] + [p for line in lines.values() for p in line]
    if not points:
        return {"width": width, "height": height, "places": [], "routes": []}
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 0.5), max(north - south, 0.5)
    margin = 40
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)

    def xy(lat: float, lng: float) -> tuple[float, float]:
        return round(margin + (lng - west) * squeeze * scale, 1), round(height - margin - (lat - south) * scale, 1)

    lang = translation.get_language() or settings.LANGUAGE_CODE
    places = []
    for lat, lng, name in names.values():
        x, y = xy(lat, lng)
        label = name.get(lang) or next((name[c] for c in language_codes() if name.get(c)), "")
        places.append({"x": x, "y": y, "label": label})
    drawn = [
        {"slug": slug, "points": " ".join(f"{x},{y}" for x, y in (xy(*p) for p in line))}
        for slug, line in lines.items()
    ]
    return {"width": width, "height": height, "places": sorted(places, key=lambda p: p["label"]), "routes": drawn}


def _with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"


def lessons_index(request):
    """`/lessons/`: where a teacher finds the published lessons, each with what it asks of a class (level,
    steps, time) and the four ways to use it. Server-rendered: it must work before any script loads."""
    lang = page_language(request)
    with translation.override(lang):
        atlas = reverse("frontend:atlas")
        lessons = []
        for lesson in lesson_list(lang=lang):
            slug = lesson["slug"]
            lessons.append(
                {
                    **lesson,
                    "language_name": translation.get_language_info(lesson["language"])["name_translated"],
                    # The first step, as the atlas's own present and presenter links (present-dom.js) open it.
                    "present_url": _with_query(atlas, mode="present", lesson=slug, step=1, lang=lang),
                    "presenter_url": _with_query(atlas, mode="presenter", lesson=slug, step=1, lang=lang),
                    "handout_url": _with_query(reverse("frontend:lesson-handout", kwargs={"slug": slug}), lang=lang),
                    "offline_url": _with_query(reverse("frontend:lesson-offline", kwargs={"slug": slug}), lang=lang),
                    "storymap_url": _with_query(reverse("lesson-storymap", kwargs={"slug": slug}), lang=lang),
                }
            )
        languages = [
            {"code": code, "name": name, "url": _with_query(request.path, lang=code), "current": code == lang}
            for code, name in settings.LANGUAGES
        ]
        response = render(
            request,
            "frontend/lessons.html",
            {"lessons": lessons, "lang": lang, "languages": languages, "atlas_url": _with_query(atlas, lang=lang)},
        )
    # The page's few rules are written into it (a nonce lets them past the site's style-src 'self').
    response._csp_update = {"style-src": [NONCE]}
    return response


def lesson_handout(request, slug: str):
    lang = page_language(request)
    with translation.override(lang):
        lesson = _lesson_or_404(request, slug, lang)
        return render(
            request,
            "frontend/lesson_handout.html",
            {
                "lesson": lesson,
                "lang": lang,
                "map": overview_svg(lesson),
                "storymap_url": _with_query(reverse("lesson-storymap", kwargs={"slug": slug}), lang=lang),
            },
        )


@cache
def _vendor_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"{path} is missing: run `npm ci` in frontend/ (see README)")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def _inline_image(name: str) -> str | None:
    """A stored thumbnail as a data: URI, or None when it is not there (a file lost from MEDIA_ROOT)."""
    kind = _DATA_TYPES.get(name.rsplit(".", 1)[-1].lower())
    try:
        with EventMedia._meta.get_field("thumbnail_phone").storage.open(name, "rb") as stored:
            data = stored.read(OFFLINE_IMAGE_MAX + 1)
    except OSError:
        return None
    if kind is None or len(data) > OFFLINE_IMAGE_MAX:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def offline_media(lesson: dict, lang: str) -> int:
    """Give each step of `lesson` its `offline_media`: stored images written in as data: URIs while the file's
    pictures stay within OFFLINE_IMAGES_BUDGET (the rest marked `left_out`), links as cards with their address.
    Returns the bytes of pictures written in."""
    slugs = {step["event"]["slug"] for step in lesson["steps"] if step["event"]}
    by_event: dict[str, list[EventMedia]] = {}
    for item in EventMedia.objects.filter(event__slug__in=slugs).select_related("event").order_by("position", "id"):
        by_event.setdefault(item.event.slug, []).append(item)
    spent = 0
    for step in lesson["steps"]:
        shown = []
        for item in by_event.get(step["event"]["slug"], []) if step["event"] else []:
            medium = {
                "kind": item.get_kind_display(),
                "caption": translate(item.caption, lang),
                "credit": item.credit,
                "alt": translate(item.alt, lang),
                "src": None,
                "url": None,
                "left_out": False,
            }
            if item.image:
                src = _inline_image(item.thumbnail_phone.name) if item.thumbnail_phone else None
                if src is not None and spent + len(src) <= OFFLINE_IMAGES_BUDGET:
                    medium["src"], spent = src, spent + len(src)
                else:
                    medium["left_out"] = True
            elif item.url.startswith(("https://", "http://")):
                medium["url"] = item.url
            else:
                continue
            shown.append(medium)
        step["offline_media"] = shown
    return spent


def lesson_offline(request, slug: str):
    """The lesson as ONE HTML file: Leaflet, topojson-client, the land basemap, the styles and the lesson's
    data are written into it, so it opens from a USB stick with no server and no network."""
    lang = page_language(request)
    with translation.override(lang):
        lesson = _lesson_or_404(request, slug, lang)
        offline_media(lesson, lang)
        # Each step's `map` as the API sends it (lessons/api.py's MapViewSerializer): one shape everywhere.
        data = {
            "steps": [{"number": step["number"], "map": step["map"]} for step in lesson["steps"]],
            "colors": base_colors(),
        }
        response = render(
            request,
            "frontend/lesson_offline.html",
            {
                "lesson": lesson,
                "lang": lang,
                "data": data,
                "leaflet_css": _vendor_text("vendor/leaflet/leaflet.css"),
                "leaflet_js": _vendor_text("vendor/leaflet/leaflet.js"),
                "topojson_js": _vendor_text("vendor/topojson-client/topojson-client.min.js"),
                "basemap": _vendor_text("vendor/world-atlas/land-50m.json"),
                "offline_js": _vendor_text("frontend/lessons/lesson-offline.js"),
            },
        )
    response["Content-Disposition"] = f'attachment; filename="{lesson["slug"]}.html"'
    # The file carries its own scripts inline: it is opened from disk, where the site's CSP does not reach.
    response["Content-Security-Policy"] = "sandbox"
    return response
