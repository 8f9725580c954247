"""Read API for places, routes and areas as GeoJSON FeatureCollections ([longitude, latitude] order)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import LANG_PARAMETER, LanguageMixin, TranslatedText
from common.dates import InvalidDate, iso_day, parse_day
from common.response_cache import cached_bytes_response
from geography import schema
from geography.collections import in_collection
from geography.day_filters import DayRangeFilter
from geography.models import Area, AreaKind, Place, Route, RouteMode, RoutePurpose, RouteStop, route_length_km
from geography.names import as_names, folded, name_on, name_periods
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
                # Aligned with stops: when the route reached each one, where the source says (else null).
                "stop_dates": [dated_properties(s) if s.date else None for s in stops],
                "length_km": route_length_km(stops),
                "statuses": [
                    {"status": s.status, "note": self.text(s.note), **dated_properties(s)} for s in route.statuses.all()
                ],
                "citations": self.context["citations"].get(route.pk, []),
                "aid": [self._shipment(line) for line in route.aid.all()],
            },
        )

    def _shipment(self, line) -> dict:
        # Aid lines belong to chronology (which imports geography, not the reverse): read through the
        # reverse relation only, so geography never imports upward.
        return {
            "event": line.event.slug,
            "date": line.event.date,
            "kind": line.kind,
            "quantity": float(line.quantity),
            "unit": line.unit,
            "approximate": line.approximate,
            "source": line.source.slug,
            "source_label": line.source.label,
            "locator": line.locator,
        }


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
    # Parameters that change the features besides the filters (a place's name on a day).
    shaping_parameters: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        asked = self._cacheable_ask(request)
        if asked is None or request.accepted_renderer.format != "json":
            return Response(self._collection())
        # 1,000 routes take seconds to build (model instances, lengths) and the page asks for them whole on
        # every load: the finished, gzipped body is kept per data version, so a hit renders nothing.
        return cached_bytes_response(request, [f"api:{self.basename}", asked], self._collection)

    def _collection(self) -> dict:
        queryset = self.filter_queryset(self.get_queryset())
        return {"type": "FeatureCollection", "features": self.get_serializer(queryset, many=True).data}

    def _cacheable_ask(self, request) -> dict | None:
        """What was validly asked, as the cache key's part; None (no caching) for invalid or free-text asks."""
        if set(request.query_params) <= {"lang"}:
            # The page's own request: no filter to validate (building a filter set costs more than a hit).
            return {"lang": self.lang, "filters": {}, "shaping": {}}
        if "q" in request.query_params:
            return None  # free text: every spelling would be another copy
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            return None  # the filter answers with its 400
        # Only what was given: a parameter the view does not read (`utm_source`) or a filter left empty asks
        # for the same features as the page's own request, under the same key.
        return {
            "lang": self.lang,
            "filters": {
                name: str(value)
                for name, value in filterset.form.cleaned_data.items()
                if value not in (None, "", [], ())
            },
            "shaping": {name: value for name in self.shaping_parameters if (value := request.query_params.get(name))},
        }


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """`west,south,east,north` in degrees, as Leaflet's map.getBounds().toBBoxString() writes it."""
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ValidationError(
            {"bbox": f"{raw!r} is not a box; write west,south,east,north in degrees, e.g. 26,36,50,45."}
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationError({"bbox": f"{raw!r} is outside the world or south is above north."})
    return west, south, east, north


def in_bbox(lon: float, lat: float, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    inside_lon = west <= lon <= east if west <= east else lon >= west or lon <= east  # across 180°
    return inside_lon and south <= lat <= north


COLLECTION_LABEL = (
    "What one collection's published events use (its slug); a collection other than the seed has no areas"
)


class DatedFilter(filters.FilterSet):
    date = DayRangeFilter(
        method="filter_date_window",
        label="Overlapping the window date_after … date_before (YYYY-MM-DD; -0043-03-15 for 15 March 44 BC)",
    )
    on = filters.DateFilter(method="filter_on", label="Standing on this day (YYYY-MM-DD)")
    bbox = filters.CharFilter(method="filter_bbox", label="Reaching into west,south,east,north (degrees)")
    collection = filters.CharFilter(method="filter_collection", label=COLLECTION_LABEL)

    def filter_collection(self, queryset, name, value):
        return in_collection(queryset, value)

    def filter_date_window(self, queryset, name, value):
        return queryset.overlapping(value.start, value.stop)

    def filter_on(self, queryset, name, value):
        return queryset.overlapping(value, value)

    def filter_bbox(self, queryset, name, value):
        box = parse_bbox(value)
        return queryset.filter(pk__in=[record.pk for record in queryset if self.reaches(record, box)])

    def reaches(self, record, box) -> bool:
        raise NotImplementedError


class PlaceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Place._meta.get_field("kind").choices)
    bbox = filters.CharFilter(method="filter_bbox", label="Inside west,south,east,north (degrees)")
    collection = filters.CharFilter(method="filter_collection", label=COLLECTION_LABEL)

    def filter_collection(self, queryset, name, value):
        return in_collection(queryset, value)

    def filter_bbox(self, queryset, name, value):
        west, south, east, north = parse_bbox(value)
        queryset = queryset.filter(latitude__gte=south, latitude__lte=north)
        if west <= east:
            return queryset.filter(longitude__gte=west, longitude__lte=east)
        return queryset.filter(Q(longitude__gte=west) | Q(longitude__lte=east))

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


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, ON_PARAMETER, Q_PARAMETER], responses=schema.PlaceCollectionSchema),
    retrieve=extend_schema(parameters=[LANG_PARAMETER, ON_PARAMETER], responses=schema.PlaceFeatureSchema),
)
class PlaceViewSet(GeoJSONViewSet):
    shaping_parameters = ("on",)
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


def _aid_lines():
    # The model is chronology's; reached through the reverse relation so geography imports nothing upward.
    # Only published events' lines: a draft's aid would otherwise reach the public map before the draft.
    aid = Route._meta.get_field("aid").related_model
    events = aid._meta.get_field("event").related_model
    return (
        aid.objects.filter(event__in=events.objects.published())
        .select_related("event", "source")
        .order_by("event__day_start", "id")
    )


class RouteFilter(DatedFilter):
    mode = filters.ChoiceFilter(choices=RouteMode.choices)
    purpose = filters.ChoiceFilter(choices=RoutePurpose.choices)

    class Meta:
        model = Route
        fields = ["mode", "purpose"]

    def reaches(self, route, box) -> bool:
        return any(in_bbox(stop.place.longitude, stop.place.latitude, box) for stop in route.stops.all())


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
        Prefetch("aid", queryset=_aid_lines()),
    ).order_by("slug")


class AreaFilter(DatedFilter):
    kind = filters.ChoiceFilter(choices=AreaKind.choices)

    class Meta:
        model = Area
        fields = ["kind"]

    def reaches(self, area, box) -> bool:
        # Vertices only: an area wholly around the box (a front larger than the screen) is rare at the
        # zooms a date filter is used, and the page asks with a padded box.
        return any(in_bbox(lon, lat, box) for lon, lat in _positions(area.geometry.get("coordinates")))


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates[0], coordinates[1]
        return
    for part in coordinates or []:
        yield from _positions(part)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=schema.AreaCollectionSchema),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=schema.AreaFeatureSchema),
)
class AreaViewSet(CitedGeoJSONViewSet):
    serializer_class = AreaFeatureSerializer
    filterset_class = AreaFilter
    queryset = Area.objects.order_by("slug")
