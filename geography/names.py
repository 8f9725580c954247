"""Which name a place bore on a given day, in a given language: Gümrü / Alexandropol in 1920, Leninakan
from 1924, Gyumri today.

The rule, applied to a day, is what a reader of that language met then: the name in the reader's own
language in use that day (Smyrna for an English reader of 1920, İzmir for a Turkish one); else a name
given for any language (blank language: an official name every language used) in use that day; else the
place's own name in the reader's language. Another language's name is never shown: a Russian or Armenian
name is an exonym to the English or Turkish reader, however well dated. `name_periods` applies the rule
once per stretch of time between the names' dates, so the page only has to look a day up in the periods
rather than know the rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from common.dates import as_day_number, day_number, iso_day
from common.translation import translate

# Days are day numbers (common.dates), so names from before the common era compare like any others.
ONE_DAY = 1
# The day a place with no dated names is looked up on: any day gives the same answer.
_ANY_DAY = day_number(2000, 1, 1)


@dataclass(frozen=True)
class Name:
    name: str
    language: str
    start: int | None
    end: int | None
    dated: bool

    def in_use_on(self, day: int) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def as_names(rows) -> list[Name]:
    """PlaceName rows (or anything with name, language, date, day_start, day_end) as Names."""
    return [Name(r.name, r.language, r.day_start, r.day_end, bool(r.date)) for r in rows]


def name_on(default: dict, names: Sequence[Name], day: int | dt.date | str, lang: str) -> str:
    """The name a reader of `lang` would meet for this place on `day` (a day number, date or ISO day)."""
    day = as_day_number(day)
    in_use = [n for n in names if n.in_use_on(day)]
    for candidates in (
        [n for n in in_use if n.language == lang],
        [n for n in in_use if not n.language],
    ):
        if candidates:
            # The most recently adopted name wins where periods touch (Leninakan from 1924, not Alexandropol).
            return max(candidates, key=lambda n: (-math.inf if n.start is None else n.start, n.dated)).name
    return translate(default, lang)


def name_periods(default: dict, names: Sequence[Name], lang: str) -> list[dict]:
    """Consecutive periods, each with the name in use; `start`/`end` None for an open side."""
    edges = sorted(
        {n.start for n in names if n.start is not None} | {n.end + ONE_DAY for n in names if n.end is not None}
    )
    bounds = [None, *edges, None]
    periods: list[dict] = []
    for first, after in itertools.pairwise(bounds):
        probe = first if first is not None else (after - ONE_DAY if after is not None else _ANY_DAY)
        name = name_on(default, names, probe, lang)
        last = after - ONE_DAY if after is not None else None
        if periods and periods[-1]["name"] == name:
            periods[-1]["end"] = last
        else:
            periods.append({"start": first, "end": last, "name": name})
    return [
        {
            "start": iso_day(p["start"]),
            "end": iso_day(p["end"]),
            "name": p["name"],
        }
        for p in periods
    ]


def folded(text: str) -> str:
    """Lowercase without diacritics, Turkish-aware, so 'gumru' finds Gümrü and 'istanbul' finds İstanbul."""
    text = text.replace("ı", "i").replace("İ", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
