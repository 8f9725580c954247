"""Every file a visitor can take from the atlas's data, once: the API's download views answer from this list and
the atlas page lists it with each file's size, so a format added here is served and offered at once.

A file's body is the one the API serves (kept by release and data epoch in the response cache), so its size on
the page is the size of the bytes the visitor gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from chronology.models import Collection
from common.response_cache import ask_digest, stored_body

from . import scope
from .bibtex import MEDIA_TYPE as BIBTEX_MEDIA_TYPE
from .csl import MEDIA_TYPE as CSL_MEDIA_TYPE
from .geography_services import kml_export, lpf_export
from .geojson import LAYERS
from .kml import CONTENT_TYPE as KML_CONTENT_TYPE
from .references import BIBTEX, CSL_JSON, sources_export
from .services import events_export, geography_export


@dataclass(frozen=True)
class Download:
    label: str  # the page string naming it (frontend/static/frontend/core/strings.json)
    url_name: str
    ask: tuple  # what the body depends on: its key in the response cache
    build: Callable[[], bytes]
    content_type: str
    url_args: tuple = ()
    query: dict = field(default_factory=dict)

    def url(self) -> str:
        address = reverse(self.url_name, args=self.url_args)
        return f"{address}?{urlencode(self.query)}" if self.query else address

    def body(self) -> tuple[str, bytes] | None:
        """(ETag, gzipped bytes) as the API keeps them; None on a database without an epoch (not migrated)."""
        return stored_body(ask_digest(self.ask), self.build)


def _narrowed(collection: Collection | None) -> dict:
    """The query naming the collection for a file it narrows (interchange.scope): none for the seed's
    geography and sources, which are the whole atlas's, so their address and bytes stay the atlas's."""
    return {"collection": collection.slug} if scope.narrows(collection) else {}


def _slug(collection: Collection | None) -> str:
    return collection.slug if collection is not None else ""


def geojson_download(layer: str, collection: Collection | None = None) -> Download:
    narrowed = _narrowed(collection)
    return Download(
        label=f"download_{layer}_geojson",
        url_name="geojson-layer",
        url_args=(layer,),
        query=narrowed,
        ask=("geojson", layer, *narrowed.values()),
        build=lambda: geography_export(layer=layer, collection=collection if narrowed else None),
        content_type="application/geo+json",
    )


def kml_download(language: str, collection: Collection | None = None) -> Download:
    narrowed = _narrowed(collection)
    return Download(
        label="download_kml",
        url_name="atlas-kml",
        query={"lang": language, **narrowed},
        ask=("kml", language, *narrowed.values()),
        build=lambda: kml_export(language=language, collection=collection if narrowed else None),
        content_type=KML_CONTENT_TYPE,
    )


def lpf_download(collection: Collection | None = None) -> Download:
    narrowed = _narrowed(collection)
    return Download(
        label="download_lpf",
        url_name="places-lpf",
        query=narrowed,
        ask=("lpf", *narrowed.values()),
        build=lambda: lpf_export(collection=collection if narrowed else None),
        content_type="application/ld+json",
    )


def references_download(format: str, collection: Collection | None = None) -> Download:
    csl = format == CSL_JSON
    narrowed = _narrowed(collection)
    return Download(
        label="download_csl_json" if csl else "download_bibtex",
        url_name="sources-csl-json" if csl else "sources-bibtex",
        query=narrowed,
        ask=("references", format, *narrowed.values()),
        build=lambda: sources_export(format=format, collection=collection if narrowed else None),
        content_type=f"{CSL_MEDIA_TYPE if csl else BIBTEX_MEDIA_TYPE}; charset=utf-8",
    )


# The published events' files: TimelineJS JSON (one language a file) and the atlas CSV (every language).
EVENT_DOWNLOADS = {
    "timelinejs": ("download_timelinejs", "events-timelinejs", "application/json; charset=utf-8"),
    "csv": ("download_events_csv", "events-csv", "text/csv; charset=utf-8"),
}


def events_download(format: str, language: str, collection: Collection | None = None) -> Download:
    """A collection's published events (the seed's too: events, unlike places, belong to one collection)."""
    label, url_name, content_type = EVENT_DOWNLOADS[format]
    named = {"collection": collection.slug} if collection is not None else {}
    languages = {"lang": language} if format == "timelinejs" else {}
    return Download(
        label=label,
        url_name=url_name,
        query={**languages, **named},
        ask=("events", format, *languages.values(), _slug(collection)),
        build=lambda: events_export(format=format, language=language, collection=collection).encode("utf-8"),
        content_type=content_type,
    )


def page_downloads(language: str, collection: Collection | None = None) -> list[Download]:
    """What a collection's page offers, in its order: GIS first, then Google Earth, gazetteers, reference
    managers, then the events for timelines and spreadsheets. A collection other than the seed has no areas
    (interchange.scope), so no areas file is offered on its page."""
    layers = [layer for layer in LAYERS if not (layer == "areas" and scope.narrows(collection))]
    return [
        *(geojson_download(layer, collection) for layer in layers),
        kml_download(language, collection),
        lpf_download(collection),
        references_download(CSL_JSON, collection),
        references_download(BIBTEX, collection),
        events_download("timelinejs", language, collection),
        events_download("csv", language, collection),
    ]


def size_of(download: Download) -> int | None:
    """The file's size in bytes as the visitor saves it, or None where the database cannot say (not migrated)."""
    entry = download.body()
    if entry is None:
        return None
    # A gzip member ends with the uncompressed length modulo 2³² (RFC 1952 ISIZE): no need to decompress.
    return int.from_bytes(entry[1][-4:], "little")
