"""Read API for places, routes and areas as GeoJSON FeatureCollections ([longitude, latitude] order)."""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from common.api import LANG_PARAMETER, LanguageMixin, TranslatedText
from geography.models import Area, AreaKind, Place, Route, RouteMode, RoutePurpose, RouteStop, route_length_km


def feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def dated_properties(record) -> dict:
    return {
        "date": record.date,
        "start": record.date_start.isoformat() if record.date_start else None,
        "end": record.date_end.isoformat() if record.date_end else None,
    }


class PlaceFeatureSerializer(TranslatedText, serializers.BaseSerializer):
    def to_representation(self, place: Place) -> dict:
        return feature(
            {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            {
                "slug": place.slug,
                "name": self.text(place.name),
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
                    {"status": s.status, "note": self.text(s.note), **dated_properties(s)}
                    for s in route.statuses.all()
                ],
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
            },
        )


_FEATURE_COLLECTION = inline_serializer(
    "FeatureCollection",
    fields={
        "type": serializers.CharField(default="FeatureCollection"),
        "features": serializers.ListField(child=serializers.DictField()),
    },
)
_FEATURE = inline_serializer(
    "Feature",
    fields={
        "type": serializers.CharField(default="Feature"),
        "geometry": serializers.DictField(),
        "properties": serializers.DictField(),
    },
)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=_FEATURE_COLLECTION),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=_FEATURE),
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
    date = filters.DateFromToRangeFilter(
        method="filter_date_window", label="Overlapping the window date_after … date_before (YYYY-MM-DD)"
    )

    def filter_date_window(self, queryset, name, value):
        return queryset.overlapping(value.start, value.stop)


class PlaceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Place._meta.get_field("kind").choices)

    class Meta:
        model = Place
        fields = ["kind"]


class PlaceViewSet(GeoJSONViewSet):
    serializer_class = PlaceFeatureSerializer
    filterset_class = PlaceFilter
    queryset = Place.objects.prefetch_related("names").order_by("slug")


class RouteFilter(DatedFilter):
    mode = filters.ChoiceFilter(choices=RouteMode.choices)
    purpose = filters.ChoiceFilter(choices=RoutePurpose.choices)

    class Meta:
        model = Route
        fields = ["mode", "purpose"]


class RouteViewSet(GeoJSONViewSet):
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


class AreaViewSet(GeoJSONViewSet):
    serializer_class = AreaFeatureSerializer
    filterset_class = AreaFilter
    queryset = Area.objects.order_by("slug")
