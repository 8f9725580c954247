from django.contrib import admin, messages

from chronology.models import AidItem, Citation, Event, Person, Source, Status, Theme
from common.admin import DatedAdminMixin, translated_column
from geography.admin import AreaAdmin, RouteAdmin
from geography.models import Area, Route


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("source", "locator", "position")
    autocomplete_fields = ("source",)


class EventCitationInline(CitationInline):
    fk_name = "event"


class AidItemInline(admin.TabularInline):
    model = AidItem
    extra = 0
    fields = ("kind", "quantity", "unit", "approximate", "route", "source", "locator")
    autocomplete_fields = ("route", "source")


@admin.register(Event)
class EventAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("title", "title"), "date", "category", "significance", "status")
    list_filter = ("status", "category", "significance", "date_precision", "themes")
    search_fields = ("slug", "title__tr", "title__en", "date")
    ordering = ("date_start", "slug")
    autocomplete_fields = ("places", "people", "themes", "routes")
    inlines = [EventCitationInline, AidItemInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ("slug", "status", "title", "summary", "note")}),
        ("When", {"fields": ("date", *DatedAdminMixin.dated_readonly)}),
        ("What and where", {"fields": ("category", "significance", "themes", "places", "people", "routes")}),
    ]

    @admin.action(description="Publish the selected events")
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(request, f"{count} event(s) published.", messages.SUCCESS)

    @admin.action(description="Return the selected events to draft")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Status.DRAFT)
        self.message_user(request, f"{count} event(s) returned to draft.", messages.SUCCESS)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("slug", translated_column("name", "name"), "born", "died")
    search_fields = ("slug", "name__tr", "name__en")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("slug", translated_column("name", "name"))
    search_fields = ("slug", "name__tr", "name__en")


@admin.register(Source)
class SourceAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("label", "kind", "author", "year", "archive_ref", "date")
    list_filter = ("kind",)
    search_fields = ("slug", "label", "author", "title", "archive_ref")


@admin.register(AidItem)
class AidItemAdmin(admin.ModelAdmin):
    list_display = ("event", "kind", "quantity", "unit", "approximate", "route", "source")
    list_filter = ("kind", "approximate")
    autocomplete_fields = ("event", "route", "source")


# Routes and areas cite sources too; their admins gain the citation inline here, where citations live.
class RouteCitationInline(CitationInline):
    fk_name = "route"


class AreaCitationInline(CitationInline):
    fk_name = "area"


admin.site.unregister(Route)
admin.site.unregister(Area)


@admin.register(Route)
class CitedRouteAdmin(RouteAdmin):
    inlines = [*RouteAdmin.inlines, RouteCitationInline]


@admin.register(Area)
class CitedAreaAdmin(AreaAdmin):
    inlines = [*AreaAdmin.inlines, AreaCitationInline]
