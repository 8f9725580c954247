"""Relative dates: placing an event after or before others, checked for consistency.

Each relation is a precedence: "x after y" and "y before x" both say y comes first. Bounds flow along
precedence: a later event starts no earlier than anything before it could start, and an earlier event
ends no later than anything after it could end. A circle of precedences, or bounds that leave no day,
is an error that names the events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from common.dates import iso_day

Bounds = tuple[int | None, int | None]  # day numbers (common.dates)


class RelativeDateError(ValueError):
    """Relations that cannot all hold; the message names the events."""


@dataclass(frozen=True)
class Relation:
    event: str
    kind: str  # "after" or "before"
    other: str

    def precedence(self) -> tuple[str, str]:
        """(earlier, later)."""
        return (self.other, self.event) if self.kind == "after" else (self.event, self.other)

    def __str__(self) -> str:
        return f"'{self.event}' {self.kind} '{self.other}'"


def relative_windows(own: dict[str, Bounds], relations: Iterable[Relation]) -> dict[str, Bounds]:
    """Each related event's bounds narrowed by its relations; raise RelativeDateError when impossible."""
    relations = list(relations)
    earlier_than: dict[str, set[str]] = defaultdict(set)  # later -> events before it
    for relation in relations:
        first, then = relation.precedence()
        if first == then:
            raise RelativeDateError(f"{relation}: an event cannot be placed relative to itself.")
        earlier_than[then].add(first)
        earlier_than.setdefault(first, set())
    try:
        order = list(TopologicalSorter(earlier_than).static_order())
    except CycleError as error:
        circle = error.args[1]
        path = " → ".join(f"'{slug}'" for slug in reversed(circle))
        raise RelativeDateError(
            f"These events are each placed before the next, in a circle: {path}. Remove or turn one relation."
        ) from None

    start = {slug: own.get(slug, (None, None))[0] for slug in order}
    end = {slug: own.get(slug, (None, None))[1] for slug in order}
    start_because: dict[str, str] = {}
    end_because: dict[str, str] = {}
    for slug in order:  # earliest first: lower bounds flow forward
        for first in earlier_than[slug]:
            if start[first] is not None and (start[slug] is None or start[first] > start[slug]):
                start[slug], start_because[slug] = start[first], first
    later_than: dict[str, set[str]] = defaultdict(set)
    for then, firsts in earlier_than.items():
        for first in firsts:
            later_than[first].add(then)
    for slug in reversed(order):  # latest first: upper bounds flow backward
        for then in later_than[slug]:
            if end[then] is not None and (end[slug] is None or end[then] < end[slug]):
                end[slug], end_because[slug] = end[then], then

    # Name first the event squeezed by two relations: that is where the curator's statements collide.
    blame_order = sorted(order, key=lambda slug: -((slug in start_because) + (slug in end_because)))
    for slug in blame_order:
        if start[slug] is not None and end[slug] is not None and start[slug] > end[slug]:
            lower = (
                f"after '{start_because[slug]}' (from {iso_day(start[slug])})"
                if slug in start_because
                else f"its own date (from {iso_day(start[slug])})"
            )
            upper = (
                f"before '{end_because[slug]}' (until {iso_day(end[slug])})"
                if slug in end_because
                else f"its own date (until {iso_day(end[slug])})"
            )
            raise RelativeDateError(f"'{slug}' cannot be placed: {lower} and {upper} leave no day between them.")
    return {slug: (start[slug], end[slug]) for slug in order}
