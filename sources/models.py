"""What the atlas rests on: sources (works and archive documents) and citations of them.

A citation belongs to any record through a generic relation, so a new kind of citable record (a lesson
step, an aid line) needs no new column or constraint here; its model declares
`citations = GenericRelation("sources.Citation")` and deleting it deletes its citations.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.history import register_history
from common.models import SLUG_HELP, Dated
from common.translation import TranslatedField


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("article")
    BOOK = "book", _("book")
    MEMOIR = "memoir", _("memoir")
    ARCHIVE = "archive", _("archive document")
    OTHER = "other", _("other")


class Source(Dated):
    """A work (author–year) or an archive document (e.g. a Turkish Diplomatic Archive file)."""

    date_required = False

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    label = models.CharField(max_length=200, help_text=_("How the atlas cites it: 'Bayur, 1991' or 'TDA, 571/3424…'."))
    author = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=400, blank=True)
    archive_ref = models.CharField(_("archive reference"), max_length=120, blank=True)
    note = TranslatedField(blank=True, multiline=True)

    class Meta:
        ordering = ["label"]
        constraints = Dated.date_constraints("source")

    def __str__(self) -> str:
        return self.label

    def clean(self):
        super().clean()
        if self.kind == SourceKind.ARCHIVE and not self.archive_ref:
            raise ValidationError({"archive_ref": _("An archive document needs its file number.")})


class Citation(models.Model):
    """A claim's source: which work or document, where in it, and the passage that supports the claim."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=120, blank=True, help_text=_("Page ('s. 193') or file number."))
    evidence = models.TextField(
        blank=True, help_text=_("The short passage of the source that supports the claim, as the source says it.")
    )
    locator_estimated = models.BooleanField(
        _("locator estimated"),
        default=False,
        help_text=_("The page was estimated from the passage's position in the text, not read off the page."),
    )
    note = TranslatedField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_owner")]

    def __str__(self) -> str:
        return f"{self.source.label}, {self.locator}" if self.locator else self.source.label


class Discrepancy(models.Model):
    """Where sources, or one source with itself, disagree about a record: the passages that cannot all hold
    (each a citation quoting its words), and a note saying what disagrees and which reading the record follows.

    Owned, like a citation, by any record through a generic relation; the reader sees it beside the record.
    """

    note = TranslatedField(
        multiline=True, help_text=_("What the passages disagree on, and which reading the record follows and why.")
    )
    position = models.PositiveSmallIntegerField(default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    citations = GenericRelation(Citation, related_query_name="discrepancy")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="discrepancy_owner")]
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} #{self.position}"


register_history(Source)
register_history(Citation)
register_history(Discrepancy, follow=("citations",))
