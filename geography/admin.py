from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from common.admin import CuratedAdmin, DatedAdminMixin, TranslatedSearchMixin, translated_column
from geography.admin_forms import AreaForm, BaseRouteStopFormSet, PlaceForm, RouteStopForm
from geography.api import AreaFeatureSerializer, RouteFeatureSerializer, RouteViewSet
from geography.models import Area, Place, PlaceName, Route, RouteStatus, RouteStop
from geography.preview import area_preview_html, route_preview_html
from geography.services import place_geocode, place_swap_warning
from geography.styles import map_styles
from sources.admin import CitationInline

LEAFLET = ("vendor/leaflet/leaflet.js", "vendor/topojson-client/topojson-client.min.js")

# The previews are folium's HTML, whose scripts and styles are inline: allowed for these responses only,
# and only framed by the admin itself. Their sources are still the host alone.
PREVIEW_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
}


def _preview_response(html: str) -> HttpResponse:
    response = HttpResponse(html)
    response._csp_replace = PREVIEW_CSP
    return response


def _preview_frame(url: str, title: str):
    return format_html('<iframe class="geography-preview" src="{}" title="{}"></iframe>', url, title)


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ("name", "language", "date", "note")


@admin.register(Place)
class PlaceAdmin(TranslatedSearchMixin, CuratedAdmin):
    form = PlaceForm
    change_form_template = "admin/geography/place/change_form.html"
    list_display = ("slug", translated_column("name", _("name")), "kind", "latitude", "longitude")
    list_filter = ("kind",)
    search_fields = ("slug", "names__name")
    translated_search = ("name",)
    inlines = [PlaceNameInline]

    class Media:
        css = {"all": ("vendor/leaflet/leaflet.css", "geography/admin/maps.css")}
        js = (*LEAFLET, "geography/admin/place-map.js")

    def get_urls(self):
        geocode = self.admin_site.admin_view(self.geocode_view)
        return [path("geocode/", geocode, name="geography_place_geocode"), *super().get_urls()]

    def geocode_view(self, request):
        """Candidates for `q` as JSON: the gazetteer's, then the online geocoder's when reachable."""
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        candidates = place_geocode(query=request.GET.get("q", "")[:200])
        return JsonResponse({"candidates": [c.as_dict() for c in candidates], "notice": candidates.notice})

    def render_change_form(self, request, context, *args, **kwargs):
        context["place_map"] = {
            "basemap": static("vendor/world-atlas/countries-50m.json"),
            "geocode": reverse("admin:geography_place_geocode"),
        }
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if warning := place_swap_warning(place=obj):
            self.message_user(request, warning, messages.WARNING)


class RouteStopInline(admin.TabularInline):
    model = RouteStop
    form = RouteStopForm
    formset = BaseRouteStopFormSet
    extra = 0
    autocomplete_fields = ("place",)
    ordering = ("position",)
    fields = ("position", "place", "date")
    classes = ("route-stops",)


class RouteStatusInline(DatedAdminMixin, admin.TabularInline):
    model = RouteStatus
    extra = 0
    fields = ("date", "status", "note")
    dated_readonly = ()


# Stops are moved out of the way of each other's positions while a reordering is saved (SQLite cannot
# defer the unique (route, position) check to the end of the transaction).
POSITION_SHIFT = 10000


@admin.register(Route)
class RouteAdmin(TranslatedSearchMixin, DatedAdminMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "mode", "purpose", "date")
    list_filter = ("mode", "purpose")
    search_fields = ("slug",)
    translated_search = ("name",)
    inlines = [RouteStopInline, RouteStatusInline, CitationInline]
    dated_readonly = (*DatedAdminMixin.dated_readonly, "preview")

    class Media:
        css = {"all": ("geography/admin/maps.css",)}
        js = ("geography/admin/route-stops.js",)

    @admin.display(description=_("map preview"))
    def preview(self, route):
        if not route.pk:
            return _("Save the route to see it on the map.")
        url = reverse("admin:geography_route_preview", args=[route.pk])
        return _preview_frame(url, _("Route preview"))

    def get_urls(self):
        view = self.admin_site.admin_view(xframe_options_sameorigin(self.preview_view))
        return [path("<int:pk>/preview/", view, name="geography_route_preview"), *super().get_urls()]

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        route = get_object_or_404(RouteViewSet.queryset, pk=pk)
        feature = RouteFeatureSerializer(route, context={"lang": "en", "citations": {}}).data
        return _preview_response(route_preview_html(feature))

    def save_formset(self, request, form, formset, change):
        if formset.model is RouteStop and form.instance.pk:
            unchanged = [
                f.instance.pk
                for f in formset.initial_forms
                if f.instance.pk and not f.has_changed() and f not in formset.deleted_forms
            ]
            stops = RouteStop.objects.filter(route=form.instance)
            stops.update(position=F("position") + POSITION_SHIFT)
            formset.save()
            stops.filter(pk__in=unchanged).update(position=F("position") - POSITION_SHIFT)
            return
        super().save_formset(request, form, formset, change)


@admin.register(Area)
class AreaAdmin(TranslatedSearchMixin, DatedAdminMixin, CuratedAdmin):
    form = AreaForm
    change_form_template = "admin/geography/area/change_form.html"
    list_display = ("slug", translated_column("name", _("name")), "kind", "date", "approximate")
    list_filter = ("kind", "approximate")
    search_fields = ("slug",)
    translated_search = ("name",)
    inlines = [CitationInline]
    dated_readonly = (*DatedAdminMixin.dated_readonly, "preview")

    class Media:
        css = {"all": ("vendor/leaflet/leaflet.css", "geography/admin/maps.css")}
        js = (*LEAFLET, "geography/admin/area-map.js")

    def render_change_form(self, request, context, *args, **kwargs):
        context["area_map"] = {"basemap": static("vendor/world-atlas/countries-50m.json"), "styles": map_styles()}
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("map preview"))
    def preview(self, area):
        if not area.pk:
            return _("Save the area to see it on the map.")
        return _preview_frame(reverse("admin:geography_area_preview", args=[area.pk]), _("Area preview"))

    def get_urls(self):
        view = self.admin_site.admin_view(xframe_options_sameorigin(self.preview_view))
        return [path("<int:pk>/preview/", view, name="geography_area_preview"), *super().get_urls()]

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        area = get_object_or_404(Area, pk=pk)
        feature = AreaFeatureSerializer(area, context={"lang": "en", "citations": {}}).data
        return _preview_response(area_preview_html(feature))
