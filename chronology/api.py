"""Read API for events, people and themes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Model, Subquery
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from chronology.models import AidKind, AidStatus, Category, Event, Person, PlaceRole, Theme
from chronology.preview import PREVIEW_PARAMETER, drafts_visible
from chronology.search import PER_KIND_DEFAULT, PER_KIND_MAX, QueryError, atlas_search, related_events
from chronology.selectors import EVENT_FIELDS, DateWindow, event_rows, published_event_row
from common.api import (
    LANG_PARAMETER,
    LanguageMixin,
    TranslatedReadOnlyViewSet,
    TranslatedTextField,
    asks_whole_list,
    iso_day_field,
)
from common.calendars import Calendar
from common.dates import Precision
from common.response_cache import cached_bytes_response, cached_data
from geography import api as geography_api
from geography.models import Place, Route
from sources.api import CitationSerializer
from sources.models import Source


class AidItemSerializer(serializers.Serializer):
    donor = serializers.SlugField(allow_null=True, help_text="Actor slug: who gave, promised or was asked")
    recipient = serializers.SlugField(allow_null=True, help_text="Actor slug: who received or asked")
    status = serializers.ChoiceField(choices=AidStatus.choices)
    kind = serializers.ChoiceField(choices=AidKind.choices)
    quantity = serializers.FloatField()
    unit = serializers.CharField()
    approximate = serializers.BooleanField(help_text="The source gives the figure as a round guess")
    derived = serializers.BooleanField(help_text="Worked out from the source's figures; the note says how")
    route = serializers.SlugField(allow_null=True)
    source = serializers.SlugField()
    locator = serializers.CharField()
    evidence = serializers.CharField(help_text="The passage of the source that gives the figure; may be empty")
    locator_estimated = serializers.BooleanField(
        help_text="The page was estimated from the passage's position in the text"
    )
    note = serializers.CharField()


class WrittenDateSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="As written, e.g. '5 Teşrinisani 1336'")
    calendar = serializers.ChoiceField(choices=[c.value for c in Calendar])
    readings = serializers.ListField(
        child=serializers.DateField(), help_text="Gregorian day(s); two where a Rumi year start is ambiguous"
    )


class AlternativeSerializer(serializers.Serializer):
    date = serializers.CharField(help_text="EDTF; empty when only the place differs")
    start = iso_day_field()
    end = iso_day_field()
    precision = serializers.CharField()
    place = serializers.SlugField(allow_null=True)
    note = serializers.CharField(help_text="The curator's word on this reading")
    citations = CitationSerializer(many=True)


class RelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["after", "before"])
    event = serializers.SlugField()


class PlaceRoleSerializer(serializers.Serializer):
    place = serializers.SlugField()
    role = serializers.ChoiceField(choices=PlaceRole.choices)


class EventSerializer(serializers.Serializer):
    """An event: every field below unless `fields=` asks for some of them (then only those)."""

    # Documents the shape only: the rows come ready-made from chronology.selectors.event_rows().

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False  # a sparse fieldset leaves any of them out
        return fields

    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    note = serializers.CharField(help_text="Curator's note, e.g. where sources disagree")
    date = serializers.CharField(help_text="EDTF, e.g. 1921-10 or 1920-09~")
    start = iso_day_field("First possible day; null when open")
    end = iso_day_field("Last possible day; null when open")
    precision = serializers.ChoiceField(choices=[p.value for p in Precision])
    approximate = serializers.BooleanField()
    uncertain = serializers.BooleanField()
    category = serializers.ChoiceField(choices=Category.choices)
    significance = serializers.IntegerField(min_value=1, max_value=3)
    places = serializers.ListField(child=serializers.SlugField())
    place_roles = PlaceRoleSerializer(
        many=True, help_text="What each of `places` was to the event: at, signed at, departed from, arrived at …"
    )
    people = serializers.ListField(child=serializers.SlugField())
    themes = serializers.ListField(child=serializers.SlugField())
    routes = serializers.ListField(child=serializers.SlugField())
    citations = CitationSerializer(many=True)
    aid = AidItemSerializer(many=True)
    written = WrittenDateSerializer(allow_null=True, help_text="The date as the source wrote it, if recorded")
    calendars = serializers.DictField(
        child=serializers.CharField(),
        help_text="A single day written in the calendars in use then (julian, rumi, hijri ±2 days)",
    )
    disputed = serializers.BooleanField(help_text="Sources date or place it otherwise; see alternatives")
    alternatives = AlternativeSerializer(many=True)
    relations = RelationSerializer(many=True)
    window = serializers.BooleanField(
        help_text="True when the event is one happening and start–end is only the window in which it could "
        "have been: an event placed after/before others (relations) whose bounds are not a single day, or an "
        "undated event whose bounds its relations give. False for an event that lasted from start to end "
        "(a conference, a negotiation) and for a single day. Draw a window as a point with a faint range."
    )
    match = serializers.ChoiceField(
        choices=["certain", "possible"],
        required=False,
        help_text="Only with a date window: whether the event surely falls in it, or only may",
    )

    def to_representation(self, row: dict) -> dict:
        return row


class EventBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    precision = serializers.ChoiceField(choices=[p.value for p in Precision])
    approximate = serializers.BooleanField()
    uncertain = serializers.BooleanField()
    category = serializers.ChoiceField(choices=Category.choices)


class RelatedEventsSerializer(serializers.Serializer):
    places = EventBriefSerializer(many=True, help_text="Sharing a place, most places shared first")
    routes = EventBriefSerializer(many=True)
    people = EventBriefSerializer(many=True)
    relations = EventBriefSerializer(many=True, help_text="Placed after/before this event, or it after/before them")
    previous = EventBriefSerializer(allow_null=True, help_text="The published event just before in time")
    next = EventBriefSerializer(allow_null=True)


FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description=f"Comma-separated subset of fields to return (sparse fieldset), from: {', '.join(EVENT_FIELDS)}.",
)


# Parameters of the event list that are not filters (a preview is a filter only for staff: get_queryset).
UNFILTERED_PARAMETERS = frozenset({"lang", "fields", "limit", "offset", PREVIEW_PARAMETER})


def requested_fields(request) -> tuple[str, ...]:
    raw = request.query_params.get("fields")
    if raw is None:
        return EVENT_FIELDS
    names = tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
    unknown = [name for name in names if name not in EVENT_FIELDS]
    if unknown or not names:
        raise ValidationError(
            {
                "fields": f"Unknown field(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(EVENT_FIELDS)}."
            }
        )
    return names


def _canonical(value):
    """A filter's cleaned value as plain JSON, the same however the client spelled or ordered it."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, slice):
        return [_canonical(value.start), _canonical(value.stop)]
    if isinstance(value, list | tuple):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def date_window(cleaned_filters: dict) -> DateWindow | None:
    """The date_after/date_before window asked for, if any, as day numbers."""
    value = cleaned_filters.get("date")
    if not value or (value.start is None and value.stop is None):
        return None
    return (value.start, value.stop)


class EventFilter(geography_api.DatedFilter):
    category = filters.MultipleChoiceFilter(choices=Category.choices)
    place = filters.ModelChoiceFilter(
        field_name="places", to_field_name="slug", queryset=Place.objects.all(), label="Place slug"
    )
    person = filters.ModelChoiceFilter(
        field_name="people", to_field_name="slug", queryset=Person.objects.all(), label="Person slug"
    )
    theme = filters.ModelChoiceFilter(
        field_name="themes", to_field_name="slug", queryset=Theme.objects.all(), label="Theme slug"
    )
    route = filters.ModelChoiceFilter(
        field_name="routes", to_field_name="slug", queryset=Route.objects.all(), label="Route slug"
    )
    source = filters.ModelChoiceFilter(
        field_name="citations__source",
        to_field_name="slug",
        queryset=Source.objects.all(),
        label="Source slug (events citing it)",
        distinct=True,
    )

    class Meta:
        model = Event
        fields = ["category", "place", "person", "theme", "route", "source"]


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
            filters_asked = {
                name: _canonical(value)
                for name, value in filterset.form.cleaned_data.items()
                if value not in (None, "", [], ())  # a filter not given asks nothing: the same list as without it
            }
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


class PersonSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()

    class Meta:
        model = Person
        fields = ["slug", "name", "born", "died", "description"]


class PersonViewSet(TranslatedReadOnlyViewSet):
    serializer_class = PersonSerializer
    queryset = Person.objects.order_by("slug")


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class ThemeViewSet(TranslatedReadOnlyViewSet):
    serializer_class = ThemeSerializer
    queryset = Theme.objects.order_by("slug")


class NamedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PlaceFoundSerializer(NamedSerializer):
    names = serializers.ListField(child=serializers.CharField(), help_text="Every name it bore, any language")


class SourceFoundSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField()
    title = serializers.CharField()


class SearchTotalsSerializer(serializers.Serializer):
    events = serializers.IntegerField()
    places = serializers.IntegerField()
    people = serializers.IntegerField()
    sources = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    events = EventBriefSerializer(many=True)
    places = PlaceFoundSerializer(many=True)
    people = NamedSerializer(many=True)
    sources = SourceFoundSerializer(many=True)
    totals = SearchTotalsSerializer(help_text="How many of each kind matched; the lists stop at `limit`")


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
