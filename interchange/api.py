"""The public downloads: GeoJSON (as `export_geography`) and the sources for reference managers (as
`export_sources`), the same bytes as the commands, cached with the API's bodies."""

from __future__ import annotations

from django.http import Http404

from common.response_cache import cached_bytes_response

from .bibtex import MEDIA_TYPE as BIBTEX_MEDIA_TYPE
from .csl import MEDIA_TYPE as CSL_MEDIA_TYPE
from .geojson import LAYERS
from .references import CSL_JSON, sources_export
from .services import geography_export


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
