from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _

from common.admin import CuratedAdmin, DatedAdminMixin
from sources.models import Citation, Discrepancy, Source


class CitationInline(GenericTabularInline):
    """The citations of any record that has `citations = GenericRelation("sources.Citation")`."""

    model = Citation
    extra = 0
    fields = ("source", "locator", "locator_estimated", "evidence", "position")
    autocomplete_fields = ("source",)
    # A passage is a sentence or two: a small box keeps the row readable.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}
    verbose_name = _("citation")
    verbose_name_plural = _("citations")


@admin.register(Source)
class SourceAdmin(DatedAdminMixin, CuratedAdmin):
    list_display = ("label", "kind", "author", "year", "archive_ref", "date")
    list_filter = ("kind",)
    search_fields = ("slug", "label", "author", "title", "archive_ref")


class DiscrepancyInline(GenericStackedInline):
    """Where the sources disagree about the record, on the record's own page; each one's passages (two or
    more citations) are edited on its own page, as a citation cannot hold citations in one inline."""

    model = Discrepancy
    extra = 0
    fields = ("note", "position")
    show_change_link = True
    verbose_name = _("where the sources disagree")
    verbose_name_plural = _("where the sources disagree (each with the passages that disagree)")


@admin.register(Discrepancy)
class DiscrepancyAdmin(CuratedAdmin):
    list_display = ("__str__", "owner")
    fields = ("note", "position")
    inlines = [CitationInline]

    def has_module_permission(self, request):
        return False  # reached from the record it belongs to, not listed on its own
