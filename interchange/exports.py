"""Every export format by name, for `export_events --format …` and the admin's export address: one place
that knows which service writes which format and what each needs (a layer, a language, a collection)."""

from __future__ import annotations

from chronology.models import Collection

from .formats import FORMATS as EVENT_FORMATS
from .geography_services import kml_export, lpf_export
from .geojson import LAYERS
from .records import FormatError
from .references import REFERENCE_FORMATS, sources_export
from .services import events_export, geography_export

GEOGRAPHY_FORMATS = ("geojson", "kml", "lpf")
# A story map is a lesson's (manage.py export_lessons, frontend/storymap.py): named here only to say so.
LESSON_FORMATS = ("storymap",)
ALL_FORMATS = (*EVENT_FORMATS, *GEOGRAPHY_FORMATS, *REFERENCE_FORMATS, *LESSON_FORMATS)


def collection_named(slug: str) -> Collection | None:
    """The collection `slug` names (None for an empty slug); a slug no collection has is a FormatError
    naming the collections there are."""
    if not slug:
        return None
    collection = Collection.objects.filter(slug=slug).first()
    if collection is None:
        known = ", ".join(Collection.objects.values_list("slug", flat=True))
        raise FormatError(f"No collection {slug!r}; the collections are: {known}.")
    return collection


def export_bytes(
    format: str,
    *,
    layer: str | None = None,
    language: str = "",
    collection: Collection | None = None,
    include_drafts: bool = False,
) -> bytes:
    """The file `format` writes, as bytes; what a format cannot take (a layer for KML, none for GeoJSON) is a
    FormatError saying what to give instead."""
    if format in LESSON_FORMATS:
        raise FormatError("A story map is a lesson's: manage.py export_lessons LESSON --format storymap.")
    if layer and format != "geojson" and not (format == "lpf" and layer == "places"):
        raise FormatError(f"--layer is for GeoJSON (one file a layer); {format} is one file: leave --layer out.")
    if format == "geojson":
        if not layer:
            raise FormatError(f"GeoJSON is one file a layer: give --layer ({', '.join(LAYERS)}).")
        return geography_export(layer=layer, collection=collection)
    if format == "kml":
        return kml_export(language=language, collection=collection)
    if format == "lpf":
        return lpf_export(collection=collection)
    if format in REFERENCE_FORMATS:
        return sources_export(format=format, collection=collection)
    if format in EVENT_FORMATS:
        text = events_export(format=format, include_drafts=include_drafts, language=language, collection=collection)
        return text.encode("utf-8")
    raise FormatError(f"Unknown format {format!r}; the formats are {', '.join(ALL_FORMATS)}.")
