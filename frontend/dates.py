"""Dates in words for the server's first paint: the same rules as the page's dates.js, line for line.

Both are run against one table of cases (tests/cases/date_wording.json) by pytest and by `node --test`, so
the panel a linked event opens on does not change its words once the scripts take over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SIDE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([~?%]?)$")
# EDTF's long years, years only: Y-13800000000, Y170000002, Y-17E7 (-170,000,000).
_LONG_SIDE = re.compile(r"^Y(-?\d+)(?:E(\d+))?$")
# From a million years back, years are said as "years ago" in millions or billions, to three decimals at most.
MILLION, BILLION = 1_000_000, 1_000_000_000


@dataclass(frozen=True)
class Side:
    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None
    approximate: bool = False
    uncertain: bool = False


def parse_side(text: str) -> Side | None:
    """One side of an EDTF date ("1920-09~"), or None for forms read from the bounds instead ("192X")."""
    if long := _LONG_SIDE.match(text):
        return Side(int(long[1]) * 10 ** int(long[2] or 0))
    match = _SIDE.match(text)
    if not match:
        return None
    year, month, day, qualifier = match.groups()
    season = number = None
    if month:
        value = int(month)
        if 21 <= value <= 24:
            season = value - 20
        elif 1 <= value <= 12:
            number = value
        else:
            return None
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    return Side(int(year), number, int(day) if day else None, season, approximate, uncertain)


def is_deep(year: int) -> bool:
    """A year beyond EDTF's four digits (deep time): said without "sometime", it is a round figure already."""
    return not -9999 <= year <= 9999


def _parse_edtf(text: str) -> tuple[Side | None, Side | None, bool] | None:
    value = (text or "").strip()
    if not value:
        return None
    if "/" not in value:
        side = parse_side(value)
        return (side, side, False) if side else None
    left, right = value.split("/", 1)
    start = None if left in ("", "..") else parse_side(left)
    end = None if right in ("", "..") else parse_side(right)
    if (left not in ("", "..") and not start) or (right not in ("", "..") and not end) or not (start or end):
        return None
    return start, end, True


class DateWords:
    """Dates in one language's words; `strings` is that language's block of the page's strings."""

    def __init__(self, strings: dict):
        self.strings = strings

    def _fill(self, key: str, **params: str) -> str:
        text = self.strings[key]
        return re.sub(r"\{(\w+)\}", lambda match: params.get(match[1], match[0]), text)

    def year(self, year: int) -> str:
        """A year as readers count them: EDTF's astronomical years before 1 (0 is 1 BC, -43 is 44 BC) are
        written "44 BC" / "MÖ 44", so no year 0 is ever shown; beyond four digits the digits are grouped
        ("315,000 BC" / "MÖ 315.000"), and from a million years back said in years ago ("13.8 billion years
        ago" / "13,8 milyar yıl önce")."""
        if year >= 1:
            return str(year) if year <= 9999 else self._grouped(year)
        # A long year is said as written: at 315,000 BC the year 0 of astronomical numbering is noise, and a
        # curator writing Y-315000 means 315,000 BC (Y-10000 and -9999 are both 10,000 BC).
        before = -year if is_deep(year) else 1 - year
        if before <= 9999:
            return self._fill("yearBC", year=str(before))
        if before < MILLION:
            return self._fill("yearBC", year=self._grouped(before))
        # Rounded to a thousandth of the unit: a curator's 13,787,000,000 stays 13.787, 4,600,000,000 is 4.6.
        unit, key = (
            (BILLION, "yearsAgoBillion") if before >= BILLION - BILLION // 2000 else (MILLION, "yearsAgoMillion")
        )
        thousandths = (before * 1000 + unit // 2) // unit
        whole, fraction = divmod(thousandths, 1000)
        decimals = f"{fraction:03d}".rstrip("0")
        count = self._grouped(whole) + (f"{self.strings['decimalMark']}{decimals}" if decimals else "")
        return self._fill(key, count=count)

    def _grouped(self, number: int) -> str:
        return f"{number:,}".replace(",", self.strings["digitGroup"])

    def _years(self, start: Side, end: Side) -> str:
        # Words on either side ("4.6 billion years ago") need the spaced dash to read as a span.
        dash = " – " if is_deep(start.year) or is_deep(end.year) else "–"
        return f"{self.year(start.year)}{dash}{self.year(end.year)}"

    def _bare(self, side: Side, *, with_year: bool = True) -> str:
        year = self.year(side.year) if with_year else ""
        if side.season:
            text = f"{self.strings['seasons'][side.season - 1]} {year}"
        elif side.month and side.day:
            text = f"{side.day} {self.strings['months'][side.month - 1]} {year}"
        elif side.month:
            text = f"{self.strings['months'][side.month - 1]} {year}"
        else:
            text = year
        return text.strip()

    def _qualified(self, side: Side, text: str) -> str:
        if side.approximate:
            text = self._fill("around", date=text)
        if side.uncertain:
            text = self._fill("perhaps", date=text)
        return text

    def _side(self, side: Side) -> str:
        return self._qualified(side, self._bare(side))

    def _single(self, side: Side) -> str:
        if not (side.month or side.season or side.approximate or side.uncertain):
            return self.year(side.year) if is_deep(side.year) else self._fill("sometime", date=self.year(side.year))
        return self._side(side)

    def window(self, start: str, end: str) -> str:
        """A window between two ISO days: "sometime between 30 October and 3 December 1920"."""
        first, last = _iso_side(start), _iso_side(end)
        return self._fill("between", start=self._bare(first, with_year=first.year != last.year), end=self._bare(last))

    def _interval(self, start: Side | None, end: Side | None) -> str:
        if not start:
            return self._fill("until", date=self._side(end))
        if not end:
            return self._fill("from", date=self._side(start))
        plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
        if plain and start.year == end.year and not (start.season or end.season) and start.month and end.month:
            if start.month == end.month and start.day and end.day:
                return f"{start.day}–{end.day} {self.strings['months'][start.month - 1]} {self.year(start.year)}"
            if bool(start.day) == bool(end.day):
                first, last = self._bare(start, with_year=False), self._bare(end, with_year=False)
                return f"{first} – {last} {self.year(start.year)}"
        if plain and not (start.month or end.month or start.season or end.season):
            return self._years(start, end)
        return f"{self._side(start)} – {self._side(end)}"

    def _from_bounds(self, record: dict) -> str:
        lower, upper = record.get("start"), record.get("end")
        if not lower and not upper:
            return record.get("date") or ""
        if not lower:
            return self._fill("until", date=self._bare(_iso_side(upper)))
        if not upper:
            return self._fill("from", date=self._bare(_iso_side(lower)))
        start, end = _iso_side(lower), _iso_side(upper)
        precision = record.get("precision")
        approximate, uncertain = bool(record.get("approximate")), bool(record.get("uncertain"))
        if precision == "day":
            text = self._bare(start)
        elif precision == "month":
            text = self._bare(Side(start.year, start.month))
        elif precision == "year" and not approximate and not uncertain:
            return self._single(Side(start.year))
        elif precision == "year":
            text = self.year(start.year)
        elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            text = self._years(start, end)
        else:
            text = f"{self._bare(start)} – {self._bare(end)}"
        return self._qualified(Side(0, approximate=approximate, uncertain=uncertain), text)

    def record(self, record: dict) -> str:
        """A dated row ({date, start, end, precision, approximate, uncertain, window}) in words; a row's own
        `date_words` (the source's display date, "Late 1940s") is said as it is."""
        if record.get("date_words"):
            return record["date_words"]
        if record.get("window") and record.get("start") and record.get("end"):
            # A window written as EDTF's range ("[1920-09..1924-03]") is said as precisely as it was written.
            sides = _window_sides(record.get("date") or "")
            if sides:
                first, last = sides
                start = self._qualified(first, self._bare(first, with_year=first.year != last.year))
                return self._fill("between", start=start, end=self._side(last))
            return self.window(record["start"], record["end"])
        parsed = _parse_edtf(record.get("date") or "")
        if not parsed:
            return self._from_bounds(record)
        start, end, interval = parsed
        return self._interval(start, end) if interval else self._single(start)


_WINDOW = re.compile(r"\[([^\[\],.]+)\.\.([^\[\],.]+)\]")


def _window_sides(text: str) -> tuple[Side, Side] | None:
    match = _WINDOW.fullmatch(text.strip())
    sides = match and (parse_side(match[1]), parse_side(match[2]))
    return sides if sides and all(sides) else None


_ISO_DAY = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})")


def _iso_side(iso: str) -> Side:
    """An ISO day as the API writes it, with EDTF's extended years ("-0043-03-15"); `date` cannot read those."""
    match = _ISO_DAY.fullmatch(iso)
    if not match:
        raise ValueError(f"{iso!r} is not an ISO day (YYYY-MM-DD)")
    year, month, day = map(int, match.groups())
    return Side(year, month, day)
