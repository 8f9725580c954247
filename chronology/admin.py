from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from chronology.models import AidItem, AlternativeDating, Citation, Event, EventRelation, Person, Source, Status, Theme
from chronology.services import RelativeDateError, event_relative_bounds_refresh, relations_check
from common.admin import DatedAdminMixin, translated_column
from common.versioning import data_version_bump
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


class AlternativeDatingInline(admin.TabularInline):
    model = AlternativeDating
    extra = 0
    fields = ("date", "place", "note", "position")
    autocomplete_fields = ("place",)
    show_change_link = True  # its sources are edited on its own page
    verbose_name = "alternative dating (disputed claim)"


class RelationFormSet(BaseInlineFormSet):
    """Refuses relations that contradict each other or the dates, naming the events."""

    def clean(self):
        super().clean()
        proposed = [
            (form.cleaned_data["kind"], form.cleaned_data["other"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("other")
        ]
        event = self.instance
        if not (event.date or event.date_as_written or proposed):
            raise ValidationError("Give the event a date, a date as written, or place it after/before other events.")
        try:
            relations_check(event=event, relations=proposed)
        except RelativeDateError as error:
            raise ValidationError(str(error)) from None


class EventRelationInline(admin.TabularInline):
    model = EventRelation
    fk_name = "event"
    formset = RelationFormSet
    extra = 0
    autocomplete_fields = ("other",)
    verbose_name = "relative date (after/before another event)"


@admin.register(Event)
class EventAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("title", "title"), "date", "category", "significance", "status")
    list_filter = ("status", "category", "significance", "date_precision", "themes")
    search_fields = ("slug", "title__tr", "title__en", "date")
    ordering = ("date_start", "slug")
    autocomplete_fields = ("places", "people", "themes", "routes")
    inlines = [EventCitationInline, AidItemInline, AlternativeDatingInline, EventRelationInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ("slug", "status", "title", "summary", "note")}),
        ("When", {"fields": ("date", "date_as_written", "date_calendar", *DatedAdminMixin.dated_readonly)}),
        ("What and where", {"fields": ("category", "significance", "themes", "places", "people", "routes")}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Relations (this event's or others' pointing at it) narrow bounds; keep them true after every edit.
        event_relative_bounds_refresh()

    @admin.action(description="Publish the selected events")
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        data_version_bump()  # QuerySet.update sends no signals
        self.message_user(request, f"{count} event(s) published.", messages.SUCCESS)

    @admin.action(description="Return the selected events to draft")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Status.DRAFT)
        data_version_bump()
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


class AlternativeCitationInline(CitationInline):
    fk_name = "alternative"


@admin.register(AlternativeDating)
class AlternativeDatingAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("event", "date", "place")
    search_fields = ("event__slug", "date")
    autocomplete_fields = ("event", "place")
    inlines = [AlternativeCitationInline]
