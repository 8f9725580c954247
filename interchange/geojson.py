"""GeoJSON (RFC 7946) of the atlas's places, routes and areas, one FeatureCollection a layer.

One file a layer, not one file with a `kind` property: GDAL (and so QGIS) reads a GeoJSON file as one
layer, and a layer mixing points, lines and polygons under one attribute table is split or refused by the
tools a teacher would open it in (a GeoPackage or Shapefile layer holds one geometry type), while each
kind's columns would be mostly empty in the others' rows.

Properties are flat and typed (strings, numbers, booleans, null; never objects or lists) so every one is
a column in QGIS's attribute table; per-language text is one column a language (`name_tr`, `name_en`).
Nothing here touches the database: `interchange.services.geography_export` gives the features.
"""

from __future__ import annotations

import json

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

LAYERS = ("places", "routes", "areas")


def _right_hand(geometry: dict | None) -> dict | None:
    """The geometry with exterior rings counter-clockwise and holes clockwise, as RFC 7946 §3.1.6 requires."""
    if not geometry or not geometry["type"].endswith("Polygon"):
        return geometry
    polygon = shape(geometry)
    if isinstance(polygon, shapely.MultiPolygon):
        polygon = shapely.MultiPolygon([orient(part, sign=1.0) for part in polygon.geoms])
    else:
        polygon = orient(polygon, sign=1.0)
    return _lists(mapping(polygon))


def _lists(value):
    if isinstance(value, dict):
        return {key: _lists(member) for key, member in value.items()}
    if isinstance(value, tuple | list):
        return [_lists(member) for member in value]
    return value


def _flat(properties: dict) -> dict:
    for name, value in properties.items():
        if not (value is None or isinstance(value, str | int | float | bool)):
            raise TypeError(f"property {name!r} is a {type(value).__name__}; a GeoJSON column must be flat")
    return properties


def feature(feature_id: str, geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "id": feature_id, "geometry": _right_hand(geometry), "properties": _flat(properties)}


def write_geojson(features: list[dict]) -> bytes:
    """One FeatureCollection as UTF-8 bytes, with no `crs` member (RFC 7946 is WGS84 [longitude, latitude]).

    `<`, `>` and `&` are written as JSON escapes: the text means the same to every JSON reader, and a file
    pasted into a page (or read by a browser sniffing it as HTML) carries no markup a curator's text made.
    """
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")
