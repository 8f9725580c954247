"""TimelineJS date objects ↔ EDTF strings.

TimelineJS builds a JavaScript `Date` and sets the year with `setFullYear`, so its years are
astronomical: year 0 is 1 BCE and -44 is 45 BCE. EDTF counts the same way (`0000` is 1 BCE), so the
number passes through unchanged: TimelineJS `-44` is EDTF `-0044`. The atlas keeps dates to the day;
a time of day is kept beside the date as text ("14:30", "09:05:30.250"), never folded into it.
Years beyond four digits are EDTF's long years (TimelineJS's `-13800000000` is `Y-13800000000`), kept as
years: a month or day given with one is left out and said so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from common.dates import EARLIEST_YEAR, LATEST_YEAR, InvalidDate, parse_date

# The years a date can be written to the day in (EDTF's four digits); beyond them, years only.
MIN_YEAR, MAX_YEAR = -9999, 9999


class DateProblem(ValueError):
    """A TimelineJS date that cannot become an EDTF date; `field` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DayParts:
    """A calendar position as TimelineJS can hold it: a year, perhaps a month, perhaps a day."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class ReadDate:
    edtf: str
    time: str
    end_time: str
    display_date: str
    left_out: str = ""  # what of the date could not be kept (a month given with a year of deep time)


def _number(value: object, field: str, low: int, high: int) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise DateProblem(field, f"{value!r} is not a whole number; write e.g. {low if low > 0 else 1921}.")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if not re.fullmatch(r"[-+]?\d+(\.0+)?", text):
            raise DateProblem(field, f"{text!r} is not a number; write digits only (a year before 1 CE as -44).")
        number = int(float(text)) if "." in text else int(text)
    if not low <= number <= high:
        if field.endswith("year"):
            raise DateProblem(
                field,
                f"year {number} is before the universe began (13.8 billion years ago) or as far ahead; the "
                f"atlas holds years {EARLIEST_YEAR:,} to {LATEST_YEAR:,}. Correct the year or leave this slide out.",
            )
        raise DateProblem(field, f"{number} is out of range; {field.rsplit('.', 1)[-1]} runs from {low} to {high}.")
    return number


def days_in_month(year: int, month: int) -> int:
    # calendar.isleap is plain arithmetic, so it holds for astronomical years before 1 as well.
    return [31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def is_long_year(year: int) -> bool:
    return not MIN_YEAR <= year <= MAX_YEAR


def _day_parts(obj: dict, prefix: str) -> tuple[DayParts, str]:
    year = _number(obj.get("year"), f"{prefix}.year", EARLIEST_YEAR, LATEST_YEAR)
    month = _number(obj.get("month"), f"{prefix}.month", 1, 12)
    day = _number(obj.get("day"), f"{prefix}.day", 1, 31)
    if year is None:
        raise DateProblem(f"{prefix}.year", "a year is required (write a year before 1 CE as e.g. -44).")
    if is_long_year(year):
        return DayParts(year), ""  # deep time is kept in years; read_dates says what was left out
    if day is not None and month is None:
        raise DateProblem(f"{prefix}.month", f"day {day} has no month; give the month or leave the day empty.")
    if month is not None and day is not None and day > days_in_month(year, month):
        raise DateProblem(
            f"{prefix}.day",
            f"{year}-{month:02d} has {days_in_month(year, month)} days, not {day}; correct the day.",
        )
    return DayParts(year, month, day), _time_text(obj, prefix)


def _time_text(obj: dict, prefix: str) -> str:
    hour = _number(obj.get("hour"), f"{prefix}.hour", 0, 23)
    minute = _number(obj.get("minute"), f"{prefix}.minute", 0, 59)
    second = _number(obj.get("second"), f"{prefix}.second", 0, 59)
    millisecond = _number(obj.get("millisecond"), f"{prefix}.millisecond", 0, 999)
    if hour is None:
        if minute is not None or second is not None or millisecond is not None:
            raise DateProblem(f"{prefix}.hour", "minutes or seconds are given without an hour; give the hour.")
        return ""
    return format_time(hour, minute or 0, second, millisecond)


def format_time(hour: int, minute: int, second: int | None = None, millisecond: int | None = None) -> str:
    text = f"{hour:02d}:{minute:02d}"
    if second is not None or millisecond is not None:
        text += f":{second or 0:02d}"
    if millisecond is not None:
        text += f".{millisecond:03d}"
    return text


_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def parse_time(text: str, field: str) -> dict[str, str]:
    """A time of day as written in a sheet ("14:30", "2:30 PM", "09:05:30.250") → TimelineJS parts."""
    text = text.strip()
    if not text:
        return {}
    match = _TIME.fullmatch(text)
    if not match:
        raise DateProblem(field, f"{text!r} is not a time of day; write it as 14:30 or 14:30:15.")
    hour, minute, second, millisecond, meridiem = match.groups()
    number = int(hour)
    if meridiem:
        if not 1 <= number <= 12:
            raise DateProblem(field, f"{text!r}: with am/pm the hour runs from 1 to 12.")
        number = number % 12 + (12 if meridiem.lower().startswith("p") else 0)
    parts = {"hour": str(number), "minute": str(int(minute or 0))}
    if second is not None:
        parts["second"] = str(int(second))
    if millisecond is not None:
        parts["millisecond"] = str(int(millisecond.ljust(3, "0")))
    return parts


def split_time(text: str) -> dict[str, str]:
    """The reverse of `format_time`, for writers: "14:30" → {"hour": "14", "minute": "30"}."""
    return parse_time(text, "time") if text else {}


def edtf_year(year: int) -> str:
    if is_long_year(year):
        return f"Y{year}"
    return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"


def edtf_day(parts: DayParts) -> str:
    text = edtf_year(parts.year)
    if parts.month is not None:
        text += f"-{parts.month:02d}"
        if parts.day is not None:
            text += f"-{parts.day:02d}"
    return text


def _lower(parts: DayParts) -> tuple[int, int, int]:
    return parts.year, parts.month or 1, parts.day or 1


def _upper(parts: DayParts) -> tuple[int, int, int]:
    month = parts.month or 12
    return parts.year, month, parts.day or days_in_month(parts.year, month)


def read_dates(start: object, end: object, display_date: str) -> ReadDate:
    """A slide's start_date, end_date and display_date → its EDTF date, times and display text."""
    if not isinstance(start, dict):
        raise DateProblem("start_date", 'a start_date with at least a year is required: {"year": "1921"}.')
    start_parts, time = _day_parts(start, "start_date")
    end_parts, end_time = None, ""
    if end not in (None, "") and not isinstance(end, dict):
        raise DateProblem(
            "end_date", 'is not a date object; write it as {"year": "1921", "month": "3"} or leave it out.'
        )
    if isinstance(end, dict) and any(str(v).strip() for k, v in end.items() if k != "display_date"):
        end_parts, end_time = _day_parts(end, "end_date")
        if _upper(end_parts) < _lower(start_parts):
            raise DateProblem(
                "end_date",
                f"ends ({edtf_day(end_parts)}) before it starts ({edtf_day(start_parts)}); swap the two dates.",
            )
    edtf = edtf_day(start_parts) + (f"/{edtf_day(end_parts)}" if end_parts else "")
    left_out = "; ".join(
        f"{name}: the year {parts.year:,} is deep time, kept as a year; its month and day were left out"
        for name, side, parts in (("start_date", start, start_parts), ("end_date", end, end_parts))
        if parts and is_long_year(parts.year) and isinstance(side, dict) and _has_month_or_day(side)
    )
    shown = [display_date.strip()]
    for side in (start, end):
        if isinstance(side, dict):
            shown.append(str(side.get("display_date") or "").strip())
    # A display date that is itself an EDTF date agreeing with the parts carries what TimelineJS cannot
    # hold (approximate ~, uncertain ?, an open end ..): it becomes the date instead of display text.
    for index, text in enumerate(shown):
        if text and _projects_to(text, start_parts, end_parts):
            edtf = text
            shown[index] = ""
    display = shown[0] or " – ".join(text for text in shown[1:] if text)
    return ReadDate(edtf, time, end_time, display, left_out)


def _has_month_or_day(side: dict) -> bool:
    return any(str(side.get(key) or "").strip() for key in ("month", "day", "hour"))


# EDTF as written in a display date: plain dates and intervals (long years too: Y-13800000000, 1.38E10), and
# the sets ([1920-09..1924-03], {1920,1921}).
_EDTF_LOOKING = re.compile(r"[-0-9X?~%./YE]+|\[[-0-9X?~%.,]+\]|\{[-0-9X?~%.,]+\}")


def _projects_to(text: str, start: DayParts, end: DayParts | None) -> bool:
    if not _EDTF_LOOKING.fullmatch(text):
        return False
    try:
        projected = checked_parts(text)
    except ValueError:
        return False
    return (projected.start, projected.end) == (start, end)


_SIMPLE_SIDE = re.compile(r"-?\d{4}(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?")


def is_simple_edtf(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD (a year may be negative) with an optional qualifier, or an interval of them.

    Days are checked against their month by `timelinejs_parts`; months here.
    """
    sides = text.split("/")
    if len(sides) > 2 or all(side in ("", "..") for side in sides):
        return False
    for side in sides:
        if len(sides) == 2 and side in ("", ".."):
            continue
        match = _SIMPLE_SIDE.fullmatch(side)
        if not match or (match.group(1) and not 1 <= int(match.group(1)) <= 12):
            return False
    return True


def checked_parts(text: str) -> Projection:
    """`timelinejs_parts` of a string checked to be EDTF; ValueError when it is not."""
    if "Y" in text:  # long years, which the `edtf` parser reads alone but not in intervals
        try:
            parse_date(text)
        except InvalidDate as error:
            raise ValueError(str(error)) from error
    elif not is_simple_edtf(text):  # the `edtf` parser takes ~25 ms a string: only for the rarer forms
        try:
            parse_edtf(text)
        except EDTFParseException as error:
            raise ValueError(f"{text!r} is not EDTF") from error
    return timelinejs_parts(text)


@dataclass(frozen=True)
class Projection:
    """An EDTF date as TimelineJS can draw it, and whether that loses anything (qualifiers, open ends)."""

    start: DayParts
    end: DayParts | None
    exact: bool


_SIDE = re.compile(r"(-?)([0-9X]{4})(?:-([0-9X]{2}))?(?:-([0-9X]{2}))?")
_LONG_SIDE = re.compile(r"Y(-?\d+)(?:E(\d+))?")


def _side_parts(text: str) -> tuple[DayParts, bool]:
    if long := _LONG_SIDE.fullmatch(text):
        return DayParts(int(long[1]) * 10 ** int(long[2] or 0)), long[2] is None
    plain = re.sub(r"[?~%]", "", text)
    match = _SIDE.fullmatch(plain)
    if not match:
        raise ValueError(f"{text!r} is not a date TimelineJS can draw")
    sign, year, month, day = match.groups()
    number = int(year.replace("X", "0")) * (-1 if sign else 1)
    exact = plain == text and "X" not in year
    if month is None or "X" in month or int(month) > 12:  # seasons (21–24) and unknown months: the year
        return DayParts(number), exact and month is None
    if day is None or "X" in day:
        return DayParts(number, int(month)), exact and day is None
    if not 1 <= int(day) <= days_in_month(number, int(month)):
        raise ValueError(f"{text!r} names a day its month does not have")
    return DayParts(number, int(month), int(day)), exact


def timelinejs_parts(edtf: str) -> Projection:
    """EDTF → the start (and end) TimelineJS draws; `exact` is False when display text must say the rest."""
    if edtf[:1] in "[{" and edtf[-1:] in "]}":
        return _set_parts(edtf)
    sides = edtf.split("/")
    if len(sides) == 1:
        start, exact = _side_parts(sides[0])
        return Projection(start, None, exact)
    if len(sides) != 2:
        raise ValueError(f"{edtf!r} is not an EDTF date or interval")
    lower, upper = sides
    if lower in ("", ".."):
        if upper in ("", ".."):
            raise ValueError(f"{edtf!r} has neither a start nor an end")
        start, _ = _side_parts(upper)  # TimelineJS needs a start: the known end stands in for it
        return Projection(start, None, False)
    start, start_exact = _side_parts(lower)
    if upper in ("", ".."):
        return Projection(start, None, False)
    end, end_exact = _side_parts(upper)
    return Projection(start, end, start_exact and end_exact)


def _set_parts(edtf: str) -> Projection:
    """A set (`[1919-09..1919-12]`: one of these; `{…}`: all of them) drawn from its first member to its last,
    the nearest span TimelineJS draws; never exact, so the EDTF goes into the display date."""
    members = [m for m in re.split(r"\.\.|,", edtf[1:-1].replace(" ", "")) if m]
    if not members:
        raise ValueError(f"{edtf!r} is an empty set")
    start, _ = _side_parts(members[0])
    end, _ = _side_parts(members[-1])
    return Projection(start, end if end != start else None, False)


def timelinejs_date(parts: DayParts, time: str = "") -> dict[str, str]:
    """A TimelineJS date object with string fields, as the format's samples write them."""
    obj = {
        "year": str(parts.year),
        "month": "" if parts.month is None else str(parts.month),
        "day": "" if parts.day is None else str(parts.day),
    }
    obj.update(split_time(time))
    return obj
