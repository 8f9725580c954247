"""Embeds: compact views of the atlas, a lesson or one event that other sites may frame, and the oEmbed
endpoint that lets WordPress, Moodle or Canvas turn a pasted atlas address into one of them.

Server-rendered with no script: the map is the handout's plain SVG (frontend.lesson_pages.overview_svg),
a few kilobytes, where the page's own map would bring Leaflet, the basemap and the API to a blog post.
Everything else on the site keeps `frame-ancestors 'none'` and X-Frame-Options DENY (clickjacking of the
admin and the curator's preview); these views alone open framing.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt

from chronology.models import Event
from chronology.selectors import event_rows, published_event_row
from common.response_cache import cached_bytes_response
from frontend.lesson_pages import overview_svg
from frontend.wording import event_date_text, page_language, with_locator_texts
from lessons.selectors import lesson_detail

PROVIDER_NAME = "Chronoatlas"
# What the frame is when the consumer does not limit it: wide enough for a card beside its map, short
# enough for a blog column.
DEFAULT_SIZE = {"atlas": (800, 600), "lesson": (720, 600), "event": (560, 480)}
# The atlas embed lists the most significant events: at 10,000 events the whole list is no embed.
ATLAS_EVENTS = 40
ATLAS_EVENT_FIELDS = (
    "slug", "title", "date", "start", "end", "precision", "approximate", "uncertain", "window", "places", "routes",
    "significance",
)  # fmt: skip


def framable(view):
    """Open a view to framing by any site, in both headers browsers read."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def _kept(request, parts: list[str], build) -> HttpResponse:
    """An embed's page, kept by data epoch like the atlas's (framed on a popular blog, it is asked for often).

    Keyed by the host too: the page's links are absolute. An Http404 from `build` is raised, never kept."""
    asked = ["page:embed", request.build_absolute_uri("/"), *parts]
    return cached_bytes_response(
        request, asked, lambda: build().content, content_type="text/html; charset=utf-8", shared=False
    )


def _map_of(events: list[dict], lang: str, *, height: int = 300) -> dict:
    # overview_svg draws a lesson's steps; events alone are steps with nothing framed.
    steps = [{"map": {"route": None}, "event": event} for event in events]
    with translation.override(lang):
        return _centred(overview_svg({"steps": steps}, width=480, height=height))


def _centred(drawing: dict) -> dict:
    """The drawing moved to the middle of its frame: overview_svg starts at the top-left margin, which leaves
    one event's single place in a corner of an embed."""
    routes = [[tuple(map(float, point.split(","))) for point in r["points"].split()] for r in drawing["routes"]]
    points = [(p["x"], p["y"]) for p in drawing["places"]] + [point for line in routes for point in line]
    if not points:
        return drawing
    dx = round((drawing["width"] - min(x for x, _ in points) - max(x for x, _ in points)) / 2, 1)
    dy = round((drawing["height"] - min(y for _, y in points) - max(y for _, y in points)) / 2, 1)
    return {
        **drawing,
        "places": [{**p, "x": round(p["x"] + dx, 1), "y": round(p["y"] + dy, 1)} for p in drawing["places"]],
        "routes": [
            {**r, "points": " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for x, y in line)}
            for r, line in zip(drawing["routes"], routes, strict=True)
        ],
    }


def _query(**params) -> str:
    kept = {name: value for name, value in params.items() if value}
    return f"?{urlencode(kept)}" if kept else ""


def _atlas_link(request, lang: str, **params) -> str:
    return request.build_absolute_uri(reverse("frontend:atlas") + _query(lang=lang, **params))


@framable
def embed_atlas(request):
    """`/embed/`: the atlas in brief, its map of places and its key events, each opening the atlas."""
    lang = page_language(request)
    # Collections are yet to come: `?collection=` is carried to the atlas's links and otherwise ignored.
    collection = request.GET.get("collection", "").strip()[:100]
    return _kept(request, ["atlas", lang, collection], lambda: _atlas_page(request, lang, collection))


def _atlas_page(request, lang: str, collection: str) -> HttpResponse:
    published = Event.objects.published()
    top = list(published.order_by("-significance", "day_start", "slug").values_list("pk", flat=True)[:ATLAS_EVENTS])
    events = event_rows(
        published.filter(pk__in=top).order_by("day_start", "slug"), lang=lang, fields=ATLAS_EVENT_FIELDS
    )
    for event in events:
        event["date_text"] = event_date_text(event, lang)
        event["url"] = _atlas_link(request, lang, event=event["slug"], collection=collection)
    with translation.override(lang):
        context = {
            "lang": lang,
            "title": PROVIDER_NAME,
            "events": events,
            "total": published.count(),
            "map": _map_of(events, lang),
            "open_url": _atlas_link(request, lang, collection=collection),
        }
        return render(request, "frontend/embed_atlas.html", context)


@framable
def embed_event(request, slug: str):
    """`/embed/events/<slug>/`: one event as a card: title, date, summary, its first cited passage, a map."""
    lang = page_language(request)
    return _kept(request, ["event", slug, lang], lambda: _event_page(request, lang, slug))


def _event_page(request, lang: str, slug: str) -> HttpResponse:
    event = published_event_row(slug=slug, lang=lang)
    if event is None:
        raise Http404(f"No published event {slug!r}")
    citations = with_locator_texts(event["citations"])
    with translation.override(lang):
        context = {
            "lang": lang,
            "title": event["title"],
            "event": {**event, "date_text": event_date_text(event, lang)},
            # The first passage with its source: a card has room for one; the atlas shows them all.
            "citation": next((c for c in citations if c["evidence"]), citations[0] if citations else None),
            "map": _map_of([event], lang, height=200),
            "open_url": _atlas_link(request, lang, event=slug),
        }
        return render(request, "frontend/embed_event.html", context)


@framable
def embed_lesson(request, slug: str):
    """`/embed/lessons/<slug>/`: a lesson's title, summary, overview map and steps; the class opens it."""
    lang = page_language(request)
    return _kept(request, ["lesson", slug, lang], lambda: _lesson_page(request, lang, slug))


def _lesson_page(request, lang: str, slug: str) -> HttpResponse:
    lesson = lesson_detail(slug=slug, lang=lang)
    if lesson is None:
        raise Http404(f"No published lesson {slug!r}")
    steps = [
        {**step, "date_text": event_date_text(step["event"], lang) if step["event"] else ""} for step in lesson["steps"]
    ]
    with translation.override(lang):
        context = {
            "lang": lang,
            "title": lesson["title"],
            "lesson": {**lesson, "steps": steps},
            "map": _centred(overview_svg(lesson, width=480, height=300)),
            "open_url": request.build_absolute_uri(
                reverse("frontend:lesson", kwargs={"lesson_slug": slug}) + _query(lang=lang)
            ),
        }
        return render(request, "frontend/embed_lesson.html", context)


# -- what an atlas address embeds as ------------------------------------------------------------------------
def embed_target(path: str, query: dict[str, str]) -> tuple[str, str] | None:
    """(kind, slug) of the embed an address of this site shows, or None when it has no embed."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name == "frontend:atlas":
        if query.get("lesson"):  # a lesson opened at a step is the lesson, not the step's event
            return "lesson", query["lesson"]
        if query.get("event"):
            return "event", query["event"]
        return "atlas", ""
    if name == "frontend:lesson":
        return "lesson", match.kwargs["lesson_slug"]
    if name == "frontend:embed-atlas":
        return "atlas", ""
    if name == "frontend:embed-event":
        return "event", match.kwargs["slug"]
    if name == "frontend:embed-lesson":
        return "lesson", match.kwargs["slug"]
    return None


def embed_url(request, kind: str, slug: str, *, lang: str = "", collection: str = "") -> str:
    """The absolute address of an embed view."""
    if kind == "atlas":
        path = reverse("frontend:embed-atlas")
    else:
        path = reverse(f"frontend:embed-{kind}", kwargs={"slug": slug})
    return request.build_absolute_uri(path + _query(lang=lang, collection=collection))


def embed_title(kind: str, slug: str, lang: str) -> str | None:
    """The embed's title, or None when the lesson or event it names is not published."""
    if kind == "atlas":
        return PROVIDER_NAME
    if kind == "event":
        event = published_event_row(slug=slug, lang=lang, fields=("slug", "title"))
        return event and event["title"]
    lesson = lesson_detail(slug=slug, lang=lang)
    return lesson and lesson["title"]


def iframe_code(*, src: str, title: str, width: int, height: int) -> str:
    """The <iframe> pasted into another site; the title is escaped (curator text stays text)."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" style="border:0;max-width:100%" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>',
        src,
        width,
        height,
        title,
    )


def embed_code_for_page(
    request, *, lang: str, lesson_slug: str = "", event_slug: str = "", title: str = "", collection: str = ""
) -> str:
    """The iframe code the page's "copy embed code" box holds: of its lesson, its event or the atlas (a
    collection's page: that collection's)."""
    if lesson_slug:
        kind, slug = "lesson", lesson_slug
    elif event_slug:
        kind, slug = "event", event_slug
    else:
        kind, slug = "atlas", ""
    width, height = DEFAULT_SIZE[kind]
    src = embed_url(request, kind, slug, lang=lang, collection=collection if kind == "atlas" else "")
    return iframe_code(src=src, title=title or PROVIDER_NAME, width=width, height=height)


def oembed_discovery_url(request) -> str:
    """The oEmbed address of the page being asked for (its <link rel="alternate"> in the head)."""
    return request.build_absolute_uri(
        reverse("frontend:oembed") + "?" + urlencode({"url": request.build_absolute_uri(), "format": "json"})
    )


class _Problem(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _size(raw: str | None, name: str) -> int | None:
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise _Problem(400, f"{name}={raw[:20]!r} is not a number of pixels; write it as e.g. {name}=600.") from None
    if value <= 0:
        raise _Problem(400, f"{name} must be more than 0 pixels, not {value}.")
    return value


def _oembed(request) -> dict:
    fmt = request.GET.get("format", "json") or "json"
    if fmt != "json":
        raise _Problem(501, f"format={fmt[:20]!r} is not served; this endpoint answers format=json only.")
    url = (request.GET.get("url") or "").strip()
    if not url:
        raise _Problem(400, "Give the address to embed: /oembed?url=<a link to this atlas>.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.get_host().lower():
        raise _Problem(404, f"{url[:200]!r} is not an address of this atlas ({request.get_host()}).")
    query = {name: values[0].strip() for name, values in parse_qs(parts.query).items() if values}
    target = embed_target(parts.path or "/", query)
    if target is None:
        raise _Problem(404, f"{parts.path!r} is not a page of this atlas that can be embedded.")
    kind, slug = target
    lang = query.get("lang", "")
    title = embed_title(kind, slug, lang or page_language(request))
    if title is None:
        raise _Problem(404, f"There is no published {kind} {slug!r} to embed.")
    width, height = DEFAULT_SIZE[kind]
    max_width, max_height = (
        _size(request.GET.get("maxwidth"), "maxwidth"),
        _size(request.GET.get("maxheight"), "maxheight"),
    )
    # oEmbed: the answer never exceeds what the consumer's column allows.
    width, height = min(width, max_width or width), min(height, max_height or height)
    src = embed_url(request, kind, slug, lang=lang, collection=query.get("collection", "")[:100])
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": PROVIDER_NAME,
        "provider_url": request.build_absolute_uri(reverse("frontend:atlas")),
        "html": iframe_code(src=src, title=title, width=width, height=height),
        "width": width,
        "height": height,
    }


def oembed(request) -> HttpResponse:
    """`/oembed?url=…&format=json&maxwidth=&maxheight=` (oembed.com): a "rich" answer with the iframe."""
    try:
        return JsonResponse(_oembed(request))
    except _Problem as problem:
        return HttpResponse(str(problem), status=problem.status, content_type="text/plain; charset=utf-8")
