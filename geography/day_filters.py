"""A date-window filter for the API whose days may lie before the common era (`-0043-03-15`).

django-filter's DateFromToRangeFilter parses with `datetime.date`, which stops at year 1; this one keeps
its parameters (`date_after`, `date_before`) and hands the filter day numbers (common.dates).
"""

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import RangeField
from django_filters.widgets import DateRangeWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.dates import InvalidDate, parse_day


class DayField(forms.CharField):
    """One whole day, YYYY-MM-DD (a minus sign for years before 1), cleaned to its day number."""

    def __init__(self, *, parameter: str, **kwargs):
        self.parameter = parameter
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_day(text)
        except InvalidDate as error:
            # The message quotes what was sent, which may hold "%": passed as a parameter, never formatted.
            raise forms.ValidationError(
                "%(parameter)s: %(error)s", code="invalid", params={"parameter": self.parameter, "error": str(error)}
            ) from None


class DayRangeField(RangeField):
    widget = DateRangeWidget  # the `_after` / `_before` suffixes

    def __init__(self, *args, **kwargs):
        super().__init__((DayField(parameter="date_after"), DayField(parameter="date_before")), *args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class DayRangeFilter(filters.RangeFilter):
    """`<name>_after` and `<name>_before` as days; `value.start`/`value.stop` are day numbers or None."""

    field_class = DayRangeField
