from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _

from common.admin import CuratedAdmin, DatedAdminMixin
from sources.models import Citation, Source


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
