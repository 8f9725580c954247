"""Small rows for tests: make_<thing>(**overrides), each valid unless told otherwise."""

from __future__ import annotations

import itertools

from chronology.models import Category, Event, Person, Status, Theme
from geography.models import Area, Place, Route, RouteStop
from sources.models import Citation, Source, SourceKind

_counter = itertools.count(1)


def _slug(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def make_place(**overrides) -> Place:
    slug = overrides.pop("slug", None) or _slug("place")
    fields = {"name": {"tr": slug.title(), "en": slug.title()}, "kind": "city", "latitude": 40.0, "longitude": 44.0}
    fields.update(overrides)
    return Place.objects.create(slug=slug, **fields)


def make_source(**overrides) -> Source:
    slug = overrides.pop("slug", None) or _slug("source")
    fields = {"kind": SourceKind.BOOK, "label": f"Author, {1990 + next(_counter) % 30}"}
    fields.update(overrides)
    return Source.objects.create(slug=slug, **fields)


def make_person(**overrides) -> Person:
    slug = overrides.pop("slug", None) or _slug("person")
    return Person.objects.create(slug=slug, **{"name": {"tr": slug, "en": slug}, **overrides})


def make_theme(**overrides) -> Theme:
    slug = overrides.pop("slug", None) or _slug("theme")
    return Theme.objects.create(slug=slug, **{"name": {"tr": slug, "en": slug}, **overrides})


def make_category(**overrides) -> Category:
    slug = overrides.pop("slug", None) or _slug("category")
    fields = {"name": {"tr": slug, "en": slug}, "colour": "#2b6cb0"}
    return Category.objects.get_or_create(slug=slug, defaults={**fields, **overrides})[0]


def make_event(*, places=(), people=(), themes=(), routes=(), sources=None, **overrides) -> Event:
    """A published event citing one new source (or the given ones)."""
    slug = overrides.pop("slug", None) or _slug("event")
    fields = {
        "title": {"tr": f"Olay {slug}", "en": f"Event {slug}"},
        "summary": {"tr": "Özet.", "en": "Summary."},
        "date": "1920-11-05",
        "category": "diplomacy",
        "status": Status.PUBLISHED,
    }
    fields.update(overrides)
    # Tests name a category by its slug, as files and the API do; it is made when the database lacks it.
    fields["category"] = make_category(slug=fields["category"])
    event = Event.objects.create(slug=slug, **fields)
    event.places.set(places)
    event.people.set(people)
    event.themes.set(themes)
    event.routes.set(routes)
    for position, source in enumerate(sources if sources is not None else [make_source()]):
        Citation.objects.create(
            owner=event,
            source=source,
            locator=f"s. {190 + position}",
            evidence=f"The passage on {slug}.",
            position=position,
        )
    return event


def make_route(*, stops, **overrides) -> Route:
    slug = overrides.pop("slug", None) or _slug("route")
    fields = {"name": {"tr": slug, "en": slug}, "mode": "road", "purpose": "aid"}
    fields.update(overrides)
    route = Route.objects.create(slug=slug, **fields)
    for position, place in enumerate(stops, start=1):
        RouteStop.objects.create(route=route, place=place, position=position)
    return route


def make_area(**overrides) -> Area:
    slug = overrides.pop("slug", None) or _slug("area")
    fields = {
        "name": {"tr": slug, "en": slug},
        "kind": "front",
        "date": "1920-09/1920-12",
        "geometry": {"type": "Polygon", "coordinates": [[[42, 40], [44, 40], [44, 41], [42, 41], [42, 40]]]},
    }
    fields.update(overrides)
    return Area.objects.create(slug=slug, **fields)
