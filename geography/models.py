"""Where things happened: places (with their names through time), routes and areas."""

from __future__ import annotations

import functools
import itertools

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import register_history
from common.models import SLUG_HELP, Dated
from common.translation import TranslatedField
from geography.geojson import validate_geometry


class PlaceKind(models.TextChoices):
    CITY = "city", _("city")
    TOWN = "town", _("town")
    PORT = "port", _("port")
    REGION = "region", _("region")
    COUNTRY = "country", _("country")
    FORTRESS = "fortress", _("fortress")
    STATION = "station", _("station")
    OTHER = "other", _("other")


class Place(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField(help_text=_("The name used today or in the literature, per language."))
    kind = models.CharField(max_length=12, choices=PlaceKind.choices, default=PlaceKind.CITY)
    latitude = models.FloatField(
        validators=[MinValueValidator(-90), MaxValueValidator(90)], help_text=_("WGS84 degrees, −90 to 90.")
    )
    longitude = models.FloatField(
        validators=[MinValueValidator(-180), MaxValueValidator(180)], help_text=_("WGS84 degrees, −180 to 180.")
    )
    description = TranslatedField(blank=True, multiline=True)

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="place_latitude_in_range"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="place_longitude_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class PlaceName(Dated):
    """A name a place bore, in a language, during a period: Alexandropol until 1924, Leninakan after."""

    date_required = False

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=120)
    language = models.CharField(max_length=8, blank=True, help_text=_("Language code, or blank for any."))
    note = TranslatedField(blank=True)

    class Meta:
        # Undated names first on every database (SQLite and PostgreSQL put NULLs at opposite ends).
        ordering = ["place", models.F("day_start").asc(nulls_first=True), "name"]
        constraints = Dated.date_constraints("placename")

    def __str__(self) -> str:
        return self.name


class RouteMode(models.TextChoices):
    RAIL = "rail", _("rail")
    ROAD = "road", _("road")
    SEA = "sea", _("sea")
    MIXED = "mixed", _("mixed")


class RoutePurpose(models.TextChoices):
    AID = "aid", _("aid")
    MISSION = "mission", _("mission")
    MILITARY = "military", _("military")
    TRAVEL = "travel", _("travel")


class Route(Dated):
    date_required = False

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()
    description = TranslatedField(blank=True, multiline=True)
    mode = models.CharField(max_length=8, choices=RouteMode.choices)
    purpose = models.CharField(max_length=10, choices=RoutePurpose.choices)
    places = models.ManyToManyField(Place, through="RouteStop", related_name="routes")
    citations = GenericRelation("sources.Citation", related_query_name="route")

    class Meta:
        ordering = ["slug"]
        constraints = Dated.date_constraints("route")

    def __str__(self) -> str:
        return self.slug


class RouteStop(Dated):
    """A place on a route, in order; dated when the source says when the route reached it (optional)."""

    date_required = False

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="route_stops")
    position = models.PositiveSmallIntegerField(help_text=_("Order along the route, from 1."))

    class Meta:
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="routestop_position_unique_per_route"),
            *Dated.date_constraints("routestop"),
        ]

    def __str__(self) -> str:
        return f"{self.route.slug} #{self.position}: {self.place.slug}"


class RouteStatusKind(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    DANGEROUS = "dangerous", _("dangerous")
    PLANNED = "planned", _("planned")


class RouteStatus(Dated):
    """How a route stood during a period: the Nakhchivan road closed by winter, the sea judged dangerous."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=10, choices=RouteStatusKind.choices)
    note = TranslatedField(blank=True)

    class Meta:
        ordering = ["route", "day_start"]
        verbose_name_plural = _("route statuses")
        constraints = Dated.date_constraints("routestatus")

    def __str__(self) -> str:
        return f"{self.route.slug}: {self.status} {self.date}"


class AreaKind(models.TextChoices):
    FRONT = "front", _("front")
    OCCUPATION = "occupation", _("occupation zone")
    BORDER = "border", _("border")
    TREATY = "treaty", _("treaty territory")
    TERRITORY = "territory", _("territory")


class Area(Dated):
    """A front, an occupation zone or a border: a GeoJSON geometry that stood during a period."""

    date_required = False

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()
    description = TranslatedField(blank=True, multiline=True)
    kind = models.CharField(max_length=12, choices=AreaKind.choices)
    geometry = models.JSONField(
        validators=[validate_geometry],
        help_text=_('A GeoJSON geometry in [longitude, latitude] order, e.g. {"type": "Polygon", "coordinates": …}.'),
    )
    approximate = models.BooleanField(
        default=True, help_text=_("A sketch of where it lay, not a surveyed line; the map says so.")
    )
    citations = GenericRelation("sources.Citation", related_query_name="area")

    class Meta:
        ordering = ["slug"]
        constraints = Dated.date_constraints("area")

    def __str__(self) -> str:
        return self.slug

    def clean(self):
        super().clean()
        if self.geometry is None:
            raise ValidationError({"geometry": _("A geometry is required.")})


def route_length_km(stops: list[RouteStop]) -> float:
    """Geodesic length along the stops in order (WGS84 ellipsoid, via geopy), in kilometres."""
    return _length_km(tuple((stop.place.latitude, stop.place.longitude) for stop in stops))


# A geodesic costs ~1 ms: a list of 1,000 routes spent seconds on lengths that change only when a stop
# moves. Keyed by the coordinates themselves, so a moved stop is simply a new key.
@functools.lru_cache(maxsize=8192)
def _length_km(points: tuple[tuple[float, float], ...]) -> float:
    from geopy.distance import geodesic

    return round(sum(geodesic(a, b).km for a, b in itertools.pairwise(points)), 1)


register_history(Place, follow=("names",))
register_history(PlaceName)
register_history(Route, follow=("stops", "statuses", "citations"))
register_history(RouteStop)
register_history(RouteStatus)
register_history(Area, follow=("citations",))
