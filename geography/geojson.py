"""GeoJSON geometry validation (RFC 7946), strict enough to catch swapped or broken coordinates."""

from __future__ import annotations

from django.core.exceptions import ValidationError

GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon")


def _position(value, where: str) -> None:
    if not (isinstance(value, list | tuple) and len(value) in (2, 3)):
        raise ValidationError(f"{where}: a position is [longitude, latitude], got {value!r}.")
    if not all(isinstance(number, int | float) and not isinstance(number, bool) for number in value):
        raise ValidationError(f"{where}: coordinates must be numbers, got {value!r}.")
    longitude, latitude = value[0], value[1]
    if not -180 <= longitude <= 180:
        raise ValidationError(f"{where}: longitude {longitude} is outside −180…180.")
    if not -90 <= latitude <= 90:
        raise ValidationError(
            f"{where}: latitude {latitude} is outside −90…90 (GeoJSON is [longitude, latitude]; swapped?)."
        )


def _line(value, where: str, *, minimum: int = 2) -> None:
    if not isinstance(value, list) or len(value) < minimum:
        raise ValidationError(f"{where}: needs at least {minimum} positions.")
    for index, position in enumerate(value):
        _position(position, f"{where}[{index}]")


def _ring(value, where: str) -> None:
    _line(value, where, minimum=4)
    if list(value[0]) != list(value[-1]):
        raise ValidationError(f"{where}: a polygon ring must end where it starts (repeat the first position).")


def _polygon(value, where: str) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(f"{where}: a polygon is a list of rings.")
    for index, ring in enumerate(value):
        _ring(ring, f"{where}[{index}]")


def _many(value, where: str, check) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(f"{where}: needs at least one member.")
    for index, member in enumerate(value):
        check(member, f"{where}[{index}]")


_CHECKS = {
    "Point": _position,
    "LineString": _line,
    "Polygon": _polygon,
    "MultiPoint": lambda value, where: _many(value, where, _position),
    "MultiLineString": lambda value, where: _many(value, where, _line),
    "MultiPolygon": lambda value, where: _many(value, where, _polygon),
}


def validate_geometry(value) -> None:
    """Raise ValidationError naming what is wrong with a GeoJSON geometry object."""
    if not isinstance(value, dict):
        raise ValidationError("A geometry must be a GeoJSON object with 'type' and 'coordinates'.")
    kind = value.get("type")
    if kind not in _CHECKS:
        raise ValidationError(f"Geometry type {kind!r} is not one of {', '.join(GEOMETRY_TYPES)}.")
    if "coordinates" not in value:
        raise ValidationError(f"The {kind} has no 'coordinates'.")
    _CHECKS[kind](value["coordinates"], "coordinates")
