"""`/api/v1/event-index/`: every published event as the page's compact, columnar index, in one request.

The page used to load `/api/v1/events/?fields=…`, a list of one JSON object per event: at 100,000 events
29 MB to build (8 s of server time uncached), send and parse, with every key and slug repeated per event.
The index sends each field once as an array (column), days as numbers (days since 1970-01-01, the
timeline's unit, so the browser parses no dates), category and precision as codes into a short table, and
places and routes as positions in a table of their slugs (a flat list with offsets per event). Summaries,
sources, people and aid stay per event (`/api/v1/events/<slug>/`), fetched when one is selected.

`index_columns` reads the database; `index_body` is the pure part that turns rows into the body's bytes.
Bodies are cached per data version and language, already gzipped (common/response_cache.py): a hit is one
cache read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from django.db.models.fields.json import KT
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from chronology.api.collections import COLLECTION_PARAMETER, asked_collection
from chronology.models import AlternativeDating, Category, Event, EventPlace, EventRelation, PlaceRole
from chronology.preview import drafts_visible
from chronology.selectors import is_window, translated_text
from common.api import LANG_PARAMETER, LanguageMixin
from common.dates import Precision
from common.response_cache import cached_bytes_response
from geography.models import Place, Route

FORMAT = 1  # bumped when the body's shape changes, so no cached body of the old shape is served
# The Julian Day Number of 1970-01-01: the database's day numbers minus this are the page's days.
UNIX_EPOCH_DAY = 2440588
PRECISIONS = [p.value for p in Precision]
# The codes of `placeRoles`: positions in this list, sent as the body's `roles` table.
ROLES = [role.value for role in PlaceRole]
# Bits of `flags`, as the page's atlas-data.js reads them.
APPROXIMATE, UNCERTAIN, DISPUTED, WINDOW = 1, 2, 4, 8

# One row per event, in this order, as index_columns reads them and index_body takes them.
ROW = ("id", "slug", "title", "date", "day_start", "day_end", "date_precision", "date_approximate",
       "date_uncertain", "category", "significance", "has_relations", "disputed")  # fmt: skip


def _day(number: int | None) -> int | None:
    return None if number is None else number - UNIX_EPOCH_DAY


def _refs(event_ids: Sequence[int], links: Iterable[tuple[int, str]], table: list[str]) -> tuple[list, list]:
    """(offsets, refs): event i's slugs are table[refs[offsets[i]:offsets[i + 1]]], in slug order."""
    position = {slug: n for n, slug in enumerate(table)}
    by_event: dict[int, list[int]] = {}
    for event_id, slug in links:
        by_event.setdefault(event_id, []).append(position[slug])
    offsets, refs = [0], []
    for event_id in event_ids:
        refs.extend(sorted(by_event.get(event_id, ())))
        offsets.append(len(refs))
    return offsets, refs


def _role_codes(event_ids: Sequence[int], links: Iterable[tuple[int, str, str]], table: list[str]) -> list[int]:
    """The role code of each place reference, parallel to `_refs`'s refs (an event's places in slug order)."""
    position = {slug: n for n, slug in enumerate(table)}
    code = {role: n for n, role in enumerate(ROLES)}
    by_event: dict[int, list[tuple[int, int]]] = {}
    for event_id, slug, role in links:
        by_event.setdefault(event_id, []).append((position[slug], code[role]))
    # An event lists a place once (unique together), so sorting by position orders them as _refs does.
    return [role for event_id in event_ids for _position, role in sorted(by_event.get(event_id, ()))]


def index_body(
    rows: Sequence[tuple],
    *,
    places: Iterable[tuple[int, str] | tuple[int, str, str]],
    routes: Iterable[tuple[int, str]],
    categories: Sequence[str],
    lang: str,
    date_words: Mapping[int, str] | None = None,
) -> bytes:
    """The index as UTF-8 JSON bytes. `rows` are tuples in ROW's order (time order); `places` are (event id,
    slug, role) links (a link without its role is `at`), `routes` (event id, slug) links; `categories`
    every category slug. Pure: the same rows give the same bytes."""
    places = [(link[0], link[1], link[2] if len(link) > 2 else PlaceRole.AT.value) for link in places]
    routes = list(routes)
    place_table = sorted({slug for _, slug, _role in places})
    route_table = sorted({slug for _, slug in routes})
    ids = [row[0] for row in rows]
    place_offsets, place_refs = _refs(ids, [(event_id, slug) for event_id, slug, _role in places], place_table)
    place_roles = _role_codes(ids, places, place_table)
    route_offsets, route_refs = _refs(ids, routes, route_table)
    precision_code = {name: n for n, name in enumerate(PRECISIONS)}
    category_code = {name: n for n, name in enumerate(categories)}
    columns: dict[str, list] = {name: [] for name in
                                ("slug", "title", "date", "start", "end", "precision", "category", "significance",
                                 "flags")}  # fmt: skip
    for _id, slug, title, date, start, end, precision, approximate, uncertain, category, significance, related, \
            disputed in rows:  # fmt: skip
        columns["slug"].append(slug)
        columns["title"].append(title)
        columns["date"].append(date)
        columns["start"].append(_day(start))
        columns["end"].append(_day(end))
        columns["precision"].append(precision_code[precision])
        columns["category"].append(category_code[category])
        columns["significance"].append(significance)
        window = is_window(date=date, start=start, end=end, precision=precision, has_relations=related)
        columns["flags"].append(
            (APPROXIMATE if approximate else 0)
            | (UNCERTAIN if uncertain else 0)
            | (DISPUTED if disputed else 0)
            | (WINDOW if window else 0)
        )
    body = {
        "format": FORMAT,
        "lang": lang,
        "count": len(rows),
        "categories": list(categories),
        "precisions": PRECISIONS,
        "places": place_table,
        "routes": route_table,
        **columns,
        "placeOffsets": place_offsets,
        "placeRefs": place_refs,
        # Added beside placeRefs rather than changing it, so a page that reads format 1 still reads the body.
        "roles": ROLES,
        "placeRoles": place_roles,
        "routeOffsets": route_offsets,
        "routeRefs": route_refs,
    }
    if date_words:
        # The few events whose source shows its date its own way ("Late 1940s"), by position: a body without
        # any (the seed's) is the same bytes as before there were date words.
        position = {event_id: n for n, event_id in enumerate(ids)}
        body["dateWords"] = {str(position[event_id]): text for event_id, text in date_words.items() if text}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _slug_links(through, target: str, model, ids) -> list[tuple[int, str]]:
    # Ids, then their slugs from the small table: joining the slug into 200,000 links cost more.
    links = through.objects.filter(event__in=ids).values_list("event_id", f"{target}_id")
    slugs = dict(model.objects.values_list("id", "slug"))
    return [(event_id, slugs[target_id]) for event_id, target_id in links]


def index_columns(events, *, lang: str, collection=None) -> bytes:
    """As many queries whatever the number of events: the rows, which have relations or other datings,
    their places, their routes, the few with date words. At 100,000 events, per-row EXISTS subqueries cost
    more than two lists."""
    ids = events.values("pk")  # a subquery: no parameter limit however many events there are
    related = set(EventRelation.objects.filter(event__in=ids).values_list("event_id", flat=True))
    disputed = set(AlternativeDating.objects.filter(event__in=ids).values_list("event_id", flat=True))
    rows = [
        (*row, row[0] in related, row[0] in disputed)
        for row in events.chronological()
        .annotate(title_text=translated_text("title", lang))
        .values_list(*(name if name != "title" else "title_text" for name in ROW[:-2]))
    ]
    slugs = dict(Place.objects.values_list("id", "slug"))
    places = [
        (event_id, slugs[place_id], role)
        for event_id, place_id, role in EventPlace.objects.filter(event__in=ids).values_list(
            "event_id", "place_id", "role"
        )
    ]
    routes = _slug_links(Event.routes.through, "route", Route, ids)
    categories = Category.objects.order_by("slug")
    if collection is not None:
        # Categories are shared: a collection's table holds those it uses, so another's new ones never shift it.
        categories = categories.filter(events__collection=collection).distinct()
    categories = list(categories.values_list("slug", flat=True))
    date_words = dict(
        events.filter(date_words__has_key=lang).annotate(words=KT(f"date_words__{lang}")).values_list("id", "words")
    )
    return index_body(rows, places=places, routes=routes, categories=categories, lang=lang, date_words=date_words)


class EventIndexView(LanguageMixin, APIView):
    """Every published event as columns (the page's index): slugs, titles, EDTF dates, first and last days
    (days since 1970-01-01), precision and category codes, significance, flags (1 approximate, 2 uncertain,
    4 disputed, 8 a window), and each event's places and routes as positions in the `places` and `routes`
    slug tables (event i: refs[offsets[i]:offsets[i+1]]). `placeRoles` runs parallel to `placeRefs`: each
    place's role in the event as a position in `roles` (at, signed_at, departed_from, arrived_at, via,
    concerns). In time order."""

    queryset = Event.objects.published()  # what the API's permission class reads: events, for reading

    @extend_schema(
        parameters=[LANG_PARAMETER, COLLECTION_PARAMETER],
        responses={200: OpenApiResponse(description="The columnar index")},
    )
    def get(self, request, *args, **kwargs):
        collection = asked_collection(request)
        if drafts_visible(request):
            # A curator's preview (drafts included) is built fresh and never stored: the cache is everyone's.
            events = Event.objects.all() if collection is None else Event.objects.filter(collection=collection)
            response = HttpResponse(
                index_columns(events, lang=self.lang, collection=collection), content_type="application/json"
            )
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        else:
            events = Event.objects.published()
            # The key names the collection only when one is asked, so the whole site's body keeps its key.
            key = ["event-index", FORMAT, self.lang]
            if collection is not None:
                events = events.filter(collection=collection)
                key.append({"collection": collection.slug})
            response = cached_bytes_response(
                request, key, lambda: index_columns(events, lang=self.lang, collection=collection)
            )
        patch_vary_headers(response, ("Accept-Encoding", "Accept-Language", "Cookie"))
        return response
