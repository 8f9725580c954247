from django.contrib import admin

from common.admin import DatedAdminMixin, translated_column
from geography.models import Area, Place, PlaceName, Route, RouteStatus, RouteStop


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ("name", "language", "date", "note")


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("slug", translated_column("name", "name"), "kind", "latitude", "longitude")
    list_filter = ("kind",)
    search_fields = ("slug", "name__tr", "name__en", "names__name")
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
class RouteAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("name", "name"), "mode", "purpose", "date")
    list_filter = ("mode", "purpose")
    search_fields = ("slug", "name__tr", "name__en")
    inlines = [RouteStopInline, RouteStatusInline]


@admin.register(Area)
class AreaAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("name", "name"), "kind", "date", "approximate")
    list_filter = ("kind", "approximate")
    search_fields = ("slug", "name__tr", "name__en")
