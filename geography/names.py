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
import re
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


# The day "today's name" is looked up on: fixed, so a check never depends on the machine's clock.
PRESENT_DAY = day_number(2025, 1, 1)
_GLOSS = re.compile(r"\s*\(.*\)\s*$")


@dataclass(frozen=True)
class PlaceNaming:
    """A place as prose names it: its slug, its own names by language, and its names through time."""

    slug: str
    default: dict
    names: Sequence[Name]


@dataclass(frozen=True)
class ProseName:
    """A place's name in a text that is not the one the map shows for the text's day (or lacks its gloss)."""

    place: str
    written: str
    expected: str
    modern: str
    gloss_missing: bool = False

    def __str__(self) -> str:
        first = f"{self.expected} ({self.modern})" if self.expected != self.modern else self.expected
        if self.gloss_missing:
            return f"the first mention of {self.expected} needs today's name after it: write '{first}'"
        return (
            f"says '{self.written}' where the map says '{self.expected}': "
            f"write '{first}' at the first mention, then '{self.expected}'"
        )


def _bare(name: str) -> str:
    """A label without its own gloss: 'Petrograd (St Petersburg)' is written 'Petrograd' in prose."""
    return _GLOSS.sub("", name)


def _spellings(places: Sequence[PlaceNaming]) -> dict[str, str]:
    """Every way prose may write each place (any language, any period), longest first: 'Brest-Litovsk' is
    read before 'Brest'. A spelling two places share names neither."""
    owners: dict[str, set[str]] = {}
    for place in places:
        for name in [*(n.name for n in place.names), *place.default.values()]:
            if name := _bare(name or "").strip():
                owners.setdefault(name, set()).add(place.slug)
    unique = {name: slugs.pop() for name, slugs in owners.items() if len(slugs) == 1}
    return dict(sorted(unique.items(), key=lambda item: -len(item[0])))


def _mentions(text: str, spellings: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """(start, end, spelling, place slug) of each place mentioned in `text`, in reading order."""
    taken = [False] * len(text)
    found = []
    for spelling, slug in spellings.items():
        # Whole words only: Batum is not read inside Batumi; Turkish suffixes follow an apostrophe.
        for match in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                found.append((match.start(), match.end(), spelling, slug))
    return sorted(found)


def prose_names(text: str, lang: str, day, places: Sequence[PlaceNaming], *, gloss: bool = True) -> list[ProseName]:
    """Where `text` (prose in `lang` about `day`) names a place otherwise than the map labels it that day.

    The rule for prose is the map's: the name a reader of `lang` met on `day`; where today's name differs,
    it follows in parentheses at the first mention ("Smyrna (Izmir) … Smyrna"). A title is a label, like
    the map's (`gloss=False`): the day's name only, the summary under it gives today's.
    """
    day = as_day_number(day)
    by_slug = {place.slug: place for place in places}
    problems: list[ProseName] = []
    glossed: set[str] = set()
    mentions = _mentions(text or "", _spellings(places))
    for position, (start, end, spelling, slug) in enumerate(mentions):
        place = by_slug[slug]
        expected = _bare(name_on(place.default, place.names, day, lang))
        modern = _bare(name_on(place.default, place.names, PRESENT_DAY, lang))
        if spelling == expected:
            if gloss and expected != modern and slug not in glossed:
                following = text[end:]
                if not following.startswith(f" ({modern})"):
                    problems.append(ProseName(slug, spelling, expected, modern, gloss_missing=True))
            glossed.add(slug)
            continue
        previous = mentions[position - 1] if position else None
        is_gloss = (
            spelling == modern
            and previous is not None
            and previous[3] == slug
            and text[previous[1] : start] == " ("
            and text[end : end + 1] == ")"
        )
        if not is_gloss:
            problems.append(ProseName(slug, spelling, expected, modern))
    return problems


def prose_names_fixed(text: str, lang: str, day, places: Sequence[PlaceNaming], *, gloss: bool = True) -> str:
    """`text` with every place named by the rule of `prose_names` (for a curator's or a script's rewrite)."""
    day = as_day_number(day)
    by_slug = {place.slug: place for place in places}
    pieces, cursor, glossed = [], 0, set()
    mentions = _mentions(text or "", _spellings(places))
    skip_until = -1
    for position, (start, end, _spelling, slug) in enumerate(mentions):
        if start < skip_until:
            continue
        place = by_slug[slug]
        expected = _bare(name_on(place.default, place.names, day, lang))
        modern = _bare(name_on(place.default, place.names, PRESENT_DAY, lang))
        pieces.append(text[cursor:start])
        cursor = end
        # An existing gloss right after the mention is dropped and written again where the rule wants it.
        following = mentions[position + 1] if position + 1 < len(mentions) else None
        if (
            following
            and following[3] == slug
            and text[end : following[0]] == " ("
            and text[following[1] : following[1] + 1] == ")"
        ):
            cursor = following[1] + 1
            skip_until = cursor
        if gloss and expected != modern and slug not in glossed:
            pieces.append(f"{expected} ({modern})")
        else:
            pieces.append(expected)
        glossed.add(slug)
    pieces.append(text[cursor:])
    return "".join(pieces)
