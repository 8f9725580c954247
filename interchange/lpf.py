"""Linked Places Format (LPF v1.2, the World Historical Gazetteer's JSON-LD for historical places), both ways.

A place is a Feature with its `names` through time (each name dated by a `when`), its `types` (the atlas's
kind, with the Getty AAT concept WHG reconciles on where there is one), its point as a GeometryCollection,
its `descriptions` and `citations`. The atlas's own names of a place (one a language) are names without a
`when`; they are also kept in `properties.atlas_name`, so an import tells them from the undated historical
names (Dersaadet) that also have no `when`.

Dates: an EDTF date of the simple kind (`1920`, `1920-09~`, `1837/1924-01`, `../1930`) is written in LPF's
own ISO 8601 spelling with the ~ ? % qualifiers LPF allows, so it comes back as it went. An open side is the
other side's `latest`/`earliest` (LPF requires a start, and a start alone means "during"). Any other EDTF
(`192X`, seasons, sets) is written as its first and last day, which is what comes back.

Nothing here touches the database: `interchange.geography_services` gathers and applies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .files import parse_json, read_text
from .kml import cited_where
from .records import FormatError, Problem

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
ID_PREFIX = "urn:chronoatlas:place:"

# The atlas's kinds as Getty AAT concepts from WHG's place-type subset (aat_whg-subset.tsv); fortress,
# station and other have no concept there and go as a label only.
AAT = {
    "city": "aat:300008389",
    "town": "aat:300008375",
    "port": "aat:300120599",
    "region": "aat:300182722",
    "country": "aat:300387506",
}

_SIMPLE = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?[~?%]?")


@dataclass(frozen=True)
class NameRecord:
    toponym: str
    language: str = ""
    date: str = ""  # EDTF, "" when undated


@dataclass(frozen=True)
class PlaceRecord:
    number: int  # the feature's place in the file, from 1
    where: str  # "feature 3 (“Kars”)"
    slug: str  # "" when the file gives none
    title: str
    name: dict[str, str]
    kind: str
    longitude: float
    latitude: float
    description: dict[str, str] = field(default_factory=dict)
    names: tuple[NameRecord, ...] = ()
    # True when the file gives the atlas's own names (`properties.atlas_name`, as this atlas exports); a
    # gazetteer's file gives only a title, which names a new place but never renames one already here.
    own_names: bool = False


@dataclass
class LpfRead:
    places: list[PlaceRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- writing --------------------------------------------------------------------------------------------


def when_of(date: str, start_iso: str | None, end_iso: str | None) -> dict | None:
    """An LPF `when` for an EDTF date and its first and last days; None when undated."""
    if not date:
        return None
    first, slash, last = date.partition("/")
    if not slash:
        if _SIMPLE.fullmatch(date):
            return {"timespans": [{"start": {"in": date}}]}
        first, last = start_iso, end_iso
    elif not (_open(first) or _SIMPLE.fullmatch(first)) or not (_open(last) or _SIMPLE.fullmatch(last)):
        first, last = start_iso, end_iso
    if _open(first) and _open(last):
        return None
    if _open(first):
        return {"timespans": [{"start": {"latest": last}, "end": {"in": last}}]}
    if _open(last):
        return {"timespans": [{"start": {"in": first}, "end": {"earliest": first}}]}
    return {"timespans": [{"start": {"in": first}, "end": {"in": last}}]}


def _open(side: str | None) -> bool:
    return side in (None, "", "..")


def lpf_citation(citation: dict) -> dict:
    label = cited_where(citation)
    return {"label": f"{label}: “{citation['evidence']}”" if citation.get("evidence") else label}


def write_lpf(features: list[dict]) -> bytes:
    """One LPF FeatureCollection as UTF-8 bytes; `<`, `>`, `&` as JSON escapes, as in the GeoJSON."""
    collection = {"@context": CONTEXT, "type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    for character, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")


# -- reading --------------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, field_name: str, message: str):
        self.field = field_name
        self.message = message


def _date_side(side, name: str, *, fallback: str | None) -> str:
    if side is None:
        return "" if fallback is None else fallback
    if not isinstance(side, dict):
        raise _Bad(name, f"{side!r} is not an object with 'in', 'earliest' or 'latest'.")
    for key in ("in", "earliest", "latest"):
        if key in side and not isinstance(side[key], str | int):
            raise _Bad(f"{name}.{key}", f"{side[key]!r} is not an ISO 8601 date such as '1920-09'.")
    if "in" in side:
        return str(side["in"])
    # Only the bound pointing away from the span: that side is open (how an open side is written here).
    if name.endswith("start"):
        return str(side["earliest"]) if "earliest" in side else ".."
    return str(side["latest"]) if "latest" in side else ".."


def dates_of(when, where: str) -> list[str]:
    """The EDTF dates of an LPF `when` (one a timespan), raising _Bad naming the field."""
    if when is None:
        return [""]
    if not isinstance(when, dict):
        raise _Bad(where, "'when' must be an object with 'timespans'.")
    spans = when.get("timespans")
    if spans is None:
        raise _Bad(f"{where}.timespans", "the atlas dates by timespans; named periods alone cannot be placed.")
    if not isinstance(spans, list) or not spans:
        raise _Bad(f"{where}.timespans", "must be a list of at least one {'start': {'in': …}}.")
    dates = []
    for index, span in enumerate(spans):
        here = f"{where}.timespans[{index}]"
        if not isinstance(span, dict) or "start" not in span:
            raise _Bad(here, "a timespan needs a 'start' (LPF requires one).")
        first = _date_side(span["start"], f"{here}.start", fallback=None)
        last = _date_side(span.get("end"), f"{here}.end", fallback=first if "end" not in span else None)
        dates.append(first if first == last else f"{first}/{last}")
    return dates


def _text(value, field_name: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Bad(field_name, f"{value!r} is not a text{' (it is required)' if required else ''}.")
    return value.strip()


def _point(geometry) -> tuple[float, float]:
    if isinstance(geometry, dict) and geometry.get("type") == "GeometryCollection":
        points = [g for g in geometry.get("geometries") or [] if isinstance(g, dict) and g.get("type") == "Point"]
        if not points:
            raise _Bad("geometry", "the atlas places a place at one point; the GeometryCollection has no Point.")
        geometry = points[0]
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise _Bad(
            "geometry", "give a Point (or a GeometryCollection holding one): the atlas places a place at one point."
        )
    position = geometry.get("coordinates")
    if not (
        isinstance(position, list)
        and len(position) in (2, 3)
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in position)
    ):
        raise _Bad("geometry.coordinates", f"{position!r} is not [longitude, latitude].")
    longitude, latitude = position[0], position[1]
    if not -180 <= longitude <= 180:
        raise _Bad("geometry.coordinates", f"longitude {longitude} is outside −180…180.")
    if not -90 <= latitude <= 90:
        raise _Bad(
            "geometry.coordinates", f"latitude {latitude} is outside −90…90 (LPF is [longitude, latitude]; swapped?)."
        )
    return float(longitude), float(latitude)


def _kind(types, kinds: tuple[str, ...]) -> str:
    if types is None:
        return "other"
    if not isinstance(types, list):
        raise _Bad("types", "must be a list of {'identifier': …, 'label': …}.")
    by_concept = {concept: kind for kind, concept in AAT.items()}
    for index, place_type in enumerate(types):
        if not isinstance(place_type, dict):
            raise _Bad(f"types[{index}]", "must be an object with 'label' or 'identifier'.")
        labels = [place_type.get("label")] + [
            s.get("label") for s in place_type.get("sourceLabels") or [] if isinstance(s, dict)
        ]
        for label in labels:
            if isinstance(label, str) and label.strip().lower() in kinds:
                return label.strip().lower()
        identifier = str(place_type.get("identifier") or "").replace("http://vocab.getty.edu/aat/", "aat:")
        if identifier in by_concept:
            return by_concept[identifier]
    return "other"


def _place(feature, number: int, *, languages: tuple[str, ...], kinds: tuple[str, ...], default: str) -> PlaceRecord:
    if not isinstance(feature, dict):
        raise _Bad("", "a feature must be an object.")
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise _Bad("properties", "LPF requires 'properties' with a 'title'.")
    title = _text(properties.get("title"), "properties.title", required=True)
    identifier = str(feature.get("@id") or "")
    slug = _text(properties.get("slug"), "properties.slug")
    if not slug and identifier.startswith(ID_PREFIX):
        slug = identifier.removeprefix(ID_PREFIX)
    atlas_name = properties.get("atlas_name")
    if atlas_name is not None and not (
        isinstance(atlas_name, dict) and all(isinstance(v, str) for v in atlas_name.values())
    ):
        raise _Bad("properties.atlas_name", "must be an object of texts by language, e.g. {'en': 'Kars'}.")
    name = {code: text for code, text in (atlas_name or {}).items() if code in languages and text} or {default: title}
    longitude, latitude = _point(feature.get("geometry"))
    names = feature.get("names")
    if names is None:
        names = []
    if not isinstance(names, list):
        raise _Bad("names", "must be a list of {'toponym': …, 'lang': …, 'when': …}.")
    records: list[NameRecord] = []
    own: set[str] = set()
    for index, entry in enumerate(names):
        here = f"names[{index}]"
        if not isinstance(entry, dict):
            raise _Bad(here, "a name must be an object with a 'toponym'.")
        toponym = _text(entry.get("toponym"), f"{here}.toponym", required=True)
        language = _text(entry.get("lang"), f"{here}.lang")
        if len(language) > 8:
            raise _Bad(f"{here}.lang", f"{language!r} is not a language code such as 'en' or 'ota'.")
        dates = dates_of(entry.get("when"), f"{here}.when")
        if dates == [""] and name.get(language) == toponym and language not in own:
            # The atlas's own name of the place, already in `name`; only the first, as the export writes it:
            # a historical name spelled the same (Mondros, undated, beside today's Mondros) comes after it.
            own.add(language)
            continue
        records += [NameRecord(toponym, language, date) for date in dates]
    descriptions = feature.get("descriptions") or []
    if not isinstance(descriptions, list):
        raise _Bad("descriptions", "must be a list of {'value': …, 'lang': …}.")
    description = {}
    for index, entry in enumerate(descriptions):
        if not isinstance(entry, dict):
            raise _Bad(f"descriptions[{index}]", "must be an object with 'value' and 'lang'.")
        language = _text(entry.get("lang"), f"descriptions[{index}].lang") or default
        if language in languages:
            description[language] = _text(entry.get("value"), f"descriptions[{index}].value")
    return PlaceRecord(
        number=number,
        where=f"feature {number} (“{title}”)",
        slug=slug,
        title=title,
        name=name,
        kind=_kind(feature.get("types"), kinds),
        longitude=longitude,
        latitude=latitude,
        description=description,
        names=tuple(records),
        own_names=bool(atlas_name),
    )


def read_lpf(source, *, languages: tuple[str, ...], kinds: tuple[str, ...], default: str) -> LpfRead:
    """The places of an LPF file (a path or bytes); a bad feature is a Problem naming it and its field.

    The size limit and UTF-8 are checked as for every import (`files.py`); a FormatError is the whole file.
    """
    collection = parse_json(read_text(source))
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        raise FormatError("Not a Linked Places file: it needs a FeatureCollection with 'features'.")
    read = LpfRead()
    if collection.get("@context") != CONTEXT:
        read.notes.append(f"The file's @context is not {CONTEXT}; it is read as Linked Places v1.1 all the same.")
    for number, feature in enumerate(collection["features"], start=1):
        try:
            read.places.append(_place(feature, number, languages=languages, kinds=kinds, default=default))
        except _Bad as bad:
            properties = feature.get("properties") if isinstance(feature, dict) else None
            title = properties.get("title") if isinstance(properties, dict) else None
            where = f"feature {number}" + (f" (“{title}”)" if isinstance(title, str) and title else "")
            read.problems.append(Problem(where, bad.field, bad.message, row=number))
    return read
