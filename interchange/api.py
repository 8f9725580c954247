"""The public downloads: GeoJSON, KML and Linked Places Format (as `export_geography`), the sources for
reference managers (as `export_sources`) and the published events as TimelineJS JSON and the atlas CSV (as
`export_events`), the same bytes as the commands, cached with the API's bodies. Each takes `?collection=`:
a collection's events, and the places, routes and sources they use (interchange.scope)."""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest

from chronology.models import Collection
from common.response_cache import cached_bytes_response

from .downloads import (
    Download,
    events_download,
    geojson_download,
    kml_download,
    lpf_download,
    page_downloads,
    references_download,
    size_of,
)
from .geojson import LAYERS
from .slides import language_codes


class _BadAsk(Exception):
    """A query the caller must fix: answered 400 with the message, which names what would do."""


def _collection(request) -> Collection | None:
    slug = request.GET.get("collection")
    if slug is None:
        return None
    collection = Collection.objects.filter(slug=slug.strip(), published=True).first()
    if collection is None:
        known = ", ".join(Collection.objects.filter(published=True).values_list("slug", flat=True))
        raise _BadAsk(f"No collection {slug!r}; the collections are: {known}.")
    return collection


def _language(request) -> str:
    language = request.GET.get("lang") or language_codes()[0]
    if language not in language_codes():
        raise _BadAsk(f"Unknown language {language!r}; use one of {', '.join(language_codes())}.")
    return language


def _answers_bad_asks(view):
    def answered(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _BadAsk as problem:
            return HttpResponseBadRequest(str(problem), content_type="text/plain")

    answered.__name__ = view.__name__
    answered.__doc__ = view.__doc__
    return answered


def _served(request, download: Download):
    return cached_bytes_response(request, download.ask, download.build, content_type=download.content_type)


@_answers_bad_asks
def geojson_layer(request, layer: str):
    if layer not in LAYERS:
        raise Http404(f"No layer {layer!r}; the layers are {', '.join(LAYERS)}.")
    # The layer and the collection are all that is read: no language (every language has its column).
    return _served(request, geojson_download(layer, _collection(request)))


@_answers_bad_asks
def sources_references(request, format: str):
    """Every source as CSL-JSON or BibTeX, the bytes `export_sources` writes."""
    return _served(request, references_download(format, _collection(request)))


@_answers_bad_asks
def atlas_kml(request):
    # KML has one text a name, so the language is read: `?lang=`, else the first.
    return _served(request, kml_download(_language(request), _collection(request)))


@_answers_bad_asks
def places_lpf(request):
    # No language: every language is in the names.
    return _served(request, lpf_download(_collection(request)))


@_answers_bad_asks
def events_timelinejs(request):
    """The published events as TimelineJS JSON in `?lang=`, the bytes `export_events --format timelinejs` writes."""
    return _served(request, events_download("timelinejs", _language(request), _collection(request)))


@_answers_bad_asks
def events_csv(request):
    """The published events as the atlas CSV (every language a column), as `export_events --format csv`."""
    return _served(request, events_download("csv", language_codes()[0], _collection(request)))


@_answers_bad_asks
def downloads_list(request):
    """Every download of a collection's page with its size in bytes, for the page's downloads box, which asks
    when it is opened: building the files to measure them is kept out of the page's own build."""
    language, collection = _language(request), _collection(request)
    return cached_bytes_response(
        request,
        ["downloads", language, collection.slug if collection else ""],
        lambda: [{"label": d.label, "url": d.url(), "size": size_of(d)} for d in page_downloads(language, collection)],
    )
