"""EDTF dates as historians write them, reduced to the bounds a database can sort and filter on.

The `edtf` package parses; this module turns its result into plain `datetime.date` bounds, a precision
and the qualifiers, and rejects what the atlas cannot place on a timeline (sets, open-ended nonsense)
with a message that says what to write instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import (
    Date,
    Interval,
    Level1Interval,
    Season,
    UncertainOrApproximate,
    Unspecified,
    UnspecifiedIntervalSection,
)

EXAMPLES = "1920-11-05, 1921-10, 1919, 1920-09~, 1920?, 1920-05-11/1920-07-19, 1920-11/.."


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"  # a span that is none of the above, e.g. 1920-XX-XX written as a decade


class InvalidDate(ValueError):
    """A date string the atlas cannot use; the message says what to write instead."""


def _no_year(text: str) -> InvalidDate:
    return InvalidDate(
        f"{text!r} names no year the timeline can place (year 0, years before the common era and wholly "
        "unknown years are not supported); write a year from 0001 to 9999, e.g. 1920 or 192X."
    )


@dataclass(frozen=True)
class DateBounds:
    """What the database keeps of an EDTF string: bounds for sorting and filtering, and how sure it is.

    `start` is None for an open or unknown start (`../1920`), `end` likewise (`1920-11/..`).
    """

    edtf: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    approximate: bool
    uncertain: bool
    is_interval: bool


def _struct_to_date(value) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


def _precision_of(start: dt.date, end: dt.date) -> Precision:
    if start == end:
        return Precision.DAY
    last_day = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last_day):
        return Precision.MONTH
    if (start.month, start.day) == (1, 1) and end == dt.date(start.year, 12, 31):
        return Precision.YEAR
    return Precision.RANGE


def _single_bounds(parsed) -> tuple[dt.date, dt.date, Precision]:
    start = _struct_to_date(parsed.lower_strict())
    end = _struct_to_date(parsed.upper_strict())
    precision = Precision.SEASON if isinstance(parsed, Season) else _precision_of(start, end)
    return start, end, precision


def _coarser(a: Precision, b: Precision) -> Precision:
    order = [Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR, Precision.RANGE]
    return max(a, b, key=order.index)


# The `edtf` parser (pyparsing) takes 7–11 ms a string on this machine, which made generating or loading
# 10,000 events take minutes. The forms corpora nearly always use — YYYY, YYYY-MM, YYYY-MM-DD with an
# optional ~ ? % qualifier, and intervals of those — are parsed here directly; everything else still goes
# to `edtf`. tests/common/test_dates.py checks that both paths agree.
_SIMPLE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?"
_SIMPLE_DATE = re.compile(rf"{_SIMPLE}")
_SIMPLE_INTERVAL = re.compile(rf"{_SIMPLE}/{_SIMPLE}")


def _simple_bounds(year: str, month: str | None, day: str | None) -> tuple[dt.date, dt.date, Precision] | None:
    y = int(year)
    if y < dt.MINYEAR:
        raise _no_year(year)
    if month is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31), Precision.YEAR
    m = int(month)
    if not 1 <= m <= 12:
        return None
    last = calendar.monthrange(y, m)[1]
    if day is None:
        return dt.date(y, m, 1), dt.date(y, m, last), Precision.MONTH
    d = int(day)
    if not 1 <= d <= last:
        return None
    return dt.date(y, m, d), dt.date(y, m, d), Precision.DAY


def _parse_simple(text: str) -> DateBounds | None:
    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text
    if match := _SIMPLE_DATE.fullmatch(text):
        bounds = _simple_bounds(*match.group(1, 2, 3))
        return bounds and DateBounds(text, *bounds, approximate, uncertain, is_interval=False)
    if match := _SIMPLE_INTERVAL.fullmatch(text):
        lower, upper = _simple_bounds(*match.group(1, 2, 3)), _simple_bounds(*match.group(5, 6, 7))
        if not (lower and upper) or lower[0] > upper[1]:
            return None  # let the full parser produce the precise message
        return DateBounds(text, lower[0], upper[1], _coarser(lower[2], upper[2]), approximate, uncertain, True)
    return None


def parse_date(value: str) -> DateBounds:
    """Parse an EDTF string (level 0 or 1) into bounds, or raise InvalidDate saying what is wrong."""
    text = (value or "").strip()
    if not text:
        raise InvalidDate(f"A date is required. Write it in EDTF, e.g. {EXAMPLES}.")
    try:
        simple = _parse_simple(text)
    except InvalidDate as error:
        raise _no_year(text) from error
    if simple:
        return simple
    return _parse_with_edtf(text)


def _parse_with_edtf(text: str) -> DateBounds:
    try:
        return _bounds_from_edtf(text)
    except InvalidDate:
        raise
    except (ValueError, OverflowError) as error:
        # The parser accepts years `date` cannot hold (0000, -0001, XXXX) and some impossible days
        # (29 February 1900).
        if "year" in str(error):
            raise _no_year(text) from None
        raise InvalidDate(f"{text!r} names a day that does not exist in the Gregorian calendar.") from None


def _bounds_from_edtf(text: str) -> DateBounds:
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise InvalidDate(
            f"{text!r} is not a valid EDTF date (is the month 01–12 and the day real?). Examples: {EXAMPLES}."
        ) from None

    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text

    if isinstance(parsed, Date | UncertainOrApproximate | Unspecified | Season):
        start, end, precision = _single_bounds(parsed)
        return DateBounds(text, start, end, precision, approximate, uncertain, is_interval=False)

    if isinstance(parsed, Interval | Level1Interval):
        sides = []
        for side in (parsed.lower, parsed.upper):
            if isinstance(side, UnspecifiedIntervalSection):
                sides.append(None)  # ".." (open) or "" (unknown): no bound on that side
            else:
                sides.append(_single_bounds(side))
        if sides[0] is None and sides[1] is None:
            raise InvalidDate(f"{text!r} has neither a start nor an end; give at least one of them.")
        start = sides[0][0] if sides[0] else None
        end = sides[1][1] if sides[1] else None
        if start and end and start > end:
            raise InvalidDate(f"{text!r} ends before it starts; swap the two dates.")
        precisions = [side[2] for side in sides if side]
        precision = precisions[0] if len(precisions) == 1 else _coarser(*precisions)
        return DateBounds(text, start, end, precision, approximate, uncertain, is_interval=True)

    raise InvalidDate(
        f"{text!r} is a kind of EDTF date the timeline cannot place (sets and lists such as [1920,1921]); "
        "write an interval instead, e.g. 1920/1921."
    )
