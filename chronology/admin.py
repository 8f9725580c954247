from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from chronology.admin_filters import DisputedFilter, SourceFilter, YearFilter
from chronology.date_reading import date_reading
from chronology.media import image_prepare
from chronology.models import (
    Actor,
    AidItem,
    AlternativeDating,
    Category,
    Collection,
    Era,
    Event,
    EventMedia,
    EventPlace,
    EventRelation,
    Person,
    Theme,
)
from chronology.services import (
    RelativeDateError,
    event_publish,
    event_relative_bounds_refresh,
    event_unpublish,
    relations_check,
)
from common.admin import CuratedAdmin, DatedAdminMixin, TranslatedSearchMixin, translated_column
from common.translation import translate
from sources.admin import CitationInline, DiscrepancyInline


class AidItemInline(admin.TabularInline):
    model = AidItem
    extra = 0
    fields = (
        "donor",
        "recipient",
        "status",
        "kind",
        "quantity",
        "unit",
        "approximate",
        "derived",
        "route",
        "source",
        "locator",
        "locator_estimated",
        "evidence",
        "note",
    )
    autocomplete_fields = ("donor", "recipient", "route", "source")


class EventPlaceInline(admin.TabularInline):
    model = EventPlace
    extra = 0
    fields = ("place", "role")
    autocomplete_fields = ("place",)
    verbose_name = _("place")
    verbose_name_plural = _("places (and what each was to the event)")


def _https_by_default(field, **kwargs):
    # A link typed without a scheme is read as https (Django 6's default, said now to silence its warning).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventMediaForm(forms.ModelForm):
    """A medium of the event. An uploaded image is checked and re-encoded here, before anything is saved: a
    refused file is named on its field and the rest of the event's form is shown again as it was typed."""

    class Meta:
        model = EventMedia
        fields = ("kind", "image", "url", "caption", "credit", "alt", "position")
        formfield_callback = _https_by_default

    prepared = None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.prepared = image_prepare(upload)
            return self.prepared.image
        return upload

    def save(self, commit=True):
        medium = super().save(commit=False)
        if self.prepared is not None:
            medium.image = self.prepared.image
            medium.thumbnail_panel = self.prepared.panel
            medium.thumbnail_phone = self.prepared.phone
            medium.width, medium.height = self.prepared.width, self.prepared.height
        elif not medium.image:
            medium.thumbnail_panel = medium.thumbnail_phone = ""
            medium.width = medium.height = None
        if commit:
            medium.save()
        return medium


class EventMediaInline(admin.StackedInline):
    model = EventMedia
    form = EventMediaForm
    extra = 0
    fields = ("kind", "image", "stored_image", "url", "caption", "credit", "alt", "position")
    readonly_fields = ("stored_image",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = _("medium (an uploaded image or an external link)")
    verbose_name_plural = _("media: images, video, sound, documents")

    @admin.display(description=_("as stored"))
    def stored_image(self, medium):
        # What the atlas kept of the upload (re-encoded), so the curator sees it before publishing.
        if not medium.thumbnail_panel:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="240">', medium.thumbnail_panel.url, translate(medium.alt, get_language())
        )


class AlternativeDatingInline(admin.TabularInline):
    model = AlternativeDating
    extra = 0
    fields = ("date", "place", "note", "position")
    autocomplete_fields = ("place",)
    show_change_link = True  # its sources are edited on its own page
    verbose_name = _("alternative dating (disputed claim)")
    verbose_name_plural = _("alternative datings (disputed claims)")


class EraInline(admin.TabularInline):
    """A collection's eras, drawn as bands behind its events: an interval and a name."""

    model = Era
    extra = 0
    fields = ("date", "title")
    verbose_name = _("era")
    verbose_name_plural = _("eras (bands behind the events, e.g. Y-4600000000/Y-538800000)")


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


def curator_collections(user):
    """The collections a curator may see and edit, or None for all of them.

    Plain membership (Collection.curators): a superuser, and a curator given no collection (the site's own
    curators, as before collections), see every collection; a curator given some sees only those."""
    if user.is_superuser:
        return None
    given = Collection.objects.filter(curators=user)
    return given if given.exists() else None


class CollectionScopedAdmin(CuratedAdmin):
    """The admin of a record that belongs to one collection: filtered by it, and limited to the curator's."""

    def get_list_filter(self, request):
        return ("collection", *super().get_list_filter(request))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        allowed = curator_collections(request.user)
        return queryset if allowed is None else queryset.filter(collection__in=allowed)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "collection":
            allowed = curator_collections(request.user)
            if allowed is None:
                # Left out of a form (one written before collections), the record joins the seed collection.
                field.required = False
            else:
                field.queryset = allowed
                field.initial = allowed.first().pk  # not the seed collection, which this curator cannot use
        return field


@admin.register(Collection)
class CollectionAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("title", _("title")), "published")
    search_fields = ("slug",)
    translated_search = ("title",)
    filter_horizontal = ("curators",)
    inlines = [EraInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        allowed = curator_collections(request.user)
        return queryset if allowed is None else queryset.filter(pk__in=allowed)


class EventForm(forms.ModelForm):
    """The admin builds the fields (modelform_factory); this says how to fix a slug already taken."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].error_messages["unique"] = _(
                "Another event already has this slug. Choose a different one, e.g. add the year or a place "
                "(moscow-treaty-1921)."
            )


@admin.register(Event)
class EventAdmin(TranslatedSearchMixin, DatedAdminMixin, CollectionScopedAdmin):
    form = EventForm
    list_display = (
        "slug",
        translated_column("title", _("title")),
        "date_column",
        "category",
        "significance",
        "status",
    )
    list_filter = ("status", "category", "themes", YearFilter, SourceFilter, DisputedFilter, "significance")
    search_fields = ("slug", "date")
    translated_search = ("title", "summary")
    ordering = ("day_start", "day_end", "slug")
    autocomplete_fields = ("people", "themes", "routes")
    inlines = [
        EventPlaceInline,
        EventMediaInline,
        CitationInline,
        AidItemInline,
        AlternativeDatingInline,
        DiscrepancyInline,
        EventRelationInline,
    ]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ("collection", "slug", "status", "title", "summary", "note")}),
        (
            _("When"),
            {"fields": ("date", "date_as_written", "date_calendar", "date_words", *DatedAdminMixin.dated_readonly)},
        ),
        (_("What"), {"fields": ("category", "significance", "themes", "people", "routes", "place_note")}),
    ]

    class Media:
        js = ["chronology/date_reading.js"]
        css = {"all": ["chronology/date_reading.css"]}

    @admin.display(description=_("date"), ordering="day_start")
    def date_column(self, event):
        return event.date

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The script that says what the date fields understood finds its endpoint here (no inline script).
        url = reverse("admin:chronology_event_parse_date")
        for name in ("date", "date_as_written", "date_calendar"):
            if name in form.base_fields:
                form.base_fields[name].widget.attrs.update({"data-date-reading": url})
        return form

    def get_urls(self):
        view = self.admin_site.admin_view(self.parse_date_view)
        return [path("parse-date/", view, name="chronology_event_parse_date"), *super().get_urls()]

    def parse_date_view(self, request):
        """What the date fields mean, as JSON, for the curator typing them (staff who may add or edit)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        reading = date_reading(
            date=request.GET.get("date", "")[:200],
            written=request.GET.get("date_as_written", "")[:200],
            calendar=request.GET.get("date_calendar", "") or "gregorian",
            lang=(get_language() or "tr")[:2],
        )
        return JsonResponse(reading)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Relations (this event's or others' pointing at it) narrow bounds; keep them true after every edit.
        event_relative_bounds_refresh()

    @admin.action(description=_("Publish the selected events"))
    def publish(self, request, queryset):
        count = event_publish(events=queryset, user=request.user)
        message = ngettext("%(count)d event published.", "%(count)d events published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Return the selected events to draft"))
    def unpublish(self, request, queryset):
        count = event_unpublish(events=queryset, user=request.user)
        message = ngettext("%(count)d event returned to draft.", "%(count)d events returned to draft.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(Person)
class PersonAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "born", "died")
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(Theme)
class ThemeAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")))
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(Category)
class CategoryAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")), "colour", "symbol")
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(Actor)
class ActorAdmin(TranslatedSearchMixin, CuratedAdmin):
    list_display = ("slug", translated_column("name", _("name")))
    search_fields = ("slug",)
    translated_search = ("name",)


@admin.register(AidItem)
class AidItemAdmin(admin.ModelAdmin):
    list_display = ("event", "donor", "recipient", "status", "kind", "quantity", "unit", "derived", "source")
    list_filter = ("status", "kind", "donor", "derived", "approximate")
    autocomplete_fields = ("event", "donor", "recipient", "route", "source")


@admin.register(AlternativeDating)
class AlternativeDatingAdmin(DatedAdminMixin, admin.ModelAdmin):
    list_display = ("event", "date", "place")
    search_fields = ("event__slug", "date")
    autocomplete_fields = ("event", "place")
    inlines = [CitationInline]
