"""EDTF dates as historians write them, reduced to the bounds a database can sort and filter on.

The `edtf` package parses; this module turns its result into integer day bounds, a precision and the
qualifiers, and rejects what the atlas cannot place on a timeline (lists of choices, open-ended nonsense, years
beyond four digits) with a message that says what to write instead. One set is placed: EDTF's "one of" range
`[1920-09..1924-03]`, a single happening some time within that window (not an event that lasted so long).

Bounds are Julian Day Numbers on the proleptic Gregorian calendar, the scale astronomers and historians
use to count days across eras: `datetime.date` stops at year 1, and EDTF writes years before the common
era with a minus sign in astronomical numbering (0000 is 1 BC, -0043 is 44 BC), which a day count holds
as easily as 1920.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from enum import StrEnum

from convertdate import gregorian
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import (
    Date,
    Interval,
    Level1Interval,
    LongYear,
    Season,
    UncertainOrApproximate,
    Unspecified,
    UnspecifiedIntervalSection,
)

EXAMPLES = "1920-11-05, 1921-10, 1919, 1920-09~, 1920?, 1920-05-11/1920-07-19, 1920-11/.., -0043-03-15 (44 BC)"
# EDTF's four-digit years; longer ones (Y-12000) are geological time, not a history atlas's.
MIN_YEAR, MAX_YEAR = -9999, 9999
# The day number of 1 January 0001, so a `datetime.date` converts by its ordinal without a calendar.
_ORDINAL_OFFSET = 1721425


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"  # a span that is none of the above, e.g. 1920-XX-XX written as a decade


class InvalidDate(ValueError):
    """A date string the atlas cannot use; the message says what to write instead."""


def _year_out_of_range(text: str) -> InvalidDate:
    return InvalidDate(
        f"{text!r} names a year the atlas cannot hold: it keeps years -9999 to 9999 written with four "
        "digits, in EDTF's astronomical numbering (0000 is 1 BC, -0043 is 44 BC); write e.g. 1920, 0632 "
        "or -0043-03-15."
    )


def _no_year(text: str) -> InvalidDate:
    return InvalidDate(
        f"{text!r} names no year the timeline can place (a wholly unknown year); write a year of four "
        "digits, e.g. 1920, 192X or -0043 (44 BC)."
    )


def day_number(year: int, month: int, day: int) -> int:
    """The Julian Day Number of a proleptic Gregorian day; ValueError if there is no such day."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
    # convertdate checks the day but not the month (it reads 1920-13-01 as 1921-01-01).
    if not (1 <= month <= 12 and 1 <= day <= _month_length(year, month)):
        raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a day of the Gregorian calendar")
    # convertdate counts from midnight (x.5); the day number is the noon that follows.
    return math.floor(gregorian.to_jd(year, month, day) + 0.5)


def day_parts(number: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number; years before 1 astronomical (0 is 1 BC)."""
    return gregorian.from_jd(number)


def iso_day(number: int | None) -> str | None:
    """A day number as ISO 8601 with EDTF's extended years: 1920-11-05, 0632-06-08, -0043-03-15."""
    if number is None:
        return None
    year, month, day = day_parts(number)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


def date_of(number: int | None) -> dt.date | None:
    """The day as a `datetime.date`, or None when it is before year 1 (or there is no day)."""
    if number is None or number <= _ORDINAL_OFFSET:
        return None
    return dt.date.fromordinal(number - _ORDINAL_OFFSET)


_ISO_DAY = re.compile(r"(-?\d{4})-(\d{2})-(\d{2})")


def as_day_number(value: int | dt.date | str | None) -> int | None:
    """A bound given as a day number, a `date` or an ISO/EDTF day ("-0043-03-15") as a day number."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.toordinal() + _ORDINAL_OFFSET
    return parse_day(value)


def parse_day(text: str) -> int:
    """One whole day, YYYY-MM-DD with an optional minus for years before 1, as a day number."""
    match = _ISO_DAY.fullmatch((text or "").strip())
    if not match:
        raise InvalidDate(f"{text!r} is not a day; write it as YYYY-MM-DD, e.g. 1920-11-05 or -0043-03-15.")
    if match[1] == "-0000":
        raise InvalidDate(f"{text!r}: EDTF writes 1 BC as 0000, without a minus sign.")
    try:
        return day_number(*map(int, match.groups()))
    except ValueError:
        raise InvalidDate(f"{text!r} names a day that does not exist in the Gregorian calendar.") from None


@dataclass(frozen=True)
class DateBounds:
    """What the database keeps of an EDTF string: bounds for sorting and filtering, and how sure it is.

    `start` and `end` are day numbers (see the module docstring); `start` is None for an open or unknown
    start (`../1920`), `end` likewise (`1920-11/..`).
    """

    edtf: str
    start: int | None
    end: int | None
    precision: Precision
    approximate: bool
    uncertain: bool
    is_interval: bool


def _month_length(year: int, month: int) -> int:
    # calendar.monthrange refuses years before 1; its leap rule is the proleptic Gregorian one.
    return 29 if month == 2 and calendar.isleap(year) else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _struct_to_day(value) -> int:
    return day_number(value.tm_year, value.tm_mon, value.tm_mday)


def _precision_of(start: int, end: int) -> Precision:
    if start == end:
        return Precision.DAY
    (year, month, day), last = day_parts(start), day_parts(end)
    if day == 1 and last == (year, month, _month_length(year, month)):
        return Precision.MONTH
    if (month, day) == (1, 1) and last == (year, 12, 31):
        return Precision.YEAR
    return Precision.RANGE


def _single_bounds(parsed) -> tuple[int, int, Precision]:
    if isinstance(parsed, LongYear):
        raise _year_out_of_range(str(parsed))
    # `edtf` reverses the strict bounds of partly unspecified days before the common era (-0044-03-XX
    # gives 31 then 1 March), so take them in order.
    start, end = sorted((_struct_to_day(parsed.lower_strict()), _struct_to_day(parsed.upper_strict())))
    precision = Precision.SEASON if isinstance(parsed, Season) else _precision_of(start, end)
    return start, end, precision


def _coarser(a: Precision, b: Precision) -> Precision:
    order = [Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR, Precision.RANGE]
    return max(a, b, key=order.index)


# The `edtf` parser (pyparsing) takes 7–11 ms a string on this machine, which made generating or loading
# 10,000 events take minutes. The forms corpora nearly always use — YYYY, YYYY-MM, YYYY-MM-DD (a minus for
# years before 1) with an optional ~ ? % qualifier, and intervals of those — are parsed here directly;
# everything else still goes to `edtf`. tests/common/test_dates.py checks that both paths agree.
_SIMPLE = r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?"
_SIMPLE_DATE = re.compile(rf"{_SIMPLE}")
_SIMPLE_INTERVAL = re.compile(rf"{_SIMPLE}/{_SIMPLE}")


def _simple_bounds(year: str, month: str | None, day: str | None) -> tuple[int, int, Precision] | None:
    if year == "-0000":
        return None  # not EDTF: let the full parser say so
    y = int(year)
    if month is None:
        return day_number(y, 1, 1), day_number(y, 12, 31), Precision.YEAR
    m = int(month)
    if not 1 <= m <= 12:
        return None
    last = _month_length(y, m)
    if day is None:
        return day_number(y, m, 1), day_number(y, m, last), Precision.MONTH
    d = int(day)
    if not 1 <= d <= last:
        return None
    first = day_number(y, m, d)
    return first, first, Precision.DAY


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


_LONG_YEAR = re.compile(r"(?:^|[/.])Y?-?\d{5,}")


def parse_date(value: str) -> DateBounds:
    """Parse an EDTF string (level 0 or 1) into bounds, or raise InvalidDate saying what is wrong."""
    text = (value or "").strip()
    if not text:
        raise InvalidDate(f"A date is required. Write it in EDTF, e.g. {EXAMPLES}.")
    if _LONG_YEAR.search(text):
        raise _year_out_of_range(text)
    if re.search(r"(?:^|/)-0000", text):
        raise InvalidDate(f"{text!r}: EDTF writes 1 BC as 0000, without a minus sign (-0001 is 2 BC).")
    if re.search(r"(?:^|/)-?XXXX", text):
        raise _no_year(text)
    return _parse_simple(text) or _parse_with_edtf(text)


def _parse_with_edtf(text: str) -> DateBounds:
    try:
        return _bounds_from_edtf(text)
    except InvalidDate:
        raise
    except (ValueError, OverflowError) as error:
        # The parser accepts some impossible days (29 February 1900) and wholly unknown years (XXXX).
        if "year" in str(error):
            raise _no_year(text) from None
        raise InvalidDate(f"{text!r} names a day that does not exist in the Gregorian calendar.") from None


# "Some time within": one date of a range, both ends given (EDTF level 2 "one of a set").
_WINDOW_SET = re.compile(r"\[([^\[\],.]+)\.\.([^\[\],.]+)\]")


def _window_bounds(text: str) -> DateBounds:
    match = _WINDOW_SET.fullmatch(text)
    if not match:
        raise InvalidDate(
            f"{text!r}: the timeline places a set only as a window with both ends, [start..end] (a happening some "
            "time within it, e.g. [1920-09..1924-03]); write a choice of dates as that window, or an interval "
            "such as 1920/1921 for an event that lasted."
        )
    first, last = (parse_date(side) for side in match.groups())
    if first.start > last.end:
        raise InvalidDate(f"{text!r} ends before it starts; swap the two dates.")
    approximate, uncertain = first.approximate or last.approximate, first.uncertain or last.uncertain
    precision = _precision_of(first.start, last.end)
    return DateBounds(text, first.start, last.end, precision, approximate, uncertain, is_interval=False)


def is_window_set(text: str) -> bool:
    """Whether an EDTF string is a window ("[1920-09..1924-03]": one happening some time within)."""
    return bool(_WINDOW_SET.fullmatch((text or "").strip()))


def _bounds_from_edtf(text: str) -> DateBounds:
    if text.startswith(("[", "{")):
        return _window_bounds(text)
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise InvalidDate(
            f"{text!r} is not a valid EDTF date (is the month 01–12 and the day real?). Examples: {EXAMPLES}."
        ) from None

    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text

    if isinstance(parsed, Date | UncertainOrApproximate | Unspecified | Season | LongYear):
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
        if start is not None and end is not None and start > end:
            raise InvalidDate(f"{text!r} ends before it starts; swap the two dates.")
        precisions = [side[2] for side in sides if side]
        precision = precisions[0] if len(precisions) == 1 else _coarser(*precisions)
        return DateBounds(text, start, end, precision, approximate, uncertain, is_interval=True)

    raise InvalidDate(
        f"{text!r} is a kind of EDTF date the timeline cannot place (sets and lists such as [1920,1921]); "
        "write an interval instead, e.g. 1920/1921."
    )
