"""The public atlas page: an HTML shell that ES modules fill from the read API.

The server renders what a shared link needs before (or without) JavaScript: the language, the linked
event's title in <title> and its text, date and sources in the panel. Everything else is drawn in the
browser from the API, so the page and the API can never show two versions of an event.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from chronology.models import SEED_COLLECTION, Category, Collection, Event, EventPlace
from chronology.preview import PREVIEW_PARAMETER, drafts_visible
from chronology.selectors import drawn_place_links, era_rows, published_event_row
from common.response_cache import cached_bytes_response
from common.translation import language_codes, translate
from frontend.embeds import embed_code_for_page, oembed_discovery_url
from frontend.exports import ExportError, export_filename, export_map_html, parse_export_request
from frontend.lesson_pages import first_stage_step, lesson_for_page
from frontend.modules import page_modules
from frontend.storymap import lesson_storymap
from frontend.wording import event_date_text, page_language, page_strings, with_locator_texts
from geography.models import Place, RouteStop
from geography.styles import map_styles
from interchange.downloads import page_downloads

# The world-atlas files the map draws, coarsest first, each with the deepest zoom it is fit for: 50m keeps
# the Black Sea and Caucasus coasts recognisable from zoom 5 on (a projector's lesson step, a wide screen),
# where 110m turns them into polygons; up to zoom 4 (a phone's or a small window's whole atlas, about 8 km
# a pixel) 110m looks the same and is a fifth of the points. Drawing 50m there was most of a phone's
# blocking time (Lighthouse TBT 1.2 s against 0.15 s, docs/performance.md). The map draws the first file
# fit for its zoom and the finer one once the visitor zooms past it (main.js).
BASEMAPS = (("vendor/world-atlas/countries-110m.json", 4), ("vendor/world-atlas/countries-50m.json", None))

# What the timeline and the map need of every event. The rest (summary, sources, aid…) is fetched for the
# selected event only: at 10,000 events the whole list is 5.7 MB and ~2 s of server time, this one a
# fraction of it (docs/performance.md).
INDEX_FIELDS = (
    "slug", "title", "date", "start", "end", "precision", "approximate", "uncertain",
    "category", "significance", "places", "routes", "disputed", "window",
)  # fmt: skip

# Every ES module of the page, preloaded together rather than discovered import by import.

# The language the corpus's evidence passages are quoted in, whatever the reader's: the seed corpus quotes
# its article, which is Turkish, the atlas's first language. The page marks each quote with it (lang=).
EVIDENCE_LANGUAGE = settings.LANGUAGE_CODE


def _api_urls(*, preview: bool = False) -> dict[str, str]:
    urls = {
        name: reverse(f"{basename}-list")
        for name, basename in [
            ("places", "place"),
            ("routes", "route"),
            ("areas", "area"),
            ("people", "person"),
            ("sources", "source"),
            ("actors", "actor"),
        ]
    }
    urls["events"] = f"{reverse('event-list')}?fields={','.join(INDEX_FIELDS)}"
    urls["event"] = reverse("event-detail", kwargs={"slug": "SLUG"})  # api.js puts the slug in
    # What the timeline, the list and the map draw: every event as columns (chronology/api/index.py).
    urls["index"] = reverse("event-index")
    if preview:  # the API shows drafts to the same curator (chronology.preview)
        urls["events"] += f"&{PREVIEW_PARAMETER}=1"
        urls["index"] += f"?{PREVIEW_PARAMETER}=1"
        urls["event"] += f"?{PREVIEW_PARAMETER}=1"
    urls["related"] = reverse("event-related", kwargs={"slug": "SLUG"})
    urls["aid"] = reverse("aid-list")
    urls["aidTotals"] = reverse("aid-totals")
    urls["search"] = reverse("search")
    urls["export"] = reverse("frontend:export-map")
    # The lessons app's API (/api/v1/lessons/<slug>/); present.js appends the slug.
    urls["lessons"] = reverse("lesson-list")
    # A step's link for students (present.js puts the slug in) and the server's QR code of a link.
    urls["lessonPage"] = reverse("frontend:lesson", kwargs={"lesson_slug": "SLUG"})
    urls["qr"] = reverse("frontend:qr")
    urls["downloads"] = reverse("downloads")  # each download's size, asked when the box is opened
    urls["live"] = reverse("live-start")  # present mode starts a live class there (live/api.py)
    return urls


def _in_collection(urls: dict[str, str], slug: str) -> dict[str, str]:
    """The API's addresses narrowed to one collection: what the timeline, the list and search read."""
    narrowed = dict(urls)
    for name in ("events", "index", "search", "downloads"):
        joiner = "&" if "?" in narrowed[name] else "?"
        narrowed[name] = f"{narrowed[name]}{joiner}{urlencode({'collection': slug})}"
    return narrowed


def page_api_urls(*, preview: bool = False, collection: str = SEED_COLLECTION) -> dict[str, str]:
    """The addresses a collection's page reads: the seed's page (`/`) is the seed collection's alone, so a
    timeline imported into a collection of its own never joins it."""
    return _in_collection(_api_urls(preview=preview), collection)


def _collection_asked(request, lang: str) -> dict | None:
    """The collection `?collection=<slug>` names, as the page shows it; None for the seed's own atlas (its
    address stays `/`). An unknown or unpublished one is a 404 naming the collections there are."""
    slug = request.GET.get("collection", "").strip()
    if not slug or slug == SEED_COLLECTION:
        return None
    collection = Collection.objects.filter(slug=slug, published=True).first()
    if collection is None:
        known = ", ".join(Collection.objects.filter(published=True).values_list("slug", flat=True))
        raise Http404(f"No collection {slug!r}; the collections are {known}.")
    return {
        "slug": collection.slug,
        "title": translate(collection.title, lang) or collection.slug,
        "introduction": translate(collection.introduction, lang),
        # Drawn as labelled bands behind the events (timeline/eras.js).
        "eras": era_rows(collection),
    }


def page_categories() -> list[dict]:
    """Every category as the page draws it: slug, name in each language (a missing one reads as another),
    colour and symbol.

    Sent with the page rather than fetched: the timeline cannot colour an event before it knows them, and
    the visitor switches language without a new page, so every language's name comes along. The page is
    cached by data epoch, so a category a curator adds or recolours is on the next page served.
    """
    return [
        {
            "slug": category.slug,
            "name": {lang: translate(category.name, lang) or category.slug for lang in language_codes()},
            "colour": category.colour,
            "symbol": category.symbol,
        }
        for category in Category.objects.order_by("slug")
    ]


def _with_category_names(strings: dict[str, dict], categories: list[dict]) -> dict[str, dict]:
    """The page's strings with `category.<slug>` named from the data, in every language: what the scripts
    name with t() (the panel's category line) reads the curators' names, never a fixed list."""
    return {
        lang: {**block, "category": {c["slug"]: c["name"].get(lang, c["slug"]) for c in categories}}
        for lang, block in strings.items()
    }


def present(request, lesson: str):
    """`/present/<lesson>/`: the atlas in present mode on that lesson's first step (or the step asked for)."""
    params = request.GET.copy()
    params["mode"] = "present"
    params["lesson"] = lesson
    params.setdefault("step", "1")
    return redirect(f"{reverse('frontend:atlas')}?{params.urlencode()}")


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def first_paint_urls(api: dict[str, str], lang: str) -> list[str]:
    """What the page fetches for its first paint in `lang`, longest first: exactly the URLs api.js asks for
    (preloaded by the page, and asked for by a new server warming itself: frontend/warmup.py)."""
    return [_with_lang(api[name], lang) for name in ("index", "places", "routes", "areas")]


def initial_view(*, event_slug: str = "", place_slug: str = "") -> list[list[float]]:
    """The points the map opens on: where the linked event happened and its routes, a linked place, or
    every place.

    Sent with the page so Leaflet starts at the right view: moving it after the basemap is drawn would
    project and draw the whole basemap a second time.
    """
    points: list[tuple[float, float]] = []
    if event_slug:
        links = drawn_place_links(EventPlace.objects.filter(event__slug=event_slug))
        points += links.values_list("place__latitude", "place__longitude")
        points += RouteStop.objects.filter(route__events__slug=event_slug).values_list(
            "place__latitude", "place__longitude"
        )
    if not points and place_slug:
        points += Place.objects.filter(slug=place_slug).values_list("latitude", "longitude")
    if not points:
        points = story_extent()
    if not points:
        box = Place.objects.aggregate(
            south=Min("latitude"), west=Min("longitude"), north=Max("latitude"), east=Max("longitude")
        )
        if box["south"] is not None:
            points = [(box["south"], box["west"]), (box["north"], box["east"])]
    return [[round(lat, 5), round(lng, 5)] for lat, lng in points]


def story_extent() -> list[tuple[float, float]]:
    """The corners of where the story happens: where the most significant published events happened
    (their pins and journeys, not the places they only concern).

    Read from the data, so another corpus frames its own region; a place far off the story (Moscow for
    an Anatolian war) pulls the frame only if the key events happened there.
    """
    top = Event.objects.published().aggregate(top=Max("significance"))["top"]
    if top is None:
        return []
    links = drawn_place_links(EventPlace.objects.filter(event__in=Event.objects.published().filter(significance=top)))
    box = links.aggregate(
        south=Min("place__latitude"),
        west=Min("place__longitude"),
        north=Max("place__latitude"),
        east=Max("place__longitude"),
    )
    if box["south"] is None:
        return []
    return [(box["south"], box["west"]), (box["north"], box["east"])]


class _NotKept(Exception):
    """A page other than the plain atlas (a 404 for an unknown event or lesson): sent, never stored."""

    def __init__(self, response: HttpResponse):
        self.response = response


# What the page reads of its query (besides `lang` and `preview`): everything else leaves it unchanged.
PAGE_PARAMETERS = ("event", "lesson", "step", "place", "mode", "collection")
CLASS_MODES = ("present", "presenter")


def atlas(request, lesson_slug: str = ""):
    """The atlas page; `?event=<slug>` renders that event too (404 with the page intact if it is unknown).

    `?lesson=<slug>&step=<n>` (or /lessons/<slug>/?step=<n>) opens a lesson at a step: the lesson is sent
    with the page (json_script "lesson-data") and the step's event is rendered as `?event=` would.
    """
    lang = page_language(request)
    # A curator's `?preview=1` shows drafts among the published events; anyone else gets the published atlas.
    if drafts_visible(request):
        response = _atlas_page(request, lang, lesson_slug, preview=True)
        add_never_cache_headers(response)  # drafts: for this curator's browser only, never a shared cache
        patch_cache_control(response, private=True)
        return response

    def build() -> bytes:
        response = _atlas_page(request, lang, lesson_slug, preview=False)
        if response.status_code != 200:
            raise _NotKept(response)
        return response.content

    # The page changes only with the data, and building it took 11 ms (two aggregates over the published
    # events, 39 static names): it is kept by release and data epoch, and by what the page reads of the
    # query (so `?utm_source=…` is the same page). In this process only: the HTML names the static files
    # of this deployment as collected, and a restart retires it.
    # The host too: the oEmbed link and the embed code name the page by its absolute address.
    asked = [
        "page:atlas",
        request.build_absolute_uri("/"),
        lesson_slug,
        lang,
        *(request.GET.get(name, "").strip() for name in PAGE_PARAMETERS),
    ]
    try:
        return cached_bytes_response(request, asked, build, content_type="text/html; charset=utf-8", shared=False)
    except _NotKept as page:
        return page.response


def _downloads(strings: dict, lang: str, collection: str) -> list[dict]:
    """The collection's data downloads: each with its address and its label's key (the page relabels on a
    language switch). Their sizes come from /api/v1/downloads/?collection= when the box is opened (main.js):
    measuring means building every file, which a page's build must not wait for."""
    files = page_downloads(lang, Collection.objects.filter(slug=collection).first())
    return [{"url": d.url(), "key": d.label, "text": strings[d.label]} for d in files]


def _lesson_download(strings: dict, lang: str, slug: str, *, preview: bool) -> dict:
    """A lesson's page offers the lesson as a StoryMapJS story, measured here: the collection's downloads
    (/api/v1/downloads/) do not hold a lesson's file. A few milliseconds, within the page's kept build."""
    query = {"lang": lang, **({"preview": 1} if preview else {})}
    url = f"{reverse('lesson-storymap', kwargs={'slug': slug})}?{urlencode(query)}"
    body = lesson_storymap(slug=slug, lang=lang, drafts=preview) or b""
    return {"url": url, "key": "download_storymap", "text": strings["download_storymap"], "size": len(body)}


def _atlas_page(request, lang: str, lesson_slug: str, *, preview: bool) -> HttpResponse:
    strings = page_strings()[lang]
    slug = request.GET.get("event", "").strip()
    lesson_slug = lesson_slug or request.GET.get("lesson", "").strip()
    classroom = lesson_for_page(request, slug=lesson_slug, lang=lang) if lesson_slug else None
    if classroom and not slug:
        slug = classroom["event_slug"]
    # The same read as the API's (chronology.selectors), so the first paint and the API agree.
    event = published_event_row(slug=slug, lang=lang, drafts=preview) if slug else None
    collection = _collection_asked(request, lang)
    api = page_api_urls(preview=preview, collection=collection["slug"] if collection else SEED_COLLECTION)
    mode = request.GET.get("mode", "").strip()
    presenting = mode in CLASS_MODES
    in_class = presenting or bool(lesson_slug)
    everyday, for_class = page_modules()
    styles = {"present": static("frontend/present/present.css"), "lessonBar": static("frontend/lessons/lesson-bar.css")}
    view = initial_view(event_slug=slug if event else "", place_slug=request.GET.get("place", ""))
    categories = page_categories()
    context = {
        "lang": lang,
        "languages": settings.LANGUAGES,
        "strings": strings,
        "downloads": _downloads(strings, lang, collection["slug"] if collection else SEED_COLLECTION),
        "api_preloads": first_paint_urls(api, lang),
        # main.js itself is the page's <script>: what it imports is preloaded; a page opened for a class
        # (a lesson, present mode) preloads present mode's modules and links its styles too.
        "modules": [static(name) for name in everyday[1:] + (for_class if in_class else ())],
        "class_styles": [styles["present"]] * presenting + [styles["lessonBar"]] * bool(lesson_slug),
        "config": {
            "api": api,
            "basemaps": [{"url": static(name), "maxZoom": zoom} for name, zoom in BASEMAPS],
            "mapStyles": map_styles(),
            "lang": lang,
            "defaultLang": settings.LANGUAGE_CODE,
            "evidenceLang": EVIDENCE_LANGUAGE,
            "view": view,
            "styles": styles,
            "categories": categories,
            # Another collection's page draws only the places and routes its own events use (main.js).
            "collection": collection,
        },
        "collection": collection,
        # Present mode's layout from the first paint: set by present.js only, the explore layout was painted
        # and then taken away (a layout shift of 0.26 on a phone, docs/performance.md).
        "mode": mode if presenting else "",
        "stage_step": first_stage_step(classroom, lang, EVIDENCE_LANGUAGE) if mode == "present" else None,
        "has_events": Event.objects.published()
        .filter(collection__slug=collection["slug"] if collection else SEED_COLLECTION)
        .exists(),
        "ui_strings": _with_category_names(page_strings(), categories),
        "not_found": slug if slug and event is None else "",
        "not_found_message": strings["notFound"].format(slug=slug),
        "evidence_lang": EVIDENCE_LANGUAGE,
        "event": None,
        "preview": preview,
        "draft": bool(event) and preview and not Event.objects.published().filter(slug=slug).exists(),
        "lesson": classroom["lesson"] if classroom else None,
        "lesson_message": classroom["message"] if classroom else "",
    }
    lesson = classroom["lesson"] if classroom else None
    if lesson:
        context["downloads"].append(_lesson_download(strings, lang, lesson["slug"], preview=preview))
    context["oembed_url"] = oembed_discovery_url(request)
    # A lesson's page (whose step shows an event) embeds as the lesson.
    context["oembed_title"] = (lesson or {}).get("title") or (event or {}).get("title") or "Chronoatlas"
    context["embed_code"] = embed_code_for_page(
        request,
        lang=lang,
        lesson_slug=lesson["slug"] if lesson else "",
        event_slug=slug if event and not context["draft"] else "",
        title=context["oembed_title"],
        collection=collection["slug"] if collection else "",
    )
    if event:
        context["api_preloads"].insert(1, _with_lang(api["event"].replace("SLUG", slug), lang))
        context["event"] = {
            **event,
            "citations": with_locator_texts(event["citations"]),
            "date_text": event_date_text(event, lang),
            # Stored images only: a shared link's first paint shows them before any script; link cards follow.
            "images": [
                {**medium, "credit_text": strings["mediaCredit"].format(credit=medium["credit"])}
                for medium in event["media"]
                if medium["uploaded"]
            ],
            # HTML's years start at 0001: an event before the common era has no datetime value.
            "datetime": event["date"]
            if re.fullmatch(r"(?!0000)\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?", event["date"])
            else "",
        }
    # An unknown event is a 404 for link checkers and search engines, but the visitor still gets the
    # whole atlas and a sentence saying what was not found: a dead link in a lesson should not be a dead end.
    missing = context["not_found"] or (classroom and classroom["lesson"] is None)
    return render(request, "frontend/atlas.html", context, status=404 if missing else 200)


def export_map(request):
    """'Download this map': `?on=YYYY-MM-DD` (the layers standing that day) and/or `?route=<slug>` as one
    HTML file that works offline. A date that does not parse is a 400 and an unknown route a 404, each a
    page saying what to change."""
    lang = page_language(request)
    try:
        wanted = parse_export_request(request.GET, lang)
        html = export_map_html(wanted)
    except ExportError as error:
        return _export_problem(request, lang, str(error), status=400)
    except LookupError as error:
        return _export_problem(request, lang, str(error), status=404)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(wanted)}"'
    return response


def _export_problem(request, lang: str, message: str, *, status: int):
    context = {"lang": lang, "message": message, "back": reverse("frontend:atlas")}
    return render(request, "frontend/export_problem.html", context, status=status)
