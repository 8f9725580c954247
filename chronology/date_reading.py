"""What the atlas understood of a date a curator is typing, in words: "1921-10 → 1–31 October 1921, month
precision", "5 Teşrinisani 1336 (Rumi) → 5 November 1920", or why it cannot read it.

The event form shows this under the date fields as the curator types (admin's parse-date endpoint).
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.calendars import (
    Calendar,
    CalendarError,
    format_calendar_date,
    month_name,
    parse_calendar_date,
    to_gregorian_alternatives,
)
from common.dates import InvalidDate, Precision, day_parts, parse_date


def _precision_words() -> dict[str, str]:
    return {
        Precision.DAY: _("day precision"),
        Precision.MONTH: _("month precision"),
        Precision.SEASON: _("season precision"),
        Precision.YEAR: _("year precision"),
        Precision.RANGE: _("a span of days"),
    }


def _parts(day: int | dt.date) -> tuple[int, int, int]:
    """(year, month, day) of a day number (the stored bounds, BCE included) or a date (calendar readings)."""
    return (day.year, day.month, day.day) if isinstance(day, dt.date) else day_parts(day)


def _is_deep(year: int) -> bool:
    return not -9999 <= year <= 9999


def _year(year: int) -> str:
    if _is_deep(year):
        # A long year as written (Y-315000 is 315,000 BC, as the page says it), its digits grouped.
        grouped = number_format(abs(year), force_grouping=True)
        return grouped if year > 0 else _("%(year)s BC") % {"year": grouped}
    # Astronomical years (EDTF's): 0 is 1 BC, -43 is 44 BC.
    return str(year) if year > 0 else _("%(year)s BC") % {"year": 1 - year}


def _day(day: int | dt.date, lang: str) -> str:
    year, month, number = _parts(day)
    if _is_deep(year):
        return _year(year)  # deep time is kept in years: no day of it is known
    return f"{number} {month_name(Calendar.GREGORIAN, month, lang)} {_year(year)}"


def describe_span(start: int | None, end: int | None, lang: str) -> str:
    """A span as a reader writes it: '1–31 October 1921', '5 March – 10 April 1921', 'from 1 November 1920'."""
    if start is not None and end is not None:
        if start == end:
            return _day(start, lang)
        (start_year, start_month, start_day), (end_year, end_month, _end_day) = _parts(start), _parts(end)
        if start_year == end_year and _is_deep(start_year):
            return _year(start_year)
        if (start_year, start_month) == (end_year, end_month):
            return f"{start_day}–{_day(end, lang)}"
        if start_year == end_year:
            return f"{start_day} {month_name(Calendar.GREGORIAN, start_month, lang)} – {_day(end, lang)}"
        return f"{_day(start, lang)} – {_day(end, lang)}"
    if start is not None:
        return _("from %(day)s on (no end)") % {"day": _day(start, lang)}
    return _("until %(day)s (no start)") % {"day": _day(end, lang)}


def read_edtf(text: str, lang: str) -> str:
    """'1921-10 → 1–31 October 1921, month precision'; raises InvalidDate with what to write instead."""
    bounds = parse_date(text)
    words = [describe_span(bounds.start, bounds.end, lang), _precision_words()[bounds.precision]]
    if bounds.approximate:
        words.append(_("approximate"))
    if bounds.uncertain:
        words.append(_("uncertain"))
    return f"{bounds.edtf} → {', '.join(words)}"


def read_written(text: str, calendar: str, lang: str) -> str:
    """'5 Teşrinisani 1336 (Rumi) → 5 November 1920', with every reading where the year is ambiguous."""
    written = parse_calendar_date(text, calendar)
    readings = to_gregorian_alternatives(written.calendar, written.year, written.month, written.day)
    said = _(" or ").join(_day(day, lang) for day in readings)
    return f"{format_calendar_date(written, lang)} → {said}"


def date_reading(*, date: str, written: str, calendar: str, lang: str) -> dict[str, dict]:
    """For each non-empty field, {"ok": True, "text": …} or {"ok": False, "text": the reason and the fix}."""
    result: dict[str, dict] = {}
    if date.strip():
        try:
            result["date"] = {"ok": True, "text": read_edtf(date.strip(), lang)}
        except InvalidDate as error:
            result["date"] = {"ok": False, "text": str(error)}
    if written.strip():
        try:
            result["date_as_written"] = {"ok": True, "text": read_written(written, calendar, lang)}
        except CalendarError as error:
            result["date_as_written"] = {"ok": False, "text": str(error)}
    return result
