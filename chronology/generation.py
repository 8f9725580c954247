"""Deterministic synthetic corpora for measuring the atlas at scale (not for classrooms).

Bulk writes renew the data epoch through the database's own triggers (common/epoch.py), like any other.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction

from chronology.models import Actor, AidItem, AidKind, AidStatus, Category, Event, EventPlace, Person, Status, Theme
from geography.models import (
    Area,
    AreaKind,
    Place,
    Route,
    RouteMode,
    RoutePurpose,
    RouteStatus,
    RouteStatusKind,
    RouteStop,
)
from sources.models import Citation, Source, SourceKind

PREFIX = "gen-"


def _edtf(rng: random.Random, day: dt.date) -> str:
    """A date string of the kind a corpus really has: mostly days, some months, years, spans, qualifiers."""
    roll = rng.random()
    if roll < 0.6:
        text = day.isoformat()
    elif roll < 0.8:
        text = day.strftime("%Y-%m")
    elif roll < 0.88:
        text = str(day.year)
    else:
        end = day + dt.timedelta(days=rng.randint(2, 120))
        return f"{day.isoformat()}/{end.isoformat()}"
    qualifier = rng.random()
    return text + ("~" if qualifier < 0.08 else "?" if qualifier < 0.12 else "")


@dataclass(frozen=True)
class GeneratedCorpus:
    events: int
    places: int
    routes: int
    sources: int
    areas: int = 0


@transaction.atomic
def corpus_generate(*, events: int, seed: int, routes: int | None = None, areas: int = 0) -> GeneratedCorpus:
    """Replace the generated corpus (slugs starting 'gen-') with `events` deterministic published events.

    For measuring the atlas at scale, not for classrooms: the same seed gives the same corpus. `routes`
    (default one per hundred events) each get dated statuses and some of the aid lines; `areas` dated
    polygons, for measuring the map at a date.
    """
    if events < 1:
        raise ValueError("events must be at least 1.")
    if (routes is not None and routes < 1) or areas < 0:
        raise ValueError("routes must be at least 1 and areas at least 0.")
    rng = random.Random(seed)
    codes = list(Category.objects.values_list("slug", flat=True))
    # Events first: their aid lines protect the actors and sources they name.
    for model in (Event, Route, Source, Person, Theme, Actor, Area):
        model.objects.filter(slug__startswith=PREFIX).delete()
    Place.objects.filter(slug__startswith=PREFIX).delete()

    n_places = min(2000, max(50, events // 20))
    places = Place.objects.bulk_create(
        Place(
            slug=f"{PREFIX}place-{i}",
            name={"tr": f"Yer {i}", "en": f"Place {i}"},
            kind="city",
            latitude=round(rng.uniform(36.0, 56.0), 4),
            longitude=round(rng.uniform(23.0, 50.0), 4),
        )
        for i in range(n_places)
    )
    themes = Theme.objects.bulk_create(
        Theme(slug=f"{PREFIX}theme-{i}", name={"tr": f"Tema {i}", "en": f"Theme {i}"}) for i in range(6)
    )
    people = Person.objects.bulk_create(
        Person(slug=f"{PREFIX}person-{i}", name={"tr": f"Kişi {i}", "en": f"Person {i}"})
        for i in range(max(10, events // 50))
    )
    sources = Source.objects.bulk_create(
        Source(slug=f"{PREFIX}source-{i}", kind=SourceKind.BOOK, label=f"Author {i}, {1950 + i % 70}")
        for i in range(max(10, events // 50))
    )
    actors = Actor.objects.bulk_create(
        Actor(slug=f"{PREFIX}actor-{i}", name={"tr": f"Taraf {i}", "en": f"Party {i}"}) for i in range(4)
    )
    n_routes = routes if routes is not None else max(5, events // 100)
    routes = []
    for i in range(n_routes):
        route = Route(
            slug=f"{PREFIX}route-{i}",
            name={"tr": f"Yol {i}", "en": f"Route {i}"},
            mode=rng.choice(RouteMode.values),
            purpose=rng.choice(RoutePurpose.values),
            date=_edtf(rng, dt.date(1917, 1, 1) + dt.timedelta(days=rng.randint(0, 2900))),
        )
        route.refresh_date_bounds()
        routes.append(route)
    Route.objects.bulk_create(routes)
    RouteStop.objects.bulk_create(
        RouteStop(route=route, place=place, position=position)
        for route in routes
        for position, place in enumerate(rng.sample(places, rng.randint(2, 6)), start=1)
    )

    RouteStatus.objects.bulk_create(_statuses(rng, routes), batch_size=5000)
    Area.objects.bulk_create(_areas(rng, areas), batch_size=2000)

    first_day = dt.date(1900, 1, 1)
    span = (dt.date(1950, 12, 31) - first_day).days
    new_events = []
    for i in range(events):
        event = Event(
            slug=f"{PREFIX}event-{i}",
            title={"tr": f"Olay {i}", "en": f"Event {i}"},
            summary={"tr": f"Üretilmiş olay {i}.", "en": f"Generated event {i}."},
            category_id=rng.choice(codes),
            significance=rng.choice([1, 1, 2, 2, 2, 3]),
            status=Status.PUBLISHED,
            date=_edtf(rng, first_day + dt.timedelta(days=rng.randint(0, span))),
        )
        event.refresh_date_bounds()
        new_events.append(event)
    Event.objects.bulk_create(new_events, batch_size=2000)

    # The link tables and citations are most of the rows (about six per event): written as plain tuples, one
    # executemany per table, not as model instances through bulk_create, whose building and SQL compiling
    # took most of the time at 100,000 events. The random draws are made in the same order as before, so a
    # seed gives the same corpus.
    event_ids = [e.pk for e in new_events]
    place_ids, people_ids, theme_ids = [p.pk for p in places], [p.pk for p in people], [t.pk for t in themes]
    route_ids, source_ids = [r.pk for r in routes], [s.pk for s in sources]
    _insert_rows(
        EventPlace,
        ("event", "place"),
        ((e, p) for e in event_ids for p in rng.sample(place_ids, rng.randint(1, 3))),
    )
    _insert_rows(Event.people.through, ("event", "person"), ((e, rng.choice(people_ids)) for e in event_ids))
    _insert_rows(Event.themes.through, ("event", "theme"), ((e, rng.choice(theme_ids)) for e in event_ids))
    _insert_rows(
        Event.routes.through, ("event", "route"), ((e, rng.choice(route_ids)) for e in event_ids if rng.random() < 0.1)
    )
    event_type = ContentType.objects.get_for_model(Event).pk
    _insert_rows(
        Citation,
        ("content_type", "object_id", "source", "locator"),
        ((event_type, e, rng.choice(source_ids), f"p. {rng.randint(1, 400)}") for e in event_ids),
    )
    AidItem.objects.bulk_create(
        (
            AidItem(
                event=e,
                donor=donor,
                recipient=rng.choice([actor for actor in actors if actor is not donor]),
                status=rng.choice(AidStatus.values),
                kind=rng.choice(AidKind.values),
                quantity=rng.randint(1, 10000),
                unit="pieces",
                source=rng.choice(sources),
                route=rng.choice(routes) if rng.random() < 0.5 else None,
            )
            for e in new_events
            if rng.random() < 0.05
            for donor in [rng.choice(actors)]
        ),
        batch_size=5000,
    )
    return GeneratedCorpus(events=events, places=len(places), routes=len(routes), sources=len(sources), areas=areas)


def _insert_rows(model, names: tuple[str, ...], rows) -> None:
    """Insert `rows`, tuples of database values for the fields `names` (a foreign key by its id), in one
    executemany; every other column takes its field's default, as a model instance would."""
    connection = connections[router.db_for_write(model)]
    given = [model._meta.get_field(name) for name in names]
    rest = [f for f in model._meta.concrete_fields if f not in given and not f.primary_key]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in [*given, *rest])
    marks = ", ".join(["%s"] * (len(given) + len(rest)))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, (row + defaults for row in rows))


def _statuses(rng: random.Random, routes: list[Route]):
    """A few consecutive periods per route (open, closed for winter, dangerous, planned)."""
    for route in routes:
        day = dt.date(1917, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        for _ in range(rng.randint(1, 5)):
            end = day + dt.timedelta(days=rng.randint(30, 400))
            status = RouteStatus(
                route=route, status=rng.choice(RouteStatusKind.values), date=f"{day.isoformat()}/{end.isoformat()}"
            )
            status.refresh_date_bounds()
            yield status
            day = end + dt.timedelta(days=1)


def _areas(rng: random.Random, count: int):
    for i in range(count):
        lat, lon = rng.uniform(36.0, 55.0), rng.uniform(23.0, 49.0)
        size = rng.uniform(0.2, 1.5)
        ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        start = dt.date(1917, 1, 1) + dt.timedelta(days=rng.randint(0, 2500))
        area = Area(
            slug=f"{PREFIX}area-{i}",
            name={"tr": f"Bölge {i}", "en": f"Area {i}"},
            kind=rng.choice(AreaKind.values),
            geometry={"type": "Polygon", "coordinates": [ring]},
            date=f"{start.isoformat()}/{(start + dt.timedelta(days=rng.randint(30, 700))).isoformat()}",
        )
        area.refresh_date_bounds()
        yield area
