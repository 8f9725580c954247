"""The public downloads: GeoJSON, KML and Linked Places Format (as `export_geography`) and the sources for
reference managers (as `export_sources`), the same bytes as the commands, cached with the API's bodies."""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest

from common.response_cache import cached_bytes_response

from .downloads import (
    Download,
    geojson_download,
    kml_download,
    lpf_download,
    page_downloads,
    references_download,
    size_of,
)
from .geojson import LAYERS
from .slides import language_codes


def _served(request, download: Download):
    return cached_bytes_response(request, download.ask, download.build, content_type=download.content_type)


def geojson_layer(request, layer: str):
    if layer not in LAYERS:
        raise Http404(f"No layer {layer!r}; the layers are {', '.join(LAYERS)}.")
    # The layer is all that is read: no language (every language has its column) and no filter.
    return _served(request, geojson_download(layer))


def sources_references(request, format: str):
    """Every source as CSL-JSON or BibTeX, the bytes `export_sources` writes."""
    return _served(request, references_download(format))


def atlas_kml(request):
    # KML has one text a name, so the language is read (and is all that is read): `?lang=`, else the first.
    language = request.GET.get("lang") or language_codes()[0]
    if language not in language_codes():
        return HttpResponseBadRequest(
            f"Unknown language {language!r}; use one of {', '.join(language_codes())}.", content_type="text/plain"
        )
    return _served(request, kml_download(language))


def places_lpf(request):
    # Nothing is read from the request: every language is in the names.
    return _served(request, lpf_download())


def downloads_list(request):
    """Every download with its size in bytes, for the page's downloads box, which asks when it is opened:
    building the files to measure them is kept out of the page's own build."""
    language = request.GET.get("lang") or language_codes()[0]
    if language not in language_codes():
        return HttpResponseBadRequest(
            f"Unknown language {language!r}; use one of {', '.join(language_codes())}.", content_type="text/plain"
        )
    return cached_bytes_response(
        request,
        ["downloads", language],
        lambda: [{"label": d.label, "url": d.url(), "size": size_of(d)} for d in page_downloads(language)],
    )
