"""Abstract models shared by the apps: dated records whose EDTF string drives indexed bounds."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import InvalidDate, Precision, as_day_number, iso_day, parse_date

SLUG_HELP = _("Lowercase letters, digits and hyphens; used in URLs and corpus files, so change it with care.")


class DatedQuerySet(models.QuerySet):
    def overlapping(self, start=None, end=None):
        """Records that could fall within [start, end] (dates, day numbers or ISO days); an open side on
        either never excludes."""
        queryset = self
        start, end = as_day_number(start), as_day_number(end)
        if start is not None:
            queryset = queryset.filter(Q(day_end__gte=start) | Q(day_end__isnull=True))
        if end is not None:
            queryset = queryset.filter(Q(day_start__lte=end) | Q(day_start__isnull=True))
        return queryset

    def chronological(self):
        return self.order_by(models.F("day_start").asc(nulls_first=True), "day_end", "slug")


class Dated(models.Model):
    """A record dated by an EDTF string; bounds, precision and qualifiers are derived from it on save.

    Deriving in save() (not in a service) keeps the indexed bounds true for every write path: admin,
    corpus loader, shell and data migrations alike.
    """

    date_required = True
    # Deep time (EDTF's long years, Y-13800000000) needs 64-bit day columns: a model that has them says so.
    long_years = False

    date = models.CharField(
        _("date (EDTF)"),
        max_length=64,
        blank=True,
        help_text=_(
            "Library of Congress EDTF: 1920-11-05, 1921-10 (month), 1920-09~ (around), 1919? "
            "(uncertain), 1920-05-11/1920-07-19 (span), 1920-11/.. (open end)."
        ),
    )
    # Julian Day Numbers (common.dates): unlike DateField they hold years before the common era.
    day_start = models.IntegerField(null=True, blank=True, editable=False, db_index=True)
    day_end = models.IntegerField(null=True, blank=True, editable=False, db_index=True)
    date_precision = models.CharField(
        max_length=8, choices=[(p.value, p.value) for p in Precision], blank=True, editable=False
    )
    date_approximate = models.BooleanField(default=False, editable=False)
    date_uncertain = models.BooleanField(default=False, editable=False)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_date_bounds()
        super().save(*args, **kwargs)

    @classmethod
    def date_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(day_start__isnull=True) | Q(day_end__isnull=True) | Q(day_start__lte=models.F("day_end")),
                name=f"{prefix}_start_not_after_end",
            )
        ]

    @property
    def start_iso(self) -> str | None:
        return iso_day(self.day_start)

    @property
    def end_iso(self) -> str | None:
        return iso_day(self.day_end)

    def refresh_date_bounds(self) -> None:
        if not self.date:
            self.day_start = self.day_end = None
            self.date_precision = ""
            self.date_approximate = self.date_uncertain = False
            return
        bounds = parse_date(self.date, long_years=self.long_years)
        self.date = bounds.edtf
        self.day_start, self.day_end = bounds.start, bounds.end
        self.date_precision = bounds.precision.value
        self.date_approximate, self.date_uncertain = bounds.approximate, bounds.uncertain

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "date" not in (exclude or []) and "date" not in errors:
            if not self.date and self.date_required:
                errors["date"] = [_("A date is required.")]
            elif self.date:
                try:
                    parse_date(self.date, long_years=self.long_years)
                except InvalidDate as error:
                    errors["date"] = [str(error)]
        if errors:
            raise ValidationError(errors)


class DataEpoch(models.Model):
    """The data epoch's one row (common/epoch.py): a random value the database's own triggers replace on
    every write to the atlas's data, so a cached body's key names the data it was built from."""

    id = models.SmallIntegerField(primary_key=True, default=1)
    value = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("data epoch")

    def __str__(self) -> str:
        return self.value
