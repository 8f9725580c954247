"""Read API for events, people, themes and search."""

from __future__ import annotations

from django.db.models import Subquery
from django.utils.cache import add_never_cache_headers, patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from chronology.api.collections import COLLECTION_PARAMETER, asked_collection
from chronology.api.filters import (
    FIELDS_PARAMETER,
    UNFILTERED_PARAMETERS,
    EventFilter,
    canonical,
    date_window,
    requested_fields,
)
from chronology.api.serializers import (
    CategorySerializer,
    EventSerializer,
    PersonSerializer,
    RelatedEventsSerializer,
    SearchResultSerializer,
    ThemeSerializer,
)
from chronology.models import Category, Event, Person, Theme
from chronology.preview import PREVIEW_PARAMETER, drafts_visible
from chronology.search import PER_KIND_DEFAULT, PER_KIND_MAX, QueryError, atlas_search, related_events
from chronology.selectors import event_rows, published_event_row
from common.api import (
    LANG_PARAMETER,
    LanguageMixin,
    TranslatedReadOnlyViewSet,
    asks_whole_list,
)
from common.response_cache import cached_bytes_response, cached_data


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, FIELDS_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, FIELDS_PARAMETER]),
)
class EventViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Published events in time order; the whole list unless `limit`/`offset` ask for a page."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"

    def get_queryset(self):
        # Asked twice a request (the permission check reads its model): built once, as building it costs
        # about as much as answering a cached list. The view lives for one request only.
        if getattr(self, "_events", None) is None:
            events = Event.objects.all() if drafts_visible(self.request) else Event.objects.published()
            self._events = events.chronological()
        return self._events.all()

    def list(self, request, *args, **kwargs):
        fields = requested_fields(request)
        limit, offset = self.paginator.paging(request)
        queryset, filters_asked, window = None, {}, None
        # The page's own request names no filter. Validating an empty filter set would deep-copy every filter
        # and cost more than the whole answer from the cache, so only a request naming others validates.
        if not set(request.query_params) <= UNFILTERED_PARAMETERS:
            filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
            if not filterset.is_valid():
                raise ValidationError(filterset.errors)
            queryset, window = filterset.qs, date_window(filterset.form.cleaned_data)
            asked_values = {name: canonical(value) for name, value in filterset.form.cleaned_data.items()}
            # A filter not given asks nothing: the same list as without it.
            filters_asked = {name: value for name, value in asked_values.items() if value not in (None, "", [])}
        # The whole list is the page's heaviest request (0.5 s of server time at 10,000 events); it is
        # cached per data version and per what was validly asked, so a change anywhere in the data retires
        # it and a parameter the API does not know cannot make it build and store another copy.
        asked = {
            "lang": self.lang,
            "fields": fields,
            "filters": filters_asked,
            "limit": limit,
            "offset": offset,
        }
        preview = drafts_visible(request)

        def build() -> dict:
            return self.list_data(
                self.get_queryset() if queryset is None else queryset,
                fields=fields,
                window=window,
                limit=limit,
                offset=offset,
            )

        if limit is None and not preview and request.accepted_renderer.format == "json":
            # The whole list, the page's index: its finished gzipped bytes are cached, so a hit costs no
            # rendering at all (a curator's preview is built fresh and never stored: it must not reach a visitor).
            return cached_bytes_response(request, ["api:events", asked], lambda: build()["rows"])
        # A page of the list keeps its rows cached, not its bytes: its links follow each request's host and query.
        data = build() if preview else cached_data(["api:events:rows", asked], build)
        rows = data["rows"]  # already in EventSerializer's shape: passing 10,000 rows through it again costs time
        if limit is None:
            return _private_if(Response(rows), preview)
        # The links are built for this request (its host and query), never taken from the cache.
        paginator = self.paginator
        paginator.request, paginator.limit, paginator.offset, paginator.count = request, limit, offset, data["count"]
        return _private_if(paginator.get_paginated_response(rows), preview)

    def list_data(self, queryset, *, fields, window, limit: int | None, offset: int) -> dict:
        count = None
        if limit is not None:
            count = queryset.count()
            page = Subquery(queryset.values("pk")[offset : offset + limit])
            queryset = Event.objects.filter(pk__in=page).chronological()
        return {"count": count, "rows": event_rows(queryset, lang=self.lang, fields=fields, date_window=window)}

    def retrieve(self, request, *args, **kwargs):
        fields = requested_fields(request)
        preview = drafts_visible(request)

        def build() -> dict:
            row = published_event_row(slug=kwargs["slug"], lang=self.lang, fields=fields, drafts=preview)
            if row is None:  # raised before anything is stored: a made-up slug adds nothing to the cache
                raise NotFound(f"No published event with slug {kwargs['slug']!r}.")
            return self.get_serializer(row).data

        if not preview and asks_whole_list(request, also={PREVIEW_PARAMETER}):
            # What the page asks when a reader opens an event (ten queries to build): kept per data version.
            return cached_bytes_response(request, ["api:event", kwargs["slug"], self.lang], build)
        return _private_if(Response(build()), preview)

    @extend_schema(parameters=[LANG_PARAMETER], responses=RelatedEventsSerializer)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def related(self, request, slug=None):
        """Threads to follow from an event: events at its places, on its routes, with its people, those its
        relations name, and the events just before and after it; at most a few of each."""
        event = self.get_queryset().filter(slug=slug).first()
        if event is None:
            raise NotFound(f"No published event with slug {slug!r}.")
        return Response(related_events(event=event, lang=self.lang))


def _private_if(response: Response, preview: bool) -> Response:
    if preview:
        # Drafts are for this curator's browser only: no shared cache may keep them.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


class PersonViewSet(TranslatedReadOnlyViewSet):
    serializer_class = PersonSerializer
    queryset = Person.objects.order_by("slug")


class ThemeViewSet(TranslatedReadOnlyViewSet):
    serializer_class = ThemeSerializer
    queryset = Theme.objects.order_by("slug")


@extend_schema_view(list=extend_schema(parameters=[LANG_PARAMETER, COLLECTION_PARAMETER]))
class CategoryViewSet(TranslatedReadOnlyViewSet):
    """What kinds of event the atlas has: each with its slug (the events' `category`), name, colour and symbol;
    `?collection=` gives those the collection's events use (categories are shared by the collections)."""

    serializer_class = CategorySerializer
    queryset = Category.objects.order_by("slug")

    def list(self, request, *args, **kwargs):
        collection = asked_collection(request)
        if collection is None:
            return super().list(request, *args, **kwargs)
        used = Category.objects.filter(events__collection=collection).distinct().order_by("slug")
        return cached_bytes_response(
            request,
            [f"api:{self.basename}", self.lang, {"collection": collection.slug}],
            lambda: self.get_serializer(used, many=True).data,
        )


class SearchView(LanguageMixin, GenericAPIView):
    """One search over published events, places (any name they bore), people and sources, in every language;
    case, diacritics and the Turkish dotted/dotless i do not matter. Filters narrow the events found."""

    filterset_class = EventFilter  # narrows the events found; the other kinds have no such fields
    pagination_class = None
    serializer_class = SearchResultSerializer

    def get_queryset(self):
        return Event.objects.published().chronological()

    @extend_schema(
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description="Words to find, any language"),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"At most this many of each kind (1–{PER_KIND_MAX})"
            ),
        ],
        responses=SearchResultSerializer,
    )
    def get(self, request, *args, **kwargs):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": "Write what to search for (?q=), e.g. a place, a person or an event."})
        limit = _search_limit(request.query_params.get("limit"))
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        try:
            result = atlas_search(query=query, lang=self.lang, events=filterset.qs, limit=limit)
        except QueryError as error:
            raise ValidationError({"q": str(error)}) from None
        return Response(result)


def _search_limit(raw: str | None) -> int:
    if raw is None:
        return PER_KIND_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= PER_KIND_MAX:
        raise ValidationError({"limit": f"{raw!r} is not a whole number from 1 to {PER_KIND_MAX}."})
    return int(raw)
