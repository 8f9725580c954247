"""Writes to events: publishing, and keeping relative dates' bounds true.

Every write renews the data epoch through the database's triggers (common/epoch.py), so none does it itself."""

from __future__ import annotations

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from chronology.generation import GeneratedCorpus, corpus_generate
from chronology.models import Event, EventRelation, Status
from chronology.relative import Relation, RelativeDateError, relative_windows
from common.dates import InvalidDate, Precision, parse_date

__all__ = [
    "GeneratedCorpus",
    "RelativeDateError",
    "corpus_generate",
    "event_publish",
    "event_relative_bounds_refresh",
    "event_unpublish",
    "relations_check",
]


def _set_status(events: QuerySet[Event], status: str, *, user, comment: str) -> int:
    with transaction.atomic(), reversion.create_revision():
        changing = list(events.exclude(status=status).select_for_update())
        # One UPDATE whatever the count; auto_now does not reach QuerySet.update, so updated_at is set here.
        count = Event.objects.filter(pk__in=[e.pk for e in changing]).update(status=status, updated_at=timezone.now())
        # Each event's history records the change, by whom (reversion reads the rows as committed).
        for event in Event.objects.filter(pk__in=[e.pk for e in changing]):
            reversion.add_to_revision(event)
        reversion.set_user(user)
        reversion.set_comment(comment)
    return count


def event_publish(*, events: QuerySet[Event], user: AbstractBaseUser | None = None) -> int:
    """Publish `events`; return how many were drafts and are now published. `user` is named in their history."""
    return _set_status(events, Status.PUBLISHED, user=user, comment="Published")


def event_unpublish(*, events: QuerySet[Event], user: AbstractBaseUser | None = None) -> int:
    """Return `events` to draft; return how many were published and are now drafts."""
    return _set_status(events, Status.DRAFT, user=user, comment="Returned to draft")


def _own_bounds(events) -> dict:
    bounds = {}
    for event in events:
        if event.date:
            try:
                parsed = parse_date(event.date)
            except InvalidDate:
                continue  # the date field reports its own error; relations are checked once it is valid
            bounds[event.slug] = (parsed.start, parsed.end)
    return bounds


def relations_check(*, event: Event, relations: list[tuple[str, Event]]) -> None:
    """Raise RelativeDateError if `event`'s proposed relations, with everyone else's, cannot all hold."""
    existing = EventRelation.objects.exclude(event_id=event.pk) if event.pk else EventRelation.objects.all()
    others = [Relation(*row) for row in existing.values_list("event__slug", "kind", "other__slug")]
    proposed = [Relation(event.slug, kind, other.slug) for kind, other in relations]
    involved = {r.event for r in others + proposed} | {r.other for r in others + proposed}
    known = [e for e in Event.objects.filter(slug__in=involved - {event.slug})] + [event]
    relative_windows(_own_bounds(known), others + proposed)


def event_relative_bounds_refresh() -> int:
    """Store every related event's bounds narrowed by its relations; return how many changed.

    Raises RelativeDateError (nothing stored) when the relations contradict each other or a date.
    """
    relations = [Relation(*row) for row in EventRelation.objects.values_list("event__slug", "kind", "other__slug")]
    involved = {r.event for r in relations} | {r.other for r in relations}
    # Events narrowed before but no longer related go back to the bounds of their own date.
    previously = Event.objects.filter(date_precision=Precision.RANGE).exclude(slug__in=involved)
    events = {e.slug: e for e in [*Event.objects.filter(slug__in=involved), *previously]}
    own = _own_bounds(events.values())
    windows = relative_windows(own, relations) if relations else {}
    changed = []
    for slug, event in events.items():
        if slug in windows:
            start, end = windows[slug]
            precision = event.date_precision if own.get(slug) == (start, end) and event.date else Precision.RANGE
        else:
            bounds = parse_date(event.date) if event.date else None
            start, end = (bounds.start, bounds.end) if bounds else (None, None)
            precision = bounds.precision if bounds else ""
        if (event.day_start, event.day_end, event.date_precision) != (start, end, precision):
            event.day_start, event.day_end, event.date_precision = start, end, precision
            changed.append(event)
    if changed:
        for event in changed:
            event.updated_at = timezone.now()
        Event.objects.bulk_update(changed, ["day_start", "day_end", "date_precision", "updated_at"])
    return len(changed)
