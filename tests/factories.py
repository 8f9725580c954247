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


def make_one_of_every_kind() -> dict[str, str]:
    """One record of every kind with every optional part filled (for the schema and the fuzzing tests);
    returns a real slug per endpoint."""
    from chronology.models import Actor, AidItem, AlternativeDating, EventMedia, EventRelation
    from geography.models import PlaceName, RouteStatus
    from sources.models import Discrepancy

    kars = make_place(slug="kars", latitude=40.6, longitude=43.1)
    baku = make_place(slug="baku", latitude=40.4, longitude=49.9)
    PlaceName.objects.create(place=kars, name="Qars", language="ru", date="1878/1918")
    route = make_route(slug="baku-kars", stops=[baku, kars], date="1920-11/1921-03")
    RouteStatus.objects.create(route=route, status="open", date="1920-11", note={"en": "Open."})
    area = make_area(slug="front")
    source = make_source(slug="bayur")
    person = make_person(slug="stalin", born="1878-12-18")
    theme = make_theme(slug="aid")
    fall = make_event(slug="fall-of-kars", date="1920-10-30", places=[kars], routes=[route])
    interview = make_event(
        slug="interview",
        date="1920-10-18/1920-11-05",
        people=[person],
        themes=[theme],
        date_as_written="5 Teşrinisani 1336",
        date_calendar="rumi",
    )
    EventRelation.objects.create(event=interview, kind="after", other=fall)
    AlternativeDating.objects.create(event=interview, date="1920-08-12", note={"en": "Impossible."})
    moscow = Actor.objects.create(slug="moscow", name={"en": "Soviet Russia"}, description={"en": "RSFSR."})
    ankara = Actor.objects.create(slug="ankara", name={"en": "Ankara"})
    AidItem.objects.create(
        event=fall,
        donor=moscow,
        recipient=ankara,
        kind="rifles",
        quantity=6000,
        unit="pieces",
        route=route,
        source=source,
        evidence="6000 tüfek",
        locator_estimated=True,
    )
    AidItem.objects.create(
        event=interview, status="promised", kind="gold_rubles", quantity=5, unit="rubles", source=source, derived=True
    )
    make_event(slug="open-ended", date="1921-01/..")
    route.citations.create(source=source, locator="s. 1", evidence="Kars'a kadar demiryolu.")
    area.citations.create(source=source)
    EventMedia.objects.create(
        event=interview, kind="link", url="https://example.org/report", caption={"en": "The report."}, credit="Archive"
    )
    disagreement = Discrepancy.objects.create(owner=interview, note={"en": "Two dates.", "tr": "İki tarih."})
    disagreement.citations.create(source=source, locator="s. 2", evidence="12 Ağustos")
    _lesson(interview, route, source)
    return {
        "events": "interview",
        "people": "stalin",
        "sources": "bayur",
        "themes": "aid",
        "categories": "diplomacy",
        "places": "kars",
        "routes": "baku-kars",
        "areas": "front",
        "actors": "moscow",
        "lessons": "classroom",
        "collections": "turk-sovyet",
    }


def _lesson(event, route, source) -> None:
    """A lesson with a full step, a step whose event was deleted and one framed by a map view."""
    from lessons.models import Lesson, LessonStep

    lesson = Lesson.objects.create(slug="classroom", title={"tr": "Ders"}, status="published")
    full = LessonStep.objects.create(
        lesson=lesson, position=1, event=event, caption={"en": "Look."}, teacher_note={"en": "Ask."}, date="1920-11"
    )
    full.citations.create(source=source, locator="s. 1", evidence="Kars.")
    LessonStep.objects.create(lesson=lesson, position=2, event=None, frame_route=route)
    LessonStep.objects.create(lesson=lesson, position=3, event=event, map_latitude=40, map_longitude=44, map_zoom=6)


def make_uploaded_image(event, *, picture=None, format: str = "JPEG", **fields):
    """An image medium of `event` as a curator's upload leaves it: checked and re-encoded by chronology.media,
    with its thumbnails, under settings.MEDIA_ROOT. `picture` is a PIL image (a plain 1600×1000 one by default)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from chronology.media import image_prepare
    from chronology.models import EventMedia

    buffer = io.BytesIO()
    (picture or Image.new("RGB", (1600, 1000), (30, 80, 140))).save(buffer, format=format)
    name, content_type = ("upload.png", "image/png") if format == "PNG" else ("upload.jpg", "image/jpeg")
    prepared = image_prepare(SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type))
    return EventMedia.objects.create(
        event=event,
        kind="image",
        image=prepared.image,
        thumbnail_panel=prepared.panel,
        thumbnail_phone=prepared.phone,
        width=prepared.width,
        height=prepared.height,
        **fields,
    )
