"""Read API for places, routes and areas as GeoJSON FeatureCollections ([longitude, latitude] order)."""

from __future__ import annotations

import unicodedata

from django.db.models import Prefetch, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import LANG_PARAMETER, LanguageMixin, TranslatedText
from common.dates import InvalidDate, iso_day, parse_day
from common.day_filters import DayRangeFilter
from geography import schema
from geography.models import Area, AreaKind, Place, Route, RouteMode, RoutePurpose, RouteStop, route_length_km
from geography.names import as_names, name_on, name_periods
from sources.selectors import citations_by_owner


def feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def dated_properties(record) -> dict:
    return {
        "date": record.date,
        "start": iso_day(record.day_start),
        "end": iso_day(record.day_end),
    }


class PlaceFeatureSerializer(TranslatedText, serializers.BaseSerializer):
    def to_representation(self, place: Place) -> dict:
        lang = self.context.get("lang", "tr")
        names = as_names(place.names.all())
        on = self.context.get("on")
        return feature(
            {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            {
                "slug": place.slug,
                "name": name_on(place.name, names, on, lang) if on is not None else self.text(place.name),
                "name_periods": name_periods(place.name, names, lang),
                "kind": place.kind,
                "description": self.text(place.description),
                "names": [
                    {"name": item.name, "language": item.language, **dated_properties(item)}
                    for item in place.names.all()
                ],
            },
        )


class RouteFeatureSerializer(TranslatedText, serializers.BaseSerializer):
    def to_representation(self, route: Route) -> dict:
        stops = list(route.stops.all())
        return feature(
            {"type": "LineString", "coordinates": [[s.place.longitude, s.place.latitude] for s in stops]},
            {
                "slug": route.slug,
                "name": self.text(route.name),
                "description": self.text(route.description),
                "mode": route.mode,
                "purpose": route.purpose,
                **dated_properties(route),
                "stops": [s.place.slug for s in stops],
                "length_km": route_length_km(stops),
                "statuses": [
                    {"status": s.status, "note": self.text(s.note), **dated_properties(s)} for s in route.statuses.all()
                ],
                "citations": self.context["citations"].get(route.pk, []),
            },
        )


class AreaFeatureSerializer(TranslatedText, serializers.BaseSerializer):
    def to_representation(self, area: Area) -> dict:
        return feature(
            area.geometry,
            {
                "slug": area.slug,
                "name": self.text(area.name),
                "description": self.text(area.description),
                "kind": area.kind,
                "approximate": area.approximate,
                **dated_properties(area),
                "citations": self.context["citations"].get(area.pk, []),
            },
        )


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class GeoJSONViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only viewset whose list is one whole GeoJSON FeatureCollection."""

    lookup_field = "slug"
    pagination_class = None

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        features = self.get_serializer(queryset, many=True).data
        return Response({"type": "FeatureCollection", "features": features})


class DatedFilter(filters.FilterSet):
    date = DayRangeFilter(
        method="filter_date_window",
        label="Overlapping the window date_after … date_before (YYYY-MM-DD; -0043-03-15 for 15 March 44 BC)",
    )

    def filter_date_window(self, queryset, name, value):
        return queryset.overlapping(value.start, value.stop)


class PlaceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Place._meta.get_field("kind").choices)

    class Meta:
        model = Place
        fields = ["kind"]


ON_PARAMETER = OpenApiParameter(
    "on",
    OpenApiTypes.STR,
    description="Give each place the name it bore on this day (YYYY-MM-DD; -0043-03-15 for 15 March 44 BC).",
)
Q_PARAMETER = OpenApiParameter(
    "q", OpenApiTypes.STR, description="Find places by any of their names, in any language or period."
)


def folded(text: str) -> str:
    """Lowercase without diacritics, so 'gumru' finds Gümrü and 'nahcivan' finds Nahçıvan."""
    text = text.replace("ı", "i").replace("İ", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, ON_PARAMETER, Q_PARAMETER], responses=schema.PlaceCollectionSchema),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, ON_PARAMETER], responses=schema.PlaceFeatureSchema),
)
class PlaceViewSet(GeoJSONViewSet):
    serializer_class = PlaceFeatureSerializer
    filterset_class = PlaceFilter
    queryset = Place.objects.prefetch_related("names").order_by("slug")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if (raw := self.request.query_params.get("on")) is not None:
            try:
                context["on"] = parse_day(raw)
            except InvalidDate as error:
                raise ValidationError({"on": str(error)}) from None
        return context

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if query := folded(self.request.query_params.get("q", "").strip()):
            # Matched in Python: diacritic-insensitive matching across JSON names is not portable SQL,
            # and a corpus has hundreds of places, not millions.
            matches = [
                place.pk
                for place in queryset
                if any(
                    query in folded(text)
                    for text in [place.slug, *place.name.values(), *(n.name for n in place.names.all())]
                )
            ]
            queryset = queryset.filter(pk__in=matches)
        return queryset


class CitedGeoJSONViewSet(GeoJSONViewSet):
    """Its features carry their citations, fetched in one query for the whole list."""

    def get_serializer(self, *args, **kwargs):
        records = args[0] if args else kwargs.get("instance")
        if isinstance(records, QuerySet):
            ids = records.values("pk")
        else:
            ids = [records.pk] if hasattr(records, "pk") else [record.pk for record in records or []]
        context = kwargs.setdefault("context", self.get_serializer_context())
        context["citations"] = citations_by_owner(self.get_queryset().model, ids)
        return super().get_serializer(*args, **kwargs)


class RouteFilter(DatedFilter):
    mode = filters.ChoiceFilter(choices=RouteMode.choices)
    purpose = filters.ChoiceFilter(choices=RoutePurpose.choices)

    class Meta:
        model = Route
        fields = ["mode", "purpose"]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=schema.RouteCollectionSchema),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=schema.RouteFeatureSchema),
)
class RouteViewSet(CitedGeoJSONViewSet):
    serializer_class = RouteFeatureSerializer
    filterset_class = RouteFilter
    queryset = Route.objects.prefetch_related(
        Prefetch("stops", queryset=RouteStop.objects.select_related("place").order_by("position")),
        "statuses",
    ).order_by("slug")


class AreaFilter(DatedFilter):
    kind = filters.ChoiceFilter(choices=AreaKind.choices)

    class Meta:
        model = Area
        fields = ["kind"]


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=schema.AreaCollectionSchema),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=schema.AreaFeatureSchema),
)
class AreaViewSet(CitedGeoJSONViewSet):
    serializer_class = AreaFeatureSerializer
    filterset_class = AreaFilter
    queryset = Area.objects.order_by("slug")
