"""The event list's own filters: by year (over the date bounds), by cited source, and disputed or not."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Max, Min, Q
from django.utils.translation import gettext_lazy as _

from common.dates import day_number, day_parts
from sources.models import Source

YEARS_LISTED = 500  # a span longer than this lists only the years events begin or end in


class YearFilter(admin.SimpleListFilter):
    """Events whose bounds overlap a year: "1921" lists a treaty of March 1921 and a war of 1920–1922."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        events = model_admin.get_queryset(request)
        span = events.aggregate(first=Min("day_start"), last=Max("day_end"))
        if span["first"] is None or span["last"] is None:
            return []
        first_year, last_year = day_parts(span["first"])[0], day_parts(span["last"])[0]
        if last_year - first_year <= YEARS_LISTED:
            years = range(first_year, last_year + 1)
        else:
            # Deep time: every year since the Big Bang would never be listed; the years events begin or end in are.
            bounds = events.values_list("day_start", "day_end")
            years = sorted({day_parts(day)[0] for pair in bounds for day in pair if day is not None})
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
            first, last = day_number(year, 1, 1), day_number(year, 12, 31)
        except ValueError:
            return queryset.none()
        # An open bound (None) reaches into every year on its side.
        return queryset.filter(
            Q(day_start__lte=last) | Q(day_start__isnull=True, day_end__isnull=False),
            Q(day_end__gte=first) | Q(day_end__isnull=True, day_start__isnull=False),
        )


class SourceFilter(admin.SimpleListFilter):
    """Events citing a source (in their own citations; an alternative's sources are on its own page)."""

    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(str(source.pk), source.label) for source in Source.objects.order_by("label")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(citations__source_id=self.value()).distinct()


class DisputedFilter(admin.SimpleListFilter):
    """Events that sources date or place otherwise (they have alternative datings)."""

    title = _("disputed")
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", _("disputed")), ("no", _("not disputed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(alternatives__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(alternatives__isnull=True)
        return queryset
