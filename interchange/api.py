"""The public downloads: GeoJSON, KML and Linked Places Format (as `export_geography`) and the sources for
reference managers (as `export_sources`), the same bytes as the commands, cached with the API's bodies."""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest

from common.response_cache import cached_bytes_response

from .bibtex import MEDIA_TYPE as BIBTEX_MEDIA_TYPE
from .csl import MEDIA_TYPE as CSL_MEDIA_TYPE
from .geography_services import kml_export, lpf_export
from .geojson import LAYERS
from .kml import CONTENT_TYPE as KML_CONTENT_TYPE
from .references import CSL_JSON, sources_export
from .services import geography_export
from .slides import language_codes


def geojson_layer(request, layer: str):
    if layer not in LAYERS:
        raise Http404(f"No layer {layer!r}; the layers are {', '.join(LAYERS)}.")
    # The layer is all that is read: no language (every language has its column) and no filter.
    return cached_bytes_response(
        request, ["geojson", layer], lambda: geography_export(layer=layer), content_type="application/geo+json"
    )


def sources_references(request, format: str):
    """Every source as CSL-JSON or BibTeX, the bytes `export_sources` writes."""
    media_type = CSL_MEDIA_TYPE if format == CSL_JSON else BIBTEX_MEDIA_TYPE
    return cached_bytes_response(
        request,
        ["references", format],
        lambda: sources_export(format=format),
        content_type=f"{media_type}; charset=utf-8",
    )


def atlas_kml(request):
    # KML has one text a name, so the language is read (and is all that is read): `?lang=`, else the first.
    language = request.GET.get("lang") or language_codes()[0]
    if language not in language_codes():
        return HttpResponseBadRequest(
            f"Unknown language {language!r}; use one of {', '.join(language_codes())}.", content_type="text/plain"
        )
    return cached_bytes_response(
        request, ["kml", language], lambda: kml_export(language=language), content_type=KML_CONTENT_TYPE
    )


def places_lpf(request):
    # Nothing is read from the request: every language is in the names.
    return cached_bytes_response(request, ["lpf"], lpf_export, content_type="application/ld+json")
