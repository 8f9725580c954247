from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chronology.models import AidItem, AlternativeDating, Event, EventRelation, Person, Theme
from chronology.services import (
    RelativeDateError,
    event_publish,
    event_relative_bounds_refresh,
    event_unpublish,
    relations_check,
)
from common.admin import DatedAdminMixin, TranslatedSearchMixin, translated_column
from sources.admin import CitationInline


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
    verbose_name = _("alternative dating (disputed claim)")
    verbose_name_plural = _("alternative datings (disputed claims)")


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
            raise ValidationError(_("Give the event a date, a date as written, or place it after/before other events."))
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
    verbose_name = _("relative date (after/before another event)")
    verbose_name_plural = _("relative dates (after/before other events)")


@admin.register(Event)
class EventAdmin(TranslatedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("title", _("title")), "date", "category", "significance", "status")
    list_filter = ("status", "category", "significance", "date_precision", "themes")
    search_fields = ("slug", "date")
    translated_search = ("title",)
    ordering = ("day_start", "slug")
    autocomplete_fields = ("places", "people", "themes", "routes")
    inlines = [CitationInline, AidItemInline, AlternativeDatingInline, EventRelationInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ("slug", "status", "title", "summary", "note")}),
        (_("When"), {"fields": ("date", "date_as_written", "date_calendar", *DatedAdminMixin.dated_readonly)}),
        (_("What and where"), {"fields": ("category", "significance", "themes", "places", "people", "routes")}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Relations (this event's or others' pointing at it) narrow bounds; keep them true after every edit.
        event_relative_bounds_refresh()

    @admin.action(description=_("Publish the selected events"))
    def publish(self, request, queryset):
        count = event_publish(events=queryset)
        message = ngettext("%(count)d event published.", "%(count)d events published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Return the selected events to draft"))
    def unpublish(self, request, queryset):
        count = event_unpublish(events=queryset)
        message = ngettext("%(count)d event returned to draft.", "%(count)d events returned to draft.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(Person)
class PersonAdmin(TranslatedSearchMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("name", _("name")), "born", "died")
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(Theme)
class ThemeAdmin(TranslatedSearchMixin, admin.ModelAdmin):
    list_display = ("slug", translated_column("name", _("name")))
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(AidItem)
class AidItemAdmin(admin.ModelAdmin):
    list_display = ("event", "kind", "quantity", "unit", "approximate", "route", "source")
    list_filter = ("kind", "approximate")
    autocomplete_fields = ("event", "route", "source")


@admin.register(AlternativeDating)
class AlternativeDatingAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("event", "date", "place")
    search_fields = ("event__slug", "date")
    autocomplete_fields = ("event", "place")
    inlines = [CitationInline]
