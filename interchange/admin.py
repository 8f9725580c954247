"""Import and export in the admin: an "Import events" page and export buttons and actions on the event list,
an "Import places" page (Linked Places Format) on the place list, each geography list's and the source list's
export buttons, and a collection's page exporting that collection in every format.

The event admin is extended here rather than in chronology, since imports flow interchange → chronology:
`InterchangeEventAdmin` takes over the registration of `EventAdmin` and adds only what this app needs.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chronology.admin import CollectionAdmin, EventAdmin
from chronology.models import Collection, Event
from geography.admin import AreaAdmin, PlaceAdmin, RouteAdmin
from geography.models import Area, Place, Route
from sources.admin import SourceAdmin
from sources.models import Source

from .bibtex import MEDIA_TYPE as BIBTEX_MEDIA_TYPE
from .csl import MEDIA_TYPE as CSL_MEDIA_TYPE
from .exports import ALL_FORMATS, LESSON_FORMATS, collection_named, export_bytes
from .formats import FORMATS
from .geojson import LAYERS
from .records import FormatError
from .services import events_export
from .views import import_events_view, import_places_view

CONTENT_TYPES = {
    "corpus": ("application/yaml", "yaml"),
    "csv": ("text/csv", "csv"),
    "timelinejs": ("application/json", "json"),
    "timelinejs-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "kml": ("application/vnd.google-earth.kml+xml", "kml"),
    "lpf": ("application/ld+json", "lpf.json"),
    "csl-json": (CSL_MEDIA_TYPE, "csl.json"),
    "bibtex": (BIBTEX_MEDIA_TYPE, "bib"),
}
LAYER_NAMES = {"places": _("Places"), "routes": _("Routes"), "areas": _("Areas")}


def export_address(format: str, *, layer: str = "", collection: str = "") -> str:
    """The admin's export address of a format (drafts included, as the admin's exports are)."""
    query = {
        "format": format,
        **({"layer": layer} if layer else {}),
        **({"collection": collection} if collection else {}),
    }
    return f"{reverse('admin:chronology_event_export')}?{urlencode({**query, 'drafts': 1})}"


def export_buttons(*, collection: str = "") -> list[dict]:
    """Every export format as an admin button: a GeoJSON a layer, then the rest in the export command's order."""
    buttons = []
    for format in ALL_FORMATS:
        if format in LESSON_FORMATS or (format == "corpus" and collection):
            continue  # a story map is a lesson's page's button; the corpus is the whole atlas
        for layer in LAYERS if format == "geojson" else ("",):
            name = f"GeoJSON ({LAYER_NAMES[layer]})" if layer else format
            buttons.append(
                {
                    "label": _("Export %(format)s") % {"format": name},
                    "url": export_address(format, layer=layer, collection=collection),
                }
            )
    return buttons


def export_response(text: str | bytes, format: str, *, part: str = "") -> HttpResponse:
    content_type, extension = CONTENT_TYPES[format]
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    name = "-".join(filter(None, ["chronoatlas", format, part, timezone.localdate().isoformat()])) + f".{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _export_action(format: str):
    def action(modeladmin, request, queryset):
        text = events_export(format=format, include_drafts=True, events=queryset)
        return export_response(text, format)

    action.__name__ = f"export_{format.replace('-', '_')}"
    label = {"csv": "atlas CSV", "timelinejs": "TimelineJS JSON", "timelinejs-csv": "TimelineJS sheet CSV"}[format]
    return admin.action(description=_("Export the selected events as %(format)s") % {"format": label})(action)


class InterchangeEventAdmin(EventAdmin):
    change_list_template = "admin/interchange/event_change_list.html"
    actions = [*EventAdmin.actions, *(_export_action(f) for f in FORMATS if f != "corpus")]

    def get_urls(self):
        own = [
            path("import/", self.admin_site.admin_view(self.import_view), name="chronology_event_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name="chronology_event_export"),
        ]
        return own + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return import_events_view(request, self)

    def export_view(self, request):
        """`?format=` any export format (`layer=` for GeoJSON, `collection=` for one collection's, `drafts=1`)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        format, layer = request.GET.get("format", ""), request.GET.get("layer", "")
        if format not in CONTENT_TYPES:
            choices = ", ".join(f for f in ALL_FORMATS if f not in LESSON_FORMATS)
            return HttpResponse(f"Unknown format; use one of {choices}.", status=400, content_type="text/plain")
        if format == "geojson" and layer not in LAYERS:
            return HttpResponse(
                f"Unknown layer; use one of {', '.join(LAYERS)}.", status=400, content_type="text/plain"
            )
        try:
            collection = collection_named(request.GET.get("collection", ""))
            data = export_bytes(
                format,
                layer=layer or None,
                collection=collection,
                include_drafts=request.GET.get("drafts") == "1",
            )
        except FormatError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain")
        return export_response(data, format, part="-".join(filter(None, [collection and collection.slug, layer])))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "export_formats": FORMATS}
        return super().changelist_view(request, extra_context)


admin.site.unregister(Event)
admin.site.register(Event, InterchangeEventAdmin)


class InterchangePlaceAdmin(PlaceAdmin):
    """The place list with "Import places" (Linked Places Format), the gazetteers' way back into the atlas."""

    change_list_template = "admin/interchange/place_change_list.html"

    def get_urls(self):
        own = [path("import/", self.admin_site.admin_view(self.import_view), name="geography_place_import")]
        return own + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return import_places_view(request, self)


admin.site.unregister(Place)
admin.site.register(Place, InterchangePlaceAdmin)


class InterchangeRouteAdmin(RouteAdmin):
    change_list_template = "admin/interchange/export_change_list.html"

    def changelist_view(self, request, extra_context=None):
        label = _("Export %(format)s") % {"format": "GeoJSON"}
        buttons = [{"label": label, "url": export_address("geojson", layer="routes")}]
        return super().changelist_view(request, {**(extra_context or {}), "export_buttons": buttons})


class InterchangeAreaAdmin(AreaAdmin):
    change_list_template = "admin/interchange/export_change_list.html"

    def changelist_view(self, request, extra_context=None):
        label = _("Export %(format)s") % {"format": "GeoJSON"}
        buttons = [{"label": label, "url": export_address("geojson", layer="areas")}]
        return super().changelist_view(request, {**(extra_context or {}), "export_buttons": buttons})


class InterchangeSourceAdmin(SourceAdmin):
    """The source list with the reference managers' files (the API's bytes: `export_sources`)."""

    change_list_template = "admin/interchange/export_change_list.html"

    def changelist_view(self, request, extra_context=None):
        buttons = [
            {"label": _("Export %(format)s") % {"format": name}, "url": export_address(format)}
            for format, name in (("csl-json", "CSL-JSON"), ("bibtex", "BibTeX"))
        ]
        return super().changelist_view(request, {**(extra_context or {}), "export_buttons": buttons})


class InterchangeCollectionAdmin(CollectionAdmin):
    """A collection's page exports that collection in every format: its events, and the places, routes and
    sources they use (interchange.scope), as its page's downloads box offers them."""

    change_form_template = "admin/interchange/collection_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        collection = self.get_object(request, object_id)
        buttons = export_buttons(collection=collection.slug) if collection else []
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "export_buttons": buttons})


for model, model_admin in (
    (Route, InterchangeRouteAdmin),
    (Area, InterchangeAreaAdmin),
    (Source, InterchangeSourceAdmin),
    (Collection, InterchangeCollectionAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
