"""Every file a visitor can take from the atlas's data, once: the API's download views answer from this list and
the atlas page lists it with each file's size, so a format added here is served and offered at once.

A file's body is the one the API serves (kept by release and data epoch in the response cache), so its size on
the page is the size of the bytes the visitor gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from common.response_cache import ask_digest, stored_body

from .bibtex import MEDIA_TYPE as BIBTEX_MEDIA_TYPE
from .csl import MEDIA_TYPE as CSL_MEDIA_TYPE
from .geography_services import kml_export, lpf_export
from .geojson import LAYERS
from .kml import CONTENT_TYPE as KML_CONTENT_TYPE
from .references import BIBTEX, CSL_JSON, sources_export
from .services import geography_export


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
        return f"{address}?{'&'.join(f'{k}={v}' for k, v in self.query.items())}" if self.query else address

    def body(self) -> tuple[str, bytes] | None:
        """(ETag, gzipped bytes) as the API keeps them; None on a database without an epoch (not migrated)."""
        return stored_body(ask_digest(self.ask), self.build)


def geojson_download(layer: str) -> Download:
    return Download(
        label=f"download_{layer}_geojson",
        url_name="geojson-layer",
        url_args=(layer,),
        ask=("geojson", layer),
        build=lambda: geography_export(layer=layer),
        content_type="application/geo+json",
    )


def kml_download(language: str) -> Download:
    return Download(
        label="download_kml",
        url_name="atlas-kml",
        query={"lang": language},
        ask=("kml", language),
        build=lambda: kml_export(language=language),
        content_type=KML_CONTENT_TYPE,
    )


def lpf_download() -> Download:
    return Download(
        label="download_lpf", url_name="places-lpf", ask=("lpf",), build=lpf_export, content_type="application/ld+json"
    )


def references_download(format: str) -> Download:
    csl = format == CSL_JSON
    return Download(
        label="download_csl_json" if csl else "download_bibtex",
        url_name="sources-csl-json" if csl else "sources-bibtex",
        ask=("references", format),
        build=lambda: sources_export(format=format),
        content_type=f"{CSL_MEDIA_TYPE if csl else BIBTEX_MEDIA_TYPE}; charset=utf-8",
    )


def page_downloads(language: str) -> list[Download]:
    """What the atlas page offers, in its order: GIS first, then Google Earth, gazetteers, reference managers."""
    return [
        *(geojson_download(layer) for layer in LAYERS),
        kml_download(language),
        lpf_download(),
        references_download(CSL_JSON),
        references_download(BIBTEX),
    ]


def size_of(download: Download) -> int | None:
    """The file's size in bytes as the visitor saves it, or None where the database cannot say (not migrated)."""
    entry = download.body()
    if entry is None:
        return None
    # A gzip member ends with the uncompressed length modulo 2³² (RFC 1952 ISIZE): no need to decompress.
    return int.from_bytes(entry[1][-4:], "little")
