"""What the GeoJSON endpoints send, for the OpenAPI schema: the serializers in geography.api build
features by hand (GeoJSON's nesting is not a model's shape), so their shape is declared here.

Routes and areas carry their `citations` in the one shape every endpoint uses (sources.api).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from common.api import iso_day_field
from geography.models import AreaKind, PlaceKind, RouteMode, RoutePurpose, RouteStatusKind
from sources.api import CitationSerializer


def _constant(value: str) -> serializers.Field:
    """A string that is always `value` (GeoJSON's "type"); a pattern, not an enum, since the schema
    would otherwise name one enum component per GeoJSON type."""
    return extend_schema_field({"type": "string", "pattern": f"^{value}$", "example": value})(
        type(f"{value}Type", (serializers.CharField,), {})
    )()


_LON_LAT = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


def _dated(name: str, fields: dict) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            **fields,
            "date": serializers.CharField(help_text="EDTF; empty when undated"),
            "start": iso_day_field("First possible day; null when open"),
            "end": iso_day_field("Last possible day; null when open"),
        },
    )


class NamePeriodSerializer(serializers.Serializer):
    start = iso_day_field()
    end = iso_day_field()
    name = serializers.CharField(help_text="The name in use in this period, in the language asked for")


PlaceNameSerializer = _dated(
    "PlaceNameSerializer",
    {"name": serializers.CharField(), "language": serializers.CharField(help_text="Empty for any language")},
)
RouteStatusSerializer = _dated(
    "RouteStatusSerializer",
    {"status": serializers.ChoiceField(choices=RouteStatusKind.choices), "note": serializers.CharField()},
)


class ShipmentSerializer(serializers.Serializer):
    event = serializers.SlugField()
    date = serializers.CharField(help_text="The event's EDTF date")
    kind = serializers.CharField()
    quantity = serializers.FloatField()
    unit = serializers.CharField()
    approximate = serializers.BooleanField()
    source = serializers.SlugField()
    source_label = serializers.CharField()
    locator = serializers.CharField()


class PlacePropertiesSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text="With `on`, the name the place bore that day")
    name_periods = NamePeriodSerializer(many=True)
    kind = serializers.ChoiceField(choices=PlaceKind.choices)
    description = serializers.CharField()
    names = PlaceNameSerializer(many=True)


RoutePropertiesSerializer = _dated(
    "RoutePropertiesSerializer",
    {
        "slug": serializers.SlugField(),
        "name": serializers.CharField(),
        "description": serializers.CharField(),
        "mode": serializers.ChoiceField(choices=RouteMode.choices),
        "purpose": serializers.ChoiceField(choices=RoutePurpose.choices),
        "stops": serializers.ListField(child=serializers.SlugField(), help_text="Place slugs in order"),
        "stop_dates": serializers.ListField(
            child=serializers.DictField(allow_null=True),
            help_text="Aligned with stops: {date (EDTF), start, end} when the source dates the stop, else null",
        ),
        "length_km": serializers.FloatField(help_text="Geodesic length along the stops"),
        "statuses": RouteStatusSerializer(many=True),
        "citations": CitationSerializer(many=True),
        "aid": ShipmentSerializer(many=True, help_text="The aid lines that travelled on the route"),
    },
)
AreaPropertiesSerializer = _dated(
    "AreaPropertiesSerializer",
    {
        "slug": serializers.SlugField(),
        "name": serializers.CharField(),
        "description": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=AreaKind.choices),
        "approximate": serializers.BooleanField(),
        "citations": CitationSerializer(many=True),
    },
)


class PointSerializer(serializers.Serializer):
    type = _constant("Point")
    coordinates = _LON_LAT


class LineStringSerializer(serializers.Serializer):
    type = _constant("LineString")
    coordinates = serializers.ListField(child=_LON_LAT, help_text="[longitude, latitude] of each stop in order")


class GeometrySerializer(serializers.Serializer):
    type = serializers.CharField(help_text="A GeoJSON geometry type, e.g. Polygon")
    coordinates = serializers.ListField(child=serializers.JSONField(), help_text="[longitude, latitude] order")


def _feature(name: str, geometry, properties) -> type[serializers.Serializer]:
    fields = {
        "type": _constant("Feature"),
        "geometry": geometry(),
        "properties": properties(),
    }
    return type(f"{name}Serializer", (serializers.Serializer,), fields)


def _collection(name: str, feature) -> type[serializers.Serializer]:
    fields = {"type": _constant("FeatureCollection"), "features": feature(many=True)}
    # many=False: the list operation sends one collection, not an array of them.
    return extend_schema_serializer(many=False)(type(f"{name}Serializer", (serializers.Serializer,), fields))


PlaceFeatureSchema = _feature("PlaceFeature", PointSerializer, PlacePropertiesSerializer)
RouteFeatureSchema = _feature("RouteFeature", LineStringSerializer, RoutePropertiesSerializer)
AreaFeatureSchema = _feature("AreaFeature", GeometrySerializer, AreaPropertiesSerializer)
PlaceCollectionSchema = _collection("PlaceCollection", PlaceFeatureSchema)
RouteCollectionSchema = _collection("RouteCollection", RouteFeatureSchema)
AreaCollectionSchema = _collection("AreaCollection", AreaFeatureSchema)
