"""What each corpus section may hold: its fields and its children, each declared once.

The loader reads these declarations to check keys, resolve slugs, build records, compare them with the
database and write them; docs/corpus-format.md describes the same fields for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from chronology.models import Actor, AidItem, AlternativeDating, Category, Event, EventMedia, Person, Status, Theme
from geography.models import Area, Place, PlaceName, Route, RouteStatus
from sources.models import Citation, Discrepancy, Source


@dataclass(frozen=True)
class Child:
    """Records that belong to their owner, listed inside it: a place's names, an event's citations.

    The owner's related manager has the same name as the list (`place.names`, `event.citations`).
    """

    model: type[models.Model]
    what: str  # how a problem names one item: "a citation"
    fields: tuple[str, ...]  # plain values
    references: dict[str, str] = field(default_factory=dict)  # key → section its slug points into
    required: frozenset[str] = frozenset()  # references or children that must be given
    children: dict[str, Child] = field(default_factory=dict)
    positioned: bool = False  # the item's place in the list is stored (`position`)

    @property
    def keys(self) -> set[str]:
        return {*self.fields, *self.references, *self.children}

    @property
    def compared(self) -> tuple[str, ...]:
        """Attributes that decide whether a stored item still matches the file."""
        return (*self.fields, *(f"{name}_id" for name in self.references), *(("position",) if self.positioned else ()))


@dataclass(frozen=True)
class Section:
    model: type[models.Model]
    scalars: tuple[str, ...]
    required: frozenset[str]
    slug_lists: dict[str, str] = field(default_factory=dict)  # many-to-many: key → section of its slugs
    # Slug lists whose items may also be {<item key>: slug, role: …}: key → item key (places → place).
    # The many-to-many's through model has a `role` field with choices; a bare slug takes its default.
    with_roles: dict[str, str] = field(default_factory=dict)
    children: dict[str, Child] = field(default_factory=dict)
    stops: bool = False  # an ordered list of place slugs or {place, date} (routes)
    relations: bool = False  # after/before: event slugs, written once every event is
    defaults: dict[str, Any] = field(default_factory=dict)  # where the corpus's default differs from the model's

    @property
    def keys(self) -> set[str]:
        extra = {"stops"} if self.stops else set()
        extra |= {"after", "before"} if self.relations else set()
        return {*self.scalars, *self.slug_lists, *self.children, *extra}


CITATIONS = Child(
    Citation,
    "a citation",
    fields=("locator", "evidence", "locator_estimated", "note"),
    references={"source": "sources"},
    required=frozenset({"source"}),
    positioned=True,
)

SECTIONS: dict[str, Section] = {
    "sources": Section(
        Source,
        scalars=("slug", "kind", "label", "author", "year", "title", "archive_ref", "date", "note"),
        required=frozenset({"slug", "kind", "label"}),
    ),
    "categories": Section(
        Category, scalars=("slug", "name", "colour", "symbol"), required=frozenset({"slug", "name", "colour"})
    ),
    "themes": Section(Theme, scalars=("slug", "name"), required=frozenset({"slug", "name"})),
    "people": Section(
        Person, scalars=("slug", "name", "born", "died", "description"), required=frozenset({"slug", "name"})
    ),
    "actors": Section(Actor, scalars=("slug", "name", "description"), required=frozenset({"slug", "name"})),
    "places": Section(
        Place,
        scalars=("slug", "name", "kind", "latitude", "longitude", "description"),
        required=frozenset({"slug", "name", "kind", "latitude", "longitude"}),
        children={"names": Child(PlaceName, "a name", fields=("name", "language", "date", "note"))},
    ),
    "routes": Section(
        Route,
        scalars=("slug", "name", "description", "mode", "purpose", "date"),
        required=frozenset({"slug", "name", "mode", "purpose", "stops", "citations"}),
        children={
            "statuses": Child(RouteStatus, "a status", fields=("date", "status", "note")),
            "citations": CITATIONS,
        },
        stops=True,
    ),
    "areas": Section(
        Area,
        scalars=("slug", "name", "description", "kind", "date", "approximate", "geometry"),
        required=frozenset({"slug", "name", "kind", "geometry", "citations"}),
        children={"citations": CITATIONS},
    ),
    "events": Section(
        Event,
        scalars=(
            "slug",
            "date",
            "date_as_written",
            "date_calendar",
            "title",
            "summary",
            "category",
            "significance",
            "status",
            "note",
            "place_note",
            "date_words",
        ),
        required=frozenset({"slug", "title", "summary", "category", "citations"}),
        slug_lists={"themes": "themes", "places": "places", "people": "people", "routes": "routes"},
        with_roles={"places": "place"},
        children={
            "citations": CITATIONS,
            "aid": Child(
                AidItem,
                "an aid line",
                fields=(
                    "status",
                    "kind",
                    "quantity",
                    "unit",
                    "approximate",
                    "derived",
                    "locator",
                    "evidence",
                    "locator_estimated",
                    "note",
                ),
                references={"donor": "actors", "recipient": "actors", "route": "routes", "source": "sources"},
                required=frozenset({"donor", "recipient", "status", "source"}),
            ),
            "discrepancies": Child(
                Discrepancy,
                "a discrepancy",
                fields=("note",),
                # A disagreement is shown with the passages that disagree, each with its source.
                required=frozenset({"citations"}),
                children={"citations": CITATIONS},
                positioned=True,
            ),
            # An uploaded image is named as stored (events/<name>.jpg): a corpus file carries no image bytes.
            "media": Child(
                EventMedia,
                "a medium",
                fields=("kind", "image", "url", "caption", "credit", "alt"),
                positioned=True,
            ),
            "alternatives": Child(
                AlternativeDating,
                "an alternative",
                fields=("date", "note"),
                references={"place": "places"},
                # An alternative reading is only as good as who gives it.
                required=frozenset({"citations"}),
                children={"citations": CITATIONS},
                positioned=True,
            ),
        },
        relations=True,
        # Corpus events are published unless they say otherwise (in the admin a new event starts as a draft).
        defaults={"status": Status.PUBLISHED},
    ),
}

SECTION_ORDER = list(SECTIONS)


def section_register(name: str, section: Section) -> None:
    """Add a section declared by an app above chronology (lessons), loaded after every section here.

    The apps above register from their AppConfig.ready, so the loader reads their records without
    importing them. SECTION_ORDER is changed in place: modules that imported it see the new section.
    """
    SECTIONS[name] = section
    if name not in SECTION_ORDER:
        SECTION_ORDER.append(name)
