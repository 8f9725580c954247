"""The public GeoJSON downloads: the same bytes as `export_geography`, cached with the API's bodies."""

from __future__ import annotations

from django.http import Http404

from common.response_cache import cached_bytes_response

from .geojson import LAYERS
from .services import geography_export


def geojson_layer(request, layer: str):
    if layer not in LAYERS:
        raise Http404(f"No layer {layer!r}; the layers are {', '.join(LAYERS)}.")
    # The layer is all that is read: no language (every language has its column) and no filter.
    return cached_bytes_response(
        request, ["geojson", layer], lambda: geography_export(layer=layer), content_type="application/geo+json"
    )
