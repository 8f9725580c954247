"""EDTF dates as historians write them, reduced to the bounds a database can sort and filter on.

The `edtf` package parses; this module turns its result into integer day bounds, a precision and the
qualifiers, and rejects what the atlas cannot place on a timeline (lists of choices, open-ended nonsense, years
before the universe) with a message that says what to write instead. One set is placed: EDTF's "one of" range
`[1920-09..1924-03]`, a single happening some time within that window (not an event that lasted so long).

Bounds are Julian Day Numbers on the proleptic Gregorian calendar, the scale astronomers and historians
use to count days across eras: `datetime.date` stops at year 1, and EDTF writes years before the common
era with a minus sign in astronomical numbering (0000 is 1 BC, -0043 is 44 BC), which a day count holds
as easily as 1920.

Deep time is EDTF's long years: `Y-13800000000` (the Big Bang), `Y170000002`, the exponent form `Y-17E7`
(170 million years ago), alone or as a side of an interval (`Y-4600000000/Y-4500000000`, `Y-300000/..`). They
are years, never days: such a date runs from the year's first day to its last. 13.8 billion years is
5 × 10^12 days, beyond a 32-bit column but well inside a 64-bit one and inside the doubles JavaScript
counts with (exact to 9 × 10^15), so the page keeps the same day numbers.
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
    LongYear,
    Season,
    UncertainOrApproximate,
    Unspecified,
    UnspecifiedIntervalSection,
)

EXAMPLES = (
    "1920-11-05, 1921-10, 1919, 1920-09~, 1920?, 1920-05-11/1920-07-19, 1920-11/.., -0043-03-15 (44 BC), "
    "Y-13800000000 (13.8 billion years ago)"
)
# EDTF's four-digit years, which may be written to the day; beyond them only long years (Y-12000).
MIN_YEAR, MAX_YEAR = -9999, 9999
# The universe is 13.8 billion years old: a year before 14 billion years ago never happened. The latest
# year is as far ahead, which is more than any forecast needs.
EARLIEST_YEAR, LATEST_YEAR = -14_000_000_000, 14_000_000_000
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
        f"{text!r} names a year before the universe began (13.8 billion years ago) or as far ahead: the atlas "
        "holds years from Y-14000000000 to Y14000000000; write e.g. Y-13800000000 for the Big Bang."
    )


def _long_year_not_here(text: str) -> InvalidDate:
    return InvalidDate(
        f"{text!r} is deep time (a year beyond four digits): only events hold it. Here write years -9999 to "
        "9999 with four digits, in EDTF's astronomical numbering (0000 is 1 BC, -0043 is 44 BC), e.g. 1920."
    )


def _no_year(text: str) -> InvalidDate:
    return InvalidDate(
        f"{text!r} names no year the timeline can place (a wholly unknown year); write a year of four "
        "digits, e.g. 1920, 192X or -0043 (44 BC)."
    )


# Howard Hinnant's days_from_civil / civil_from_days (the page's atlas-data.js uses the same): integers
# only, so exact for any year; convertdate's floats round at geological years.
_UNIX_EPOCH_DAY = 2440588  # 1970-01-01


def day_number(year: int, month: int, day: int) -> int:
    """The Julian Day Number of a proleptic Gregorian day; ValueError if there is no such day."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(f"year {year} is outside {EARLIEST_YEAR}..{LATEST_YEAR}")
    if not (1 <= month <= 12 and 1 <= day <= _month_length(year, month)):
        raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a day of the Gregorian calendar")
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468 + _UNIX_EPOCH_DAY


def day_parts(number: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number; years before 1 astronomical (0 is 1 BC)."""
    z = number - _UNIX_EPOCH_DAY + 719468
    era = z // 146097
    day_of_era = z - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return year_of_era + era * 400 + (month <= 2), month, day


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


_ISO_DAY = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})")  # deep time's years run longer


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
    if isinstance(parsed, LongYear):  # only inside a set: long years alone are read by _parse_long
        raise _long_year_form(str(parsed), str(parsed))
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


# EDTF's long years: Y and five or more digits, or Y, digits and an exponent (Y-17E7 is -170000000).
_LONG_SIDE = re.compile(r"Y(-?\d{5,})|Y(-?\d+)E(\d+)")
_LONG_LOOKING = re.compile(r"(?:^|/)(?:Y|-?\d{5,})")


def _long_side_year(side: str, text: str) -> int:
    match = _LONG_SIDE.fullmatch(side)
    if match is None:
        raise _long_year_form(side, text)
    digits, mantissa, exponent = match.groups()
    year = int(digits) if digits is not None else int(mantissa) * 10 ** int(exponent)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise _year_out_of_range(text)
    return year


def _long_year_form(side: str, text: str) -> InvalidDate:
    if re.fullmatch(r"-?\d{5,}", side):
        advice = f"write it with EDTF's Y: Y{side}"
    elif re.fullmatch(r"Y-?\d{1,4}", side):
        four = f"{'-' if '-' in side else ''}{abs(int(side[1:])):04d}"
        advice = f"a year of four digits or fewer is written without Y: {four}"
    elif re.fullmatch(r"Y-?\d+\.\d+E\d+", side):
        advice = "the exponent form takes whole digits: Y-138E8 is 13.8 billion years ago"
    elif "S" in side:
        advice = "significant digits (S) are not placed: write the year itself, e.g. Y-13800000000"
    else:
        advice = "a long year is Y and its digits, e.g. Y-13800000000, or Y-17E7 (no month, day, ~ or ?)"
    where = f"{text!r}" if side == text else f"{text!r}: {side!r}"
    return InvalidDate(f"{where} is not a long year the timeline can place; {advice}.")


def _parse_long(text: str) -> DateBounds:
    """A date with a long year on at least one side: years only, open sides allowed."""
    sides = text.split("/")
    if len(sides) > 2:
        raise InvalidDate(f"{text!r} has more than one '/'; an interval is start/end, e.g. Y-4600000000/Y-4500000000.")
    bounds = []
    for side in sides:
        if len(sides) == 2 and side in ("", ".."):
            bounds.append(None)
        elif _LONG_LOOKING.match(side):
            year = _long_side_year(side, text)
            bounds.append((day_number(year, 1, 1), day_number(year, 12, 31), Precision.YEAR))
        else:
            side_bounds = parse_date(side)
            bounds.append((side_bounds.start, side_bounds.end, side_bounds.precision))
    if len(bounds) == 1:
        start, end, precision = bounds[0]
        return DateBounds(text, start, end, precision, False, False, is_interval=False)
    lower, upper = bounds
    if lower and upper and lower[0] > upper[1]:
        raise InvalidDate(f"{text!r} ends before it starts; swap the two dates.")
    precisions = [side[2] for side in bounds if side]
    precision = precisions[0] if len(precisions) == 1 else _coarser(*precisions)
    approximate, uncertain = "~" in text or "%" in text, "?" in text or "%" in text
    start, end = lower[0] if lower else None, upper[1] if upper else None
    return DateBounds(text, start, end, precision, approximate, uncertain, is_interval=True)


def parse_date(value: str, *, long_years: bool = True) -> DateBounds:
    """Parse an EDTF string (level 0 or 1) into bounds, or raise InvalidDate saying what is wrong.

    `long_years=False` refuses deep time, for records whose bounds are 32-bit columns (places' names, routes,
    sources): only events are dated in geological time.
    """
    text = (value or "").strip()
    if not text:
        raise InvalidDate(f"A date is required. Write it in EDTF, e.g. {EXAMPLES}.")
    if any(_LONG_LOOKING.match(side) for side in text.split("/")):
        if not long_years:
            raise _long_year_not_here(text)
        return _parse_long(text)
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
