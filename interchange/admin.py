"""Import and export in the admin: an "Import events" page and export buttons and actions on the event list,
and an "Import places" page (Linked Places Format) on the place list.

The event admin is extended here rather than in chronology, since imports flow interchange → chronology:
`InterchangeEventAdmin` takes over the registration of `EventAdmin` and adds only what this app needs.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chronology.admin import EventAdmin
from chronology.models import Event
from geography.admin import PlaceAdmin
from geography.models import Place

from .formats import FORMATS
from .geography_services import kml_export, lpf_export
from .geojson import LAYERS
from .services import events_export, geography_export
from .views import import_events_view, import_places_view

CONTENT_TYPES = {
    "corpus": ("application/yaml", "yaml"),
    "csv": ("text/csv", "csv"),
    "timelinejs": ("application/json", "json"),
    "timelinejs-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "kml": ("application/vnd.google-earth.kml+xml", "kml"),
    "lpf": ("application/ld+json", "lpf.json"),
}


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
        if not self.has_view_permission(request):
            raise PermissionDenied
        format = request.GET.get("format", "")
        if format == "geojson":
            layer = request.GET.get("layer", "")
            if layer not in LAYERS:
                return HttpResponse(
                    f"Unknown layer; use one of {', '.join(LAYERS)}.", status=400, content_type="text/plain"
                )
            return export_response(geography_export(layer=layer), format, part=layer)
        if format == "kml":
            return export_response(kml_export(), format)
        if format == "lpf":
            return export_response(lpf_export(), format)
        if format not in FORMATS:
            return HttpResponse(
                f"Unknown format; use one of {', '.join(FORMATS)}.", status=400, content_type="text/plain"
            )
        include_drafts = request.GET.get("drafts") == "1"
        return export_response(events_export(format=format, include_drafts=include_drafts), format)

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
