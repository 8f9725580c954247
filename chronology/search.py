"""One search over the atlas: published events, places (any name they bore), people and sources, in every
language, Turkish-aware ("KARS" finds Kars, "istanbul" İstanbul, "gumru" Gümrü and so Alexandropol).

Matched in Python over folded text: diacritic- and case-insensitive matching across JSON translations and
the Turkish dotted/dotless i is not portable SQL, and a corpus has thousands of records, not millions.
Also the reads behind an event panel's "related events" (`related_events`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from chronology.models import Event, EventRelation, Person
from chronology.selectors import event_rows
from common.response_cache import cached_data
from common.translation import translate
from geography.api import folded
from geography.models import Place
from sources.models import Source

# Longer queries are refused: nothing in the atlas is named with more, and a huge query costs every record.
MAX_QUERY_LENGTH = 200
PER_KIND_DEFAULT = 10
PER_KIND_MAX = 50
RELATED_PER_KIND = 6
SEARCH_EVENT_FIELDS = ("slug", "title", "date", "start", "end", "precision", "approximate", "uncertain", "category")

_WORD = re.compile(r"\w+")


class QueryError(ValueError):
    """The query cannot be searched; the message says what to write instead."""


def query_terms(query: str) -> list[str]:
    """The folded words of `query`; raises QueryError when it is too long or has no letter or digit."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"The search is {len(query)} characters long; write at most {MAX_QUERY_LENGTH}.")
    terms = _WORD.findall(folded(query).replace("_", " "))
    if not terms:
        raise QueryError("Write at least one letter or digit to search for; punctuation alone finds nothing.")
    return terms


def _matches(terms: list[str], texts) -> bool:
    haystack = " ".join(folded(text) for text in texts if text)
    return all(term in haystack for term in terms)


def _texts(value: dict | None) -> list[str]:
    return [text for text in (value or {}).values() if isinstance(text, str)]


@dataclass
class Found:
    items: list
    total: int


def _bounded(items: list, limit: int) -> Found:
    return Found(items=items[:limit], total=len(items))


def _folded_places() -> list[tuple[str, dict, list[str], str]]:
    """Every place as (slug, name, its other names, all of them folded), kept per data version."""

    def build():
        index = []
        for place in Place.objects.prefetch_related("names").order_by("slug"):
            others = sorted({n.name for n in place.names.all()})
            haystack = " ".join(folded(text) for text in [place.slug, *_texts(place.name), *others])
            index.append((place.slug, place.name, others, haystack))
        return index

    return cached_data(["search:places"], build)


def search_places(terms: list[str], *, lang: str, limit: int) -> Found:
    found = [
        {"slug": slug, "name": translate(name, lang), "names": others}
        for slug, name, others, haystack in _folded_places()
        if all(term in haystack for term in terms)
    ]
    return _bounded(found, limit)


def search_people(terms: list[str], *, lang: str, limit: int) -> Found:
    found = [
        {"slug": person.slug, "name": translate(person.name, lang)}
        for person in Person.objects.order_by("slug")
        if _matches(terms, [person.slug, *_texts(person.name)])
    ]
    return _bounded(found, limit)


def search_sources(terms: list[str], *, limit: int) -> Found:
    found = [
        {"slug": source.slug, "label": source.label, "title": source.title}
        for source in Source.objects.order_by("slug")
        if _matches(terms, [source.slug, source.label, source.title, source.author, source.archive_ref])
    ]
    return _bounded(found, limit)


def _folded_events() -> list[tuple[int, str, str]]:
    """Every published event as (pk, folded titles, folded summaries), kept per data version: folding
    10,000 events' texts took 2 s a query, looking through the folded ones takes a few milliseconds."""
    return cached_data(
        ["search:events"],
        lambda: [
            (pk, " ".join(folded(text) for text in _texts(title)), " ".join(folded(text) for text in _texts(summary)))
            for pk, title, summary in Event.objects.published().values_list("pk", "title", "summary")
        ],
    )


def search_events(terms: list[str], events: QuerySet, *, lang: str, limit: int) -> Found:
    """Events whose title or summary, in any language, has every term; title matches first."""
    by_title, by_summary = [], []
    for pk, title, summary in _folded_events():
        if all(term in title for term in terms):
            by_title.append(pk)
        elif all(term in summary for term in terms):
            by_summary.append(pk)
    if by_title or by_summary:
        # The visitor's filters: ids only, so no query parameter limit however many were found.
        allowed = set(events.order_by().values_list("pk", flat=True))
        by_title = [pk for pk in by_title if pk in allowed]
        by_summary = [pk for pk in by_summary if pk in allowed]
    ranked = by_title + by_summary
    rows = {
        row["slug"]: row
        for row in event_rows(events.filter(pk__in=ranked[:limit]), lang=lang, fields=SEARCH_EVENT_FIELDS)
    }
    order = dict(events.filter(pk__in=ranked[:limit]).values_list("pk", "slug"))
    return Found(items=[rows[order[pk]] for pk in ranked[:limit]], total=len(ranked))


def atlas_search(*, query: str, lang: str, events: QuerySet, limit: int = PER_KIND_DEFAULT) -> dict:
    """Every kind of record matching `query`, at most `limit` of each, with how many there were in all.

    `events` is the published events to search, already narrowed by the visitor's filters.
    """
    terms = query_terms(query)
    found = {
        "events": search_events(terms, events, lang=lang, limit=limit),
        "places": search_places(terms, lang=lang, limit=limit),
        "people": search_people(terms, lang=lang, limit=limit),
        "sources": search_sources(terms, limit=limit),
    }
    return {
        "query": query,
        **{kind: result.items for kind, result in found.items()},
        "totals": {kind: result.total for kind, result in found.items()},
    }


def related_events(*, event: Event, lang: str, limit: int = RELATED_PER_KIND) -> dict:
    """Threads a visitor can follow from `event`: the published events sharing its places, routes or people
    (most shared first, then nearest in time), those its relations name or that name it, and the events just
    before and after it in time."""
    published = Event.objects.published().exclude(pk=event.pk)

    def rows(queryset: QuerySet) -> list[dict]:
        slugs = list(queryset.values_list("slug", flat=True)[:limit])
        by_slug = {
            row["slug"]: row
            for row in event_rows(published.filter(slug__in=slugs), lang=lang, fields=SEARCH_EVENT_FIELDS)
        }
        return [by_slug[slug] for slug in slugs]

    def sharing(relation: str) -> list[dict]:
        ids = getattr(event, relation).values("pk")
        shared = published.filter(**{f"{relation}__in": ids}).annotate(shared=Count(relation, distinct=True))
        return rows(shared.order_by("-shared", "day_start", "slug"))

    relation_ids = EventRelation.objects.filter(Q(event=event) | Q(other=event))
    linked = published.filter(
        Q(pk__in=relation_ids.values("other")) | Q(pk__in=relation_ids.values("event"))
    ).chronological()
    start = event.day_start
    if start is None:
        before, after = [], []
    else:
        earlier = published.filter(day_start__lt=start) | published.filter(day_start=start, slug__lt=event.slug)
        later = published.filter(day_start__gt=start) | published.filter(day_start=start, slug__gt=event.slug)
        before = rows(earlier.order_by("-day_start", "-slug"))[:1]
        after = rows(later.order_by("day_start", "slug"))[:1]
    return {
        "places": sharing("places"),
        "routes": sharing("routes"),
        "people": sharing("people"),
        "relations": rows(linked),
        "previous": before[0] if before else None,
        "next": after[0] if after else None,
    }
