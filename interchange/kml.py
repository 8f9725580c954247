"""KML 2.2 for Google Earth: the atlas's places, routes and areas, one Folder a layer, dated for Earth's time slider.

Written with the standard library's ElementTree, which escapes every text node and attribute: no markup a
curator typed can close an element. That is not enough for a `<description>`, which Google Earth renders as
HTML (and runs scripts in, in some versions): so the description is HTML built here from escaped text, and
that HTML is then escaped again as the element's text. A reader of the XML gets `&lt;script&gt;` back, which
Earth shows as the characters, never as a tag. `<name>` is plain text in Earth, so it is escaped once.

Dates become `<TimeStamp>` (a single day) or `<TimeSpan>` (a period, either side open), as whole days from
the record's bounds, so a month-precision "1920-09" spans the month's first to last day. Nothing here
touches the database: `interchange.services.kml_export` gives the placemarks.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
CONTENT_TYPE = "application/vnd.google-earth.kml+xml"


@dataclass(frozen=True)
class Placemark:
    id: str
    name: str
    geometry: dict | None  # a GeoJSON geometry, [longitude, latitude]
    begin: str | None = None  # ISO day
    end: str | None = None  # ISO day
    paragraphs: tuple[str, ...] = ()  # plain text, shown one paragraph each
    citations: tuple[dict, ...] = ()  # sources.selectors.CITATION_KEYS
    style: str = ""


@dataclass(frozen=True)
class Folder:
    id: str
    name: str
    placemarks: list[Placemark] = field(default_factory=list)


# One look per layer; Earth's defaults draw an area as an opaque white block hiding the map below it.
_STYLES = {
    "place": {"IconStyle": {"scale": "0.9"}},
    "route": {"LineStyle": {"color": "ff1f5fbf", "width": "3"}},
    "area": {"LineStyle": {"color": "ff2c2cb0", "width": "2"}, "PolyStyle": {"color": "552c2cb0"}},
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def cited_where(citation: dict) -> str:
    """The source's label and the locator, once: an archive file's label already holds its file number."""
    label, locator = citation["label"], citation["locator"]
    return f"{label}, {locator}" if locator and locator not in label else label


def citation_text(citation: dict) -> str:
    """`Bayur, 1991, s. 12: “the passage”`: the source's label, where in it, and the passage it supports."""
    where = cited_where(citation)
    if citation.get("locator_estimated") and citation["locator"]:
        where += " (page estimated)"
    return f"{where}: “{citation['evidence']}”" if citation.get("evidence") else where


def description_html(placemark: Placemark) -> str:
    """The balloon's HTML; every piece of curator text in it is escaped, so it shows as typed."""
    parts = [f"<p>{html.escape(paragraph)}</p>" for paragraph in placemark.paragraphs if paragraph]
    if placemark.citations:
        items = "".join(f"<li>{html.escape(citation_text(c))}</li>" for c in placemark.citations)
        parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    return "".join(parts)


def _coordinates(positions) -> str:
    # repr's shortest round-trip digits: a place written and read back is at the same coordinates.
    return " ".join(",".join(repr(number) for number in position) for position in positions)


def _ring(parent: ET.Element, tag: str, ring) -> None:
    boundary = _sub(parent, tag)
    _sub(_sub(boundary, "LinearRing"), "coordinates", _coordinates(ring))


def _geometry(parent: ET.Element, geometry: dict) -> None:
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind.startswith("Multi"):
        many = _sub(parent, "MultiGeometry")
        for part in coordinates:
            _geometry(many, {"type": kind.removeprefix("Multi"), "coordinates": part})
    elif kind == "Point":
        _sub(_sub(parent, "Point"), "coordinates", _coordinates([coordinates]))
    elif kind == "LineString":
        line = _sub(parent, "LineString")
        _sub(line, "tessellate", "1")  # follow the globe's surface rather than cut through it
        _sub(line, "coordinates", _coordinates(coordinates))
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        _sub(polygon, "tessellate", "1")
        _ring(polygon, "outerBoundaryIs", coordinates[0])
        for hole in coordinates[1:]:
            _ring(polygon, "innerBoundaryIs", hole)
    else:
        raise ValueError(f"No KML geometry for a GeoJSON {kind}.")


def _time(parent: ET.Element, begin: str | None, end: str | None) -> None:
    if begin is None and end is None:
        return  # undated: Earth shows it whatever the slider says
    if begin == end:
        _sub(_sub(parent, "TimeStamp"), "when", begin)
        return
    span = _sub(parent, "TimeSpan")
    if begin is not None:
        _sub(span, "begin", begin)
    if end is not None:
        _sub(span, "end", end)


def _placemark(parent: ET.Element, placemark: Placemark) -> None:
    element = _sub(parent, "Placemark", id=placemark.id)
    _sub(element, "name", placemark.name)
    description = description_html(placemark)
    if description:
        _sub(element, "description", description)
    _time(element, placemark.begin, placemark.end)
    if placemark.style:
        _sub(element, "styleUrl", f"#{placemark.style}")
    if placemark.geometry:
        _geometry(element, placemark.geometry)


def write_kml(title: str, folders: list[Folder]) -> bytes:
    """One KML document, UTF-8, with a Folder per layer in the order given."""
    root = ET.Element("kml", xmlns=KML_NAMESPACE)
    document = _sub(root, "Document")
    _sub(document, "name", title)
    for style_id, parts in _STYLES.items():
        style = _sub(document, "Style", id=style_id)
        for part, values in parts.items():
            element = _sub(style, part)
            for name, value in values.items():
                _sub(element, name, value)
    for folder in folders:
        element = _sub(document, "Folder", id=folder.id)
        _sub(element, "name", folder.name)
        for placemark in folder.placemarks:
            _placemark(element, placemark)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
