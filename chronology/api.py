"""Read API for events, people and themes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from chronology.models import AidKind, Category, Event, Person, Theme
from chronology.rows import EVENT_FIELDS
from common.api import LANG_PARAMETER, LanguageMixin, TranslatedReadOnlyViewSet, TranslatedTextField
from common.calendars import Calendar
from common.dates import Precision
from common.versioning import data_version
from geography import api as geography_api
from geography.models import Place
from sources.api import CitationSerializer


class AidItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AidKind.choices)
    quantity = serializers.FloatField()
    unit = serializers.CharField()
    approximate = serializers.BooleanField()
    route = serializers.SlugField(allow_null=True)
    source = serializers.SlugField()
    locator = serializers.CharField()


class WrittenDateSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="As written, e.g. '5 Teşrinisani 1336'")
    calendar = serializers.ChoiceField(choices=[c.value for c in Calendar])
    readings = serializers.ListField(
        child=serializers.DateField(), help_text="Gregorian day(s); two where a Rumi year start is ambiguous"
    )


class AlternativeSerializer(serializers.Serializer):
    date = serializers.CharField(help_text="EDTF; empty when only the place differs")
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    precision = serializers.CharField()
    place = serializers.SlugField(allow_null=True)
    note = serializers.CharField(help_text="The curator's word on this reading")
    citations = CitationSerializer(many=True)


class RelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["after", "before"])
    event = serializers.SlugField()


class EventSerializer(serializers.Serializer):
    """Documents the event shape; the rows come ready-made from EventQuerySet.as_rows()."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    note = serializers.CharField(help_text="Curator's note, e.g. where sources disagree")
    date = serializers.CharField(help_text="EDTF, e.g. 1921-10 or 1920-09~")
    start = serializers.DateField(allow_null=True, help_text="First possible day; null when open")
    end = serializers.DateField(allow_null=True, help_text="Last possible day; null when open")
    precision = serializers.ChoiceField(choices=[p.value for p in Precision])
    approximate = serializers.BooleanField()
    uncertain = serializers.BooleanField()
    category = serializers.ChoiceField(choices=Category.choices)
    significance = serializers.IntegerField(min_value=1, max_value=3)
    places = serializers.ListField(child=serializers.SlugField())
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
    match = serializers.ChoiceField(
        choices=["certain", "possible"],
        required=False,
        help_text="Only with a date window: whether the event surely falls in it, or only may",
    )

    def to_representation(self, row: dict) -> dict:
        return row


FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description=f"Comma-separated subset of fields to return (sparse fieldset), from: {', '.join(EVENT_FIELDS)}.",
)


EVENT_LIST_CACHE_SECONDS = 24 * 3600


def window_match(start, end, after, before) -> str:
    """'certain' when an event's whole span lies in the window, else 'possible' (it may or may not)."""
    inside = start is not None and end is not None
    inside = inside and (after is None or start >= after) and (before is None or end <= before)
    return "certain" if inside else "possible"


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

    class Meta:
        model = Event
        fields = ["category", "place", "person", "theme"]


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
        return Event.objects.published().chronological()

    def list(self, request, *args, **kwargs):
        # The whole list is the page's heaviest request (0.5 s of server time at 10,000 events); it is
        # cached per data version, language and query, so a change anywhere in the data retires it.
        key = f"api:events:{data_version()}:{self.lang}:{urlencode(sorted(request.query_params.lists()), doseq=True)}"
        if (data := cache.get(key)) is None:
            data = self.list_data(request)
            cache.set(key, data, timeout=EVENT_LIST_CACHE_SECONDS)
        return Response(data)

    def list_data(self, request):
        fields = requested_fields(request)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            queryset = Event.objects.filter(pk__in=[event.pk for event in page]).chronological()
        rows = queryset.as_rows(lang=self.lang, fields=fields)
        if window := self.date_window():
            for row, (start, end) in zip(rows, queryset.values_list("date_start", "date_end"), strict=True):
                row["match"] = window_match(start, end, *window)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data).data if page is not None else data

    def date_window(self) -> tuple | None:
        """The date_after/date_before window asked for, if any (already validated by the filter)."""
        params = self.request.query_params
        if not (params.get("date_after") or params.get("date_before")):
            return None
        parsed = self.filterset_class(params, queryset=Event.objects.none()).form
        parsed.is_valid()
        value = parsed.cleaned_data.get("date")
        if not value:
            return None
        # The range field gives the first and last moment of the days asked for; compare whole days.
        return tuple(moment.date() if moment else None for moment in (value.start, value.stop))

    def retrieve(self, request, *args, **kwargs):
        fields = requested_fields(request)
        rows = self.get_queryset().filter(slug=kwargs["slug"]).as_rows(lang=self.lang, fields=fields)
        if not rows:
            raise NotFound(f"No published event with slug {kwargs['slug']!r}.")
        return Response(self.get_serializer(rows[0]).data)


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
