"""GeoJSON geometry validation (RFC 7946), strict enough to catch swapped or broken coordinates."""

from __future__ import annotations

import re

import shapely
from django.core.exceptions import ValidationError
from shapely.validation import explain_validity

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


def _looks_swapped(position) -> bool:
    return (
        isinstance(position, list | tuple)
        and len(position) in (2, 3)
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in position)
        and abs(position[0]) <= 90 < abs(position[1]) <= 180
    )


def _line(value, where: str, *, minimum: int = 2) -> None:
    if not isinstance(value, list) or len(value) < minimum:
        raise ValidationError(f"{where}: needs at least {minimum} positions.")
    for index, position in enumerate(value):
        _position(position, f"{where}[{index}]")


def _ring(value, where: str) -> None:
    if isinstance(value, list) and value and all(_looks_swapped(position) for position in value):
        raise ValidationError(
            f"{where}: every position looks like [latitude, longitude] (the second number is beyond ±90, "
            "the first within it); GeoJSON is [longitude, latitude]: swap each pair."
        )
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
    _check_shape(value)


# A geometry wider than this crosses the antimeridian the long way round (a ring from 170° E to 170° W drawn
# as 340° of the globe), which no front or zone of a historical atlas does.
MAX_LONGITUDE_SPAN = 180

_VALIDITY = re.compile(r"(?P<reason>[^\[]+)\[(?P<x>[-\d.e]+) (?P<y>[-\d.e]+)\]")


def _flat(value):
    if value and isinstance(value[0], int | float):
        return list(value[:2])
    return [_flat(member) for member in value]


def _check_shape(value: dict) -> None:
    """Refuse shapes whose coordinates are fine one by one but wrong together: crossing rings, no extent."""
    # Flat: an altitude on some positions only (allowed by RFC 7946) would make shapely refuse the list.
    shape = shapely.geometry.shape({"type": value["type"], "coordinates": _flat(value["coordinates"])})
    west, _, east, _ = shape.bounds
    if east - west >= MAX_LONGITUDE_SPAN:
        raise ValidationError(
            f"The {value['type']} spans {east - west:.0f}° of longitude ({west:g} to {east:g}): a shape that "
            "wide usually crosses the 180th meridian the wrong way round, or has a position typed wrongly."
        )
    if shape.is_valid:
        if shape.geom_type.endswith("Polygon") and shape.area == 0:
            raise ValidationError(f"The {value['type']} encloses no area: its positions lie on one line or one point.")
        return
    explanation = explain_validity(shape)
    match = _VALIDITY.match(explanation)
    if match and match["reason"].strip().lower().startswith(("self-intersection", "ring self-intersection")):
        raise ValidationError(
            f"The {value['type']}'s outline crosses itself near longitude {float(match['x']):g}, latitude "
            f"{float(match['y']):g}: reorder the positions so the edges go round the area without crossing."
        )
    where = f" near longitude {float(match['x']):g}, latitude {float(match['y']):g}" if match else ""
    reason = match["reason"].strip() if match else explanation
    raise ValidationError(f"The {value['type']} is not a valid shape{where}: {reason.lower()}.")
