from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import CuratedAdmin, DatedAdminMixin, TranslatedSearchMixin, translated_column
from geography.models import Area, Place, PlaceName, Route, RouteStatus, RouteStop
from sources.admin import CitationInline


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ("name", "language", "date", "note")


@admin.register(Place)
class PlaceAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "kind", "latitude", "longitude")
    list_filter = ("kind",)
    search_fields = ("slug", "names__name")
    translated_search = ("name",)
    inlines = [PlaceNameInline]


class RouteStopInline(admin.TabularInline):
    model = RouteStop
    extra = 0
    autocomplete_fields = ("place",)
    ordering = ("position",)


class RouteStatusInline(DatedAdminMixin, admin.TabularInline):
    model = RouteStatus
    extra = 0
    fields = ("date", "status", "note")
    dated_readonly = ()


@admin.register(Route)
class RouteAdmin(TranslatedSearchMixin, DatedAdminMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "mode", "purpose", "date")
    list_filter = ("mode", "purpose")
    search_fields = ("slug",)
    translated_search = ("name",)
    inlines = [RouteStopInline, RouteStatusInline, CitationInline]


@admin.register(Area)
class AreaAdmin(TranslatedSearchMixin, DatedAdminMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "kind", "date", "approximate")
    list_filter = ("kind", "approximate")
    search_fields = ("slug",)
    translated_search = ("name",)
    inlines = [CitationInline]
