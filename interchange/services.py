"""Importing events into the atlas and exporting them: every write of `import_events` and the admin's import.

An import runs in one transaction. Each row is compared with the database and validated by the models'
own validation; a dry run (and any import with a rejected row, unless asked to skip them) is rolled back,
so nothing is saved half-way. Imported events arrive as drafts unless the curator publishes them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from slugify import slugify

from chronology.corpus import CorpusInvalid, corpus_load
from chronology.corpus.exporting import corpus_export
from chronology.media import kind_of_link
from chronology.models import Category, Collection, Event, EventMedia, Status, Theme
from common.translation import translate
from geography.models import Area, Place, Route, route_length_km
from sources.models import Citation, Source
from sources.selectors import citations_by_owner

from . import scope
from .formats import write_events
from .geojson import LAYERS, feature, write_geojson
from .plaintext import html_to_text, text_to_html
from .planning import TIMELINEJS_FORMATS, ImportPlan, default_language, unkept_notes
from .records import CitationRef, EventRecord, FormatError, MediaLink, Timeline
from .slides import language_codes
from .timelinejs_collection import collection_takes_timeline

CREATE, CHANGE, UNCHANGED, REJECT = "create", "change", "unchanged", "reject"


@dataclass
class RowOutcome:
    """What one row of the file does (or would do) to the atlas, and why a rejected row is refused."""

    row: str  # "slide 3", "row 7"
    slug: str
    title: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the row lost or had made up, though it imports


@dataclass
class ImportReport:
    format: str
    dry_run: bool
    applied: bool = False
    rows: list[RowOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    corpus_lines: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.action == REJECT]

    def verdict(self) -> str:
        counts = ", ".join(f"{self.count(a)} {word}" for a, word in _WORDS.items() if self.rows)
        if self.applied:
            left_out = " The rejected rows were left out." if self.rejected else ""
            return f"Imported: {counts}.{left_out}" if counts else "Imported."
        if self.rejected and not self.dry_run:
            return (
                f"Nothing was imported: {len(self.rejected)} row(s) rejected. Fix them in the file and import "
                "again (or skip the rejected rows)."
            )
        return f"Dry run, nothing saved: {counts}." if counts else "Dry run, nothing saved."

    def lines(self) -> list[str]:
        lines = list(self.notes) + list(self.corpus_lines)
        for row in self.rows:
            lines.append(f"{row.row} ({row.slug}): {_WORDS[row.action]}")
            lines += [f"    {name}: {before!r} → {after!r}" for name, before, after in row.changes]
            lines += [f"    {reason}" for reason in row.reasons]
            lines += [f"    warning: {warning}" for warning in row.warnings]
        return [*lines, self.verdict()]


_WORDS = {CREATE: "created", CHANGE: "changed", UNCHANGED: "unchanged", REJECT: "rejected"}


class ImportRejected(Exception):
    """Rows were rejected, so the import was rolled back; `report` says which and why."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(report.verdict())


def _shown(value) -> str:
    if value is None:
        return ""  # a new event's category before it has one
    if isinstance(value, dict):
        return "; ".join(f"{code}: {text}" for code, text in sorted(value.items()) if text)
    if isinstance(value, list | set | tuple):
        return ", ".join(sorted(map(str, value)))
    return str(value)


def _label(record: EventRecord) -> str:
    return next((text for text in record.title.values() if text), record.slug)


def _unique_slug(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken or Event.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _theme_for(group: str, language: str) -> Theme:
    """The theme a TimelineJS group names (by name in any language, or by slug), created when missing."""
    slug = slugify(group, max_length=80) or "group"
    for theme in Theme.objects.all():
        if theme.slug == slug or group in theme.name.values():
            return theme
    return Theme.objects.create(slug=slug, name={language: group})


# Colours for categories a file brings (TimelineJS groups): each passes Category.clean's contrast check
# on the basemap's colours (tests/interchange/test_timelinejs_whole.py checks them all).
CATEGORY_PALETTE = (
    "#1f6f78", "#9b2c6f", "#2c5282", "#8a5a00", "#276749", "#6b46c1", "#a23b2a", "#285e61", "#702459", "#4a5568",
)  # fmt: skip
GENERAL = {"slug": "general", "name": {"tr": "Genel", "en": "General"}}


def _palette_colour() -> str:
    used = set(Category.objects.values_list("colour", flat=True))
    free = [colour for colour in CATEGORY_PALETTE if colour not in used]
    return free[0] if free else CATEGORY_PALETTE[Category.objects.count() % len(CATEGORY_PALETTE)]


def _category_named(group: str) -> Category | None:
    slug = slugify(group, max_length=40)
    folded = group.casefold()
    for category in Category.objects.all():
        if category.slug == slug or folded in (name.casefold() for name in category.name.values()):
            return category
    return None


SNAPSHOT_FIELDS = ("title", "summary", "date", "date_as_written", "category", "status", "date_words")


def collection_for_import(slug: str, *, language: str) -> Collection | None:
    """The collection `slug` names, made (titled by its slug, for the curator to retitle) when there is none."""
    if not slug:
        return None
    collection = Collection.objects.filter(slug=slug).first()
    if collection is None:
        collection = Collection(slug=slug, title={language: slug.replace("-", " ").capitalize()}, languages=[language])
        try:
            collection.full_clean(exclude=["curators"])
        except ValidationError as error:
            said = "; ".join(message for messages in error.message_dict.values() for message in messages)
            raise FormatError(f"Collection {slug!r}: {said}") from None
        collection.save()
    return collection


class _Importer:
    def __init__(self, plan: ImportPlan, *, publish: bool, language: str, collection: Collection | None = None):
        self.plan = plan
        self.collection = collection
        self.publish = publish
        self.language = language
        self.slugs_taken: set[str] = set()
        self.new_categories: dict[str, Category] = {}  # made for this file, saved with the first event in each

    def category_for_group(self, group: str) -> Category:
        """The category a TimelineJS group names (by slug or by name in any language), made when missing."""
        key = slugify(group, max_length=40) or "group"
        if key in self.new_categories:
            return self.new_categories[key]
        found = _category_named(group)
        if found is not None:
            return found
        category = Category(slug=key, name={self.language: group}, colour=_palette_colour())
        self.new_categories[key] = category
        return category

    def general_category(self) -> Category:
        """The one category of slides without a group, so a file without groups is never refused."""
        found = Category.objects.filter(slug=GENERAL["slug"]).first()
        if found is None and GENERAL["slug"] not in self.new_categories:
            self.new_categories[GENERAL["slug"]] = Category(
                slug=GENERAL["slug"], name=dict(GENERAL["name"]), colour=_palette_colour()
            )
        return found or self.new_categories[GENERAL["slug"]]

    def category_notes(self) -> list[str]:
        # Only those saved with an event: a category whose every slide was rejected is not made.
        return [
            f"New category {category.slug!r} ({_shown(category.name)}, colour {category.colour}) for the file's slides."
            for category in self.new_categories.values()
            if category.pk
        ]

    def outcome(self, record: EventRecord, reader_problems: list[str], warnings: list[str] = ()) -> RowOutcome:
        slug = record.slug
        if slug not in self.plan.given_slugs:
            slug = _unique_slug(slug, self.slugs_taken)  # a slug made from a title never overwrites an event
        self.slugs_taken.add(slug)
        row = RowOutcome(
            self.where(record), slug, _label(record), CREATE, reasons=list(reader_problems), warnings=list(warnings)
        )
        event = Event.objects.filter(slug=slug).first()
        if event is not None:
            row.action = CHANGE
            if self.collection is not None and event.collection_id != self.collection.pk:
                # An import into one collection never changes another's events: the slug is taken there.
                row.reasons.append(
                    f"slug: {slug!r} is an event of the collection {event.collection.slug!r}; give this row "
                    "another slug to import it here."
                )
        else:
            event = Event(slug=slug, status=Status.DRAFT)
            if self.collection is not None:
                event.collection = self.collection
        before = self.snapshot(event)
        places, citations = self.references(record, row)
        new_category = self.fill(event, record, row)
        medium = self.medium_of(event, record, row)
        exclude = ["themes", "places", "people", "routes"]
        if not event.category_id or new_category is not None:
            exclude.append("category")  # a category this file brings is checked (and saved) on its own
        if not any(event.summary.values()) and self.plan.partial:
            exclude.append("summary")
            if event.status == Status.PUBLISHED and event.pk is None:
                event.status = Status.DRAFT
            row.warnings.append("text: the slide has none; the event arrives as a draft without a summary, write one.")
        try:
            event.full_clean(exclude=exclude)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                row.reasons += [f"{name}: {message}" for message in messages]
        if new_category is not None and new_category.pk is None:
            try:
                new_category.full_clean()
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    row.reasons += [f"category {new_category.slug!r}, {name}: {message}" for message in messages]
        if row.reasons:
            row.action = REJECT
            return row
        with transaction.atomic():
            if new_category is not None and new_category.pk is None:
                new_category.save()
            event.save()
            if medium is not None:
                medium.event = event
                medium.save()
            if record.group and not self.plan.partial:
                event.themes.add(_theme_for(record.group, self.language))
            event.places.add(*places)
            for position, (source, locator) in enumerate(citations, start=event.citations.count()):
                if not event.citations.filter(source=source, locator=locator).exists():
                    Citation.objects.create(owner=event, source=source, locator=locator, position=position)
        after = self.snapshot(event)
        row.changes = [
            (name, _shown(before[name]), _shown(after[name])) for name in after if before[name] != after[name]
        ]
        if row.action == CHANGE and not row.changes:
            row.action = UNCHANGED
        return row

    def where(self, record: EventRecord) -> str:
        return f"{'slide' if self.plan.format == 'timelinejs' else 'row'} {record.source_row}"

    @staticmethod
    def snapshot(event: Event) -> dict:
        values = {name: getattr(event, "category_id" if name == "category" else name) for name in SNAPSHOT_FIELDS}
        saved = event.pk is not None
        values["themes"] = set(event.themes.values_list("slug", flat=True)) if saved else set()
        values["places"] = set(event.places.values_list("slug", flat=True)) if saved else set()
        values["citations"] = (
            {f"{c.source.slug}:{c.locator}".rstrip(":") for c in event.citations.select_related("source")}
            if saved
            else set()
        )
        linked = _linked_medium(event) if saved else None
        values["media"] = (linked.url, linked.caption, linked.credit) if linked else None
        return values

    def references(self, record: EventRecord, row: RowOutcome):
        places = list(Place.objects.filter(slug__in=record.places))
        for slug in sorted(set(record.places) - {place.slug for place in places}):
            row.reasons.append(f"places: no place {slug!r} in the atlas; add it first, or correct the slug.")
        sources = {s.slug: s for s in Source.objects.filter(slug__in=[c.source for c in record.citations])}
        citations = []
        for ref in record.citations:
            if ref.source in sources:
                citations.append((sources[ref.source], ref.locator))
            else:
                row.reasons.append(
                    f"sources: no source {ref.source!r} in the atlas; add it first, or correct the slug."
                )
        return places, citations

    def fill(self, event: Event, record: EventRecord, row: RowOutcome) -> Category | None:
        """Fill `event` from `record`; returns the category this file brings for it, when it is new."""
        # Languages the file leaves out keep the text they had: a Turkish timeline does not erase English.
        event.title = {**event.title, **{code: text for code, text in record.title.items() if text}}
        summary = {code: html_to_text(text) for code, text in record.summary.items()}
        if not any(summary.values()):
            # A slide whose media is a quotation and that has no text of its own: the quotation says what it is.
            quote = "\n\n".join(html_to_text(m.quote) for m in record.media if m.quote)
            summary = {self.language: quote} if quote else summary
        event.summary = {**event.summary, **{code: text for code, text in summary.items() if text}}
        event.date = record.date_edtf
        event.date_as_written = "" if event.pk is None else event.date_as_written
        if record.display_date and self.plan.partial:
            self.keep_display_date(event, record.display_date)
        elif self.plan.partial and event.date_words.get(self.language):
            # The file no longer shows the date its own way: the atlas's words say it again.
            event.date_words = {code: text for code, text in event.date_words.items() if code != self.language}
        if self.publish:
            event.status = Status.PUBLISHED
        if self.plan.partial:
            return self.fill_category(event, record)
        category = record.category or (self.plan.default_category if event.pk is None else "")
        if category and not Category.objects.filter(slug=category).exists():
            row.reasons.append(
                f"category: no category {category!r} in the atlas; add it in the admin (Categories) or use one of "
                f"{', '.join(Category.objects.values_list('slug', flat=True))}."
            )
        elif category:
            event.category_id = category
        elif not event.category_id:
            row.reasons.append(
                "category: the file gives none; choose a category for rows without one "
                "(--category, or the import form's category) or fill the category column."
            )
        return None

    def fill_category(self, event: Event, record: EventRecord) -> Category | None:
        """A TimelineJS slide's category: its group's, else the chosen default, else "general"."""
        if record.group:
            category = self.category_for_group(record.group)
        elif event.pk is not None and event.category_id:
            return None  # an event the file updates keeps its category when the slide names none
        elif self.plan.default_category:
            category = Category.objects.get(slug=self.plan.default_category)
        else:
            category = self.general_category()
        event.category_id = category.slug
        return category if category.pk is None else None

    def medium_of(self, event: Event, record: EventRecord, row: RowOutcome) -> EventMedia | None:
        """The row's medium as the event's linked medium: the event's first external link, changed in place
        (the curator's uploaded images and further links are kept), or a new medium ahead of the others."""
        medium = next((m for m in record.media if m.url), None)
        if medium is None:
            return None
        item = (_linked_medium(event) if event.pk else None) or EventMedia(position=0)
        caption, alt = html_to_text(medium.caption), medium.alt.strip()
        item.url, item.kind, item.credit = medium.url, kind_of_link(medium.url), html_to_text(medium.credit)
        # Languages the file leaves out keep their text, as the event's own fields do.
        item.caption = {**item.caption, self.language: caption} if caption else item.caption
        item.alt = {**item.alt, self.language: alt} if alt else item.alt
        if self.plan.partial and not self.fit_media(item, row):
            return None
        try:
            item.full_clean(exclude=["event"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                row.reasons += [f"media.{name}: {message}" for message in messages]
            return None
        return item

    @staticmethod
    def fit_media(item: EventMedia, row: RowOutcome) -> bool:
        """A slide is not lost for a medium longer than the atlas's fields: the link is left out (False), text cut."""
        limit = EventMedia._meta.get_field("url").max_length
        if len(item.url) > limit:
            row.warnings.append(f"media.url: is longer than {limit} characters, so the slide comes in without it.")
            return False
        limit = EventMedia._meta.get_field("credit").max_length
        if len(item.credit) > limit:
            item.credit = item.credit[: limit - 1] + "…"
            row.warnings.append(f"media_credit: is longer than {limit} characters and was cut; shorten it if you like.")
        return True

    def keep_display_date(self, event: Event, display_date: str) -> None:
        """TimelineJS's display_date: the event's date as written when it is a calendar date that agrees
        ("5 March 1921"), else its date in words ("Late 1940s"), shown instead of the atlas's own."""
        event.date_as_written = display_date
        try:
            if len(display_date) > Event._meta.get_field("date_as_written").max_length:
                raise ValidationError("too long for the field")
            event.date_from_written()
        except ValidationError:
            event.date_as_written = ""
            event.date_words = {**event.date_words, self.language: display_date}
            return
        event.date_words = {code: text for code, text in event.date_words.items() if code != self.language}


def events_import(
    *,
    plan: ImportPlan,
    publish: bool = False,
    dry_run: bool = True,
    skip_rejected: bool = False,
    language: str = "",
    collection: str = "",
) -> ImportReport:
    """Compare `plan` with the atlas row by row and, unless `dry_run`, apply it in one transaction.

    `collection` (a slug) is where new events go, made when missing; an event of another collection is not
    changed (its row is rejected). Without it, events go to the seed collection, as before collections.
    Raises ImportRejected (nothing saved) when a row is rejected and `skip_rejected` is False.
    """
    report = ImportReport(format=plan.format, dry_run=dry_run, notes=list(plan.notes))
    if plan.format == "corpus":
        return _corpus_import(plan, report, publish=publish, dry_run=dry_run)
    language = language or plan.language or default_language()
    importer = _Importer(plan, publish=publish, language=language)
    by_row: dict[str, list[str]] = {}
    for problem in plan.problems:
        by_row.setdefault(str(problem.row), []).append(f"{problem.field}: {problem.message}")
    warnings: dict[str, list[str]] = {}
    for warning in plan.warnings:
        warnings.setdefault(str(warning.row), []).append(f"{warning.field}: {warning.message}")
    with transaction.atomic():
        # Made inside the transaction: a dry run or a refused file leaves no empty collection behind.
        new_collection = bool(collection) and not Collection.objects.filter(slug=collection).exists()
        importer.collection = collection_for_import(collection, language=language)
        if importer.collection is not None:
            report.notes.append(f"Into the collection {collection!r}.")
            report.notes += collection_takes_timeline(
                importer.collection, title=plan.title, eras=plan.eras, language=language, new=new_collection
            )
        else:
            report.notes += unkept_notes(plan)
        for record in plan.records:
            row = str(record.source_row)
            report.rows.append(importer.outcome(record, by_row.pop(row, []), warnings.pop(row, [])))
        for problem in plan.problems:  # rows the reader could not read at all
            if str(problem.row) in by_row:
                reasons = by_row.pop(str(problem.row))
                report.rows.append(RowOutcome(problem.where, "", problem.where, REJECT, reasons=reasons))
        report.notes += importer.category_notes()
        # A TimelineJS file comes in whole but for the slides the atlas cannot take, which are reported;
        # only a file with none it can take is refused.
        skip_rejected = skip_rejected or (plan.partial and len(report.rejected) < len(report.rows))
        refused = report.rejected and not skip_rejected
        if dry_run or refused:
            transaction.set_rollback(True)
        else:
            report.applied = True
    if refused and not dry_run:
        raise ImportRejected(report)
    return report


def _corpus_import(plan: ImportPlan, report: ImportReport, *, publish: bool, dry_run: bool) -> ImportReport:
    with tempfile.TemporaryDirectory() as folder:
        path = plan.corpus
        if isinstance(path, bytes):
            path = Path(folder) / "corpus.yaml"
            path.write_bytes(plan.corpus)
        try:
            with transaction.atomic():
                load = corpus_load(path=path, dry_run=dry_run)
                if publish and not dry_run:
                    Event.objects.filter(status=Status.DRAFT).filter(slug__in=_corpus_event_slugs(path)).update(
                        status=Status.PUBLISHED
                    )
        except CorpusInvalid as error:
            report.rows = [
                RowOutcome(f"{p.section} '{p.slug}'", p.slug, p.slug, REJECT, reasons=[f"{p.field}: {p.message}"])
                for p in error.problems
            ]
            if dry_run:
                return report
            raise ImportRejected(report) from None
    report.corpus_lines = load.lines()
    actions = {"created": CREATE, "updated": CHANGE, "unchanged": UNCHANGED}
    report.rows = [RowOutcome(section, slug, slug, actions[outcome]) for section, slug, outcome in load.records]
    report.applied = not dry_run
    return report


def _corpus_event_slugs(path: Path) -> list[str]:
    from chronology.corpus import read_corpus

    sections, _problems = read_corpus(path)
    return [record.slug for record in sections.get("events", [])]


# -- export ---------------------------------------------------------------------------------------------


def _linked_medium(event: Event) -> EventMedia | None:
    """The event's first external link: what a row of a file (TimelineJS, the atlas CSV) holds as its medium.
    Uploaded images are the atlas's own and leave no address a file could carry; they stay out of these files."""
    return event.media.exclude(url="").order_by("position", "id").first()


def _record_of(event: Event, language: str, *, group_is_category: bool = False) -> EventRecord | None:
    date = event.date or (f"{event.start_iso}/{event.end_iso}" if event.start_iso and event.end_iso else "")
    if not date:
        return None  # placed only by relations, with no bounds yet: TimelineJS cannot draw it
    theme = event.themes.first()
    if group_is_category:
        # TimelineJS's group comes in as the category, so it goes out as the category's name.
        names = event.category.name
        group = names.get(language) or next((name for name in names.values() if name), event.category_id)
    else:
        group = (theme.name.get(language) or next(iter(theme.name.values()), theme.slug)) if theme else ""
    return EventRecord(
        slug=event.slug,
        date_edtf=date,
        title=dict(event.title),
        summary={code: text_to_html(text) for code, text in event.summary.items()},
        category=event.category_id,
        group=group,
        places=tuple(event.places.order_by("slug").values_list("slug", flat=True)),
        citations=tuple(CitationRef(c.source.slug, c.locator) for c in event.citations.select_related("source")),
        media=(
            (
                MediaLink(
                    url=linked.url,
                    caption=text_to_html(translate(linked.caption, language)),
                    credit=text_to_html(linked.credit),
                    alt=translate(linked.alt, language),
                ),
            )
            if (linked := _linked_medium(event))
            else ()
        ),
    )


def events_export(
    *,
    format: str,
    include_drafts: bool = False,
    language: str = "",
    events: QuerySet[Event] | None = None,
    collection: Collection | None = None,
) -> str:
    """The atlas's events (or `events`, or `collection`'s; published only unless `include_drafts`) as text in
    `format`.

    The corpus format holds the whole atlas (places, routes, areas, sources, people, themes and events).
    """
    if format == "corpus":
        if collection is not None:
            raise FormatError("The corpus format holds the whole atlas, every collection: leave the collection out.")
        return corpus_export(include_drafts=include_drafts)
    language = language or default_language()
    if language not in language_codes():
        raise FormatError(f"Unknown language {language!r}; use one of {', '.join(language_codes())}.")
    events = (
        (scope.events(collection) if events is None else events)
        .chronological()
        .select_related("category")
        .prefetch_related("themes", "places")
    )
    if not include_drafts:
        events = events.published()
    by_category = format in TIMELINEJS_FORMATS
    records = tuple(
        record for event in events if (record := _record_of(event, language, group_is_category=by_category))
    )
    return write_events(Timeline(events=records), format=format, language=language)


# -- geography ------------------------------------------------------------------------------------------


def _translated(prefix: str, texts: dict) -> dict:
    return {f"{prefix}_{code}": texts.get(code) or None for code in language_codes()}


def _dated(prefix: str, record) -> dict:
    return {
        f"{prefix}date": record.date or None,
        f"{prefix}start": record.start_iso,
        f"{prefix}end": record.end_iso,
    }


def _cited(citations: list[dict]) -> str | None:
    # The atlas CSV's own spelling (`source:locator; source`), so a citation reads the same in every export.
    return "; ".join(f"{c['source']}:{c['locator']}" if c["locator"] else c["source"] for c in citations) or None


def _place_features(collection: Collection | None) -> list[dict]:
    features = []
    for place in scope.places(collection).prefetch_related("names").order_by("slug"):
        names = "; ".join(
            " ".join(part for part in (name.name, f"[{name.language}]" if name.language else "", name.date) if part)
            for name in place.names.all()
        )
        properties = {
            "slug": place.slug,
            **_translated("name", place.name),
            "kind": place.kind,
            "names": names or None,
            **_translated("description", place.description),
        }
        features.append(
            feature(place.slug, {"type": "Point", "coordinates": [place.longitude, place.latitude]}, properties)
        )
    return features


def _route_features(collection: Collection | None) -> list[dict]:
    routes = scope.routes(collection).prefetch_related("stops__place", "statuses").order_by("slug")
    citations = citations_by_owner(Route, routes.values("pk"))
    features = []
    for route in routes:
        stops = sorted(route.stops.all(), key=lambda stop: stop.position)
        line = [[stop.place.longitude, stop.place.latitude] for stop in stops]
        common = {
            "slug": route.slug,
            **_translated("name", route.name),
            "mode": route.mode,
            "purpose": route.purpose,
            **_dated("", route),
            "stops": ";".join(stop.place.slug for stop in stops),
            "length_km": route_length_km(stops),
            "citations": _cited(citations.get(route.pk, [])),
        }
        geometry = {"type": "LineString", "coordinates": line} if len(line) >= 2 else None
        # A feature a period of its status, so a time slider shows the road closed in winter and open after.
        statuses = list(route.statuses.all()) or [None]
        for number, status in enumerate(statuses, start=1):
            properties = {
                **common,
                "status": status.status if status else None,
                **(_dated("status_", status) if status else dict.fromkeys(_dated("status_", route))),
                **_translated("status_note", status.note if status else {}),
            }
            feature_id = f"{route.slug}.{number}" if status else route.slug
            features.append(feature(feature_id, geometry, properties))
    return features


def _area_features(collection: Collection | None) -> list[dict]:
    areas = scope.areas(collection).order_by("slug")
    citations = citations_by_owner(Area, areas.values("pk"))
    return [
        feature(
            area.slug,
            area.geometry,
            {
                "slug": area.slug,
                **_translated("name", area.name),
                "kind": area.kind,
                "approximate": area.approximate,
                **_dated("", area),
                **_translated("description", area.description),
                "citations": _cited(citations.get(area.pk, [])),
            },
        )
        for area in areas
    ]


def geography_export(*, layer: str, collection: Collection | None = None) -> bytes:
    """One layer of the atlas's geography (`places`, `routes` or `areas`) as GeoJSON bytes; of a collection,
    what its events use (interchange.scope).

    The same bytes for the export command, the admin's button and the API, so a download and the API agree.
    """
    builders = {"places": _place_features, "routes": _route_features, "areas": _area_features}
    if layer not in builders:
        raise FormatError(f"Unknown layer {layer!r}; the layers are {', '.join(LAYERS)}.")
    return write_geojson(builders[layer](collection))
