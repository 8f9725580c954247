"""Loading records into the database: validated by the models, slugs resolved, written in one transaction.

Every write here renews the data epoch through the database's own triggers (common/epoch.py).
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction

from chronology.corpus.reading import HEADER, CorpusInvalid, Problem, Record, clean_scalar, read_corpus
from chronology.corpus.spec import SECTION_ORDER, SECTIONS, Child
from chronology.models import Collection, EventRelation
from chronology.relative import RelativeDateError
from chronology.services import event_relative_bounds_refresh
from common.dates import InvalidDate, parse_date
from geography.models import RouteStop

# What a corpus's collection header may say.
COLLECTION_KEYS = {"slug", "title", "introduction", "languages", "extent"}


@dataclass
class LoadReport:
    dry_run: bool
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    # (section, slug, "created" | "updated" | "unchanged") for each record, in the order they were loaded
    records: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        return [
            f"{section}: {self.created[section]} created, {self.updated[section]} updated, "
            f"{self.unchanged[section]} unchanged"
            for section in SECTION_ORDER
            if self.created[section] or self.updated[section] or self.unchanged[section]
        ]


@dataclass
class Prepared:
    """An unsaved child record with its own unsaved children (an alternative's citations)."""

    instance: models.Model
    children: dict[str, list[Prepared]]


def _comparable(value):
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return value.pk if isinstance(value, models.Model) else value


def _shape_prepared(spec: Child, item: Prepared) -> tuple:
    own = tuple(_comparable(getattr(item.instance, name)) for name in spec.compared)
    nested = tuple(
        tuple(_shape_prepared(child, sub) for sub in item.children[name]) for name, child in spec.children.items()
    )
    return own, nested


def _shape_saved(spec: Child, row: models.Model) -> tuple:
    own = tuple(_comparable(getattr(row, name)) for name in spec.compared)
    nested = tuple(
        tuple(_shape_saved(child, sub) for sub in getattr(row, name).order_by("pk"))
        for name, child in spec.children.items()
    )
    return own, nested


def _add(owner: models.Model, name: str, items: list[Prepared]) -> None:
    """Save `items` as `owner`'s `name` (through its related manager, which sets the owner)."""
    for item in items:
        getattr(owner, name).add(item.instance, bulk=False)
        for child_name, children in item.children.items():
            _add(item.instance, child_name, children)


def _full_clean(instance: models.Model, *, exclude: list[str]) -> None:
    if hasattr(instance, "refresh_date_bounds"):
        with contextlib.suppress(ValueError):  # full_clean reports the date with its message
            instance.refresh_date_bounds()
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


class _Loader:
    def __init__(self, sections: dict[str, list[Record]], report: LoadReport):
        self.sections = sections
        self.report = report
        self.problems: list[Problem] = []
        self.declared = {name: {r.slug for r in sections.get(name, [])} for name in SECTION_ORDER}
        self.collection = None  # from the corpus's collection header; without one, the seed collection
        self.saved: dict[str, dict[str, models.Model]] = defaultdict(dict)
        self.outcomes: dict[tuple[str, str], str] = {}

    def problem(self, record: Record, field_name: str, message: str) -> None:
        self.problems.append(Problem(record.file, record.section, record.slug, field_name, message))

    def report_errors(self, record: Record, where: str, error: ValidationError) -> None:
        for field_name, messages in error.message_dict.items():
            at = where if field_name == "__all__" else f"{where}.{field_name}" if where else field_name
            for message in messages:
                self.problem(record, at, message)

    # -- references -------------------------------------------------------------------------------------
    def resolve(self, record: Record, field_name: str, section: str, slug) -> models.Model | None:
        if not isinstance(slug, str) or not slug:
            what = "person" if section == "people" else section[:-1]
            article = "an" if what[0] in "aeiou" else "a"
            self.problem(record, field_name, f"expected {article} {what} slug, got {slug!r}")
            return None
        if slug in self.saved[section]:
            return self.saved[section][slug]
        if slug in self.declared[section]:
            self.problem(
                record, field_name, f"refers to {section} '{slug}', which has problems of its own (see its lines)"
            )
            return None
        instance = SECTIONS[section].model.objects.filter(slug=slug).first()
        if instance is None:
            self.problem(
                record, field_name, f"refers to {section} '{slug}', which is neither in the corpus nor in the database"
            )
            return None
        self.saved[section][slug] = instance
        return instance

    def resolve_list(self, record: Record, field_name: str, section: str) -> list[models.Model] | None:
        slugs = record.data.get(field_name) or []
        if not isinstance(slugs, list):
            self.problem(record, field_name, f"must be a list of {section} slugs")
            return None
        resolved = [self.resolve(record, field_name, section, slug) for slug in slugs]
        return None if any(item is None for item in resolved) else resolved

    def resolve_roled_list(
        self, record: Record, field_name: str, section: str, item_key: str
    ) -> list[tuple[models.Model, str]] | None:
        """A list whose items are slugs or {item_key: slug, role: …}: [(record, role)], or None on a problem."""
        items = record.data.get(field_name) or []
        if not isinstance(items, list):
            self.problem(record, field_name, f"must be a list of {section} slugs or {{{item_key}: slug, role: …}}")
            return None
        role_field = getattr(SECTIONS[record.section].model, field_name).through._meta.get_field("role")
        roles = [value for value, _label in role_field.choices]
        resolved = []
        for index, item in enumerate(items):
            where = f"{field_name}[{index}]"
            slug, role = item, role_field.default
            if isinstance(item, dict):
                if set(item) - {item_key, "role"}:
                    self.problem(record, where, f"has only {item_key} and role")
                    resolved.append(None)
                    continue
                slug, role = item.get(item_key), item.get("role", role_field.default)
                if role not in roles:
                    self.problem(record, f"{where}.role", f"is {role!r}; use one of {', '.join(roles)}")
                    resolved.append(None)
                    continue
            if slug in [other.get(item_key) if isinstance(other, dict) else other for other in items[:index]]:
                self.problem(
                    record, where, f"lists {item_key} {slug!r} again; give each {item_key} once, with its role"
                )
                resolved.append(None)
                continue
            target = self.resolve(record, where, section, slug)
            resolved.append(None if target is None else (target, role))
        return None if any(item is None for item in resolved) else resolved

    def resolve_stops(self, record: Record) -> list[tuple[models.Model, str]] | None:
        """A route's stops, in order: place slugs or {place: slug, date: EDTF}: [(place, date)], or None."""
        items = record.data.get("stops") or []
        if not isinstance(items, list):
            self.problem(record, "stops", "must be a list of place slugs or {place: slug, date: EDTF}")
            return None
        resolved = []
        for index, item in enumerate(items):
            where = f"stops[{index}]"
            slug, date = item, ""
            if isinstance(item, dict):
                if set(item) - {"place", "date"} or "place" not in item:
                    self.problem(record, where, "has a place and, optionally, a date (EDTF)")
                    resolved.append(None)
                    continue
                slug, date = item["place"], str(item.get("date") or "").strip()
                try:
                    if date:
                        parse_date(date)
                except InvalidDate as error:
                    self.problem(record, f"{where}.date", f"{error} (e.g. 1920-11-05, 1921-03~)")
                    resolved.append(None)
                    continue
            target = self.resolve(record, "stops", "places", slug)
            resolved.append(None if target is None else (target, date))
        return None if any(item is None for item in resolved) else resolved

    # -- records --------------------------------------------------------------------------------------
    def load_collection(self) -> None:
        headers = self.sections.get(HEADER, [])
        if len({record.slug for record in headers}) > 1:
            for record in headers[1:]:
                self.problem(record, "slug", "a corpus belongs to one collection; another file names a different one")
            return
        if not headers:
            return
        record = headers[0]
        unknown = set(record.data) - COLLECTION_KEYS
        for name in sorted(unknown):
            self.problem(record, name, f"unknown field; use {', '.join(sorted(COLLECTION_KEYS))}")
        collection = Collection.objects.filter(slug=record.slug).first() or Collection(slug=record.slug)
        for name in COLLECTION_KEYS - {"slug"}:
            if name in record.data:
                setattr(collection, name, record.data[name])
        try:
            _full_clean(collection, exclude=["curators"])
        except ValidationError as error:
            self.report_errors(record, "", error)
            return
        collection.save()
        self.collection = collection

    def load(self) -> None:
        self.load_collection()
        for section in SECTION_ORDER:
            for record in self.sections.get(section, []):
                self.load_record(record)
        # Relations point at events anywhere in the corpus, so they are written once every event is.
        for record in self.sections.get("events", []):
            if record.slug in self.saved["events"]:
                self.load_relations(record)
        if not self.problems:
            try:
                event_relative_bounds_refresh()
            except RelativeDateError as error:
                self.problems.append(Problem("(corpus)", "events", "", "after/before", str(error)))

    def load_relations(self, record: Record) -> None:
        event = self.saved["events"][record.slug]
        wanted = []
        for kind in ("after", "before"):
            others = self.resolve_list(record, kind, "events")
            if others is None:
                return
            wanted += [(kind, other.pk) for other in others]
        have = sorted(event.relations.values_list("kind", "other_id"))
        if have != sorted(wanted):
            event.relations.all().delete()
            EventRelation.objects.bulk_create(EventRelation(event=event, kind=k, other_id=o) for k, o in wanted)
            if self.outcomes[("events", record.slug)] == "unchanged":
                self.outcomes[("events", record.slug)] = "updated"

    def count_outcomes(self) -> None:
        for (section, slug), outcome in self.outcomes.items():
            getattr(self.report, outcome)[section] += 1
            self.report.records.append((section, slug, outcome))

    def load_record(self, record: Record) -> None:
        spec = SECTIONS[record.section]
        model = spec.model
        unknown = set(record.data) - spec.keys
        for name in sorted(unknown):
            self.problem(record, name, f"unknown field; a {record.section} record has {', '.join(sorted(spec.keys))}")
        missing = [name for name in sorted(spec.required) if record.data.get(name) in (None, "", [], {})]
        for name in missing:
            self.problem(record, name, "is required")
        placed = any(record.data.get(name) for name in ("date", "date_as_written", "after", "before"))
        if spec.relations and not placed:
            self.problem(record, "date", "is required, unless date_as_written gives it or after/before place it")
            return
        if unknown or missing:
            return

        instance = model.objects.filter(slug=record.slug).first()
        created = instance is None
        if created:
            instance = model()
        # A scalar that is a foreign key by slug (an event's category) is written and compared as that slug.
        attnames = {name: model._meta.get_field(name).attname for name in spec.scalars}
        before = {name: _comparable(getattr(instance, attnames[name], None)) for name in spec.scalars}
        for name, attname in attnames.items():
            if name in record.data:
                setattr(instance, attname, clean_scalar(record.data[name], name))
            elif name in spec.defaults:
                setattr(instance, attname, spec.defaults[name])
            else:  # a field the file leaves out goes back to its default, so the file is the whole truth
                setattr(instance, attname, model._meta.get_field(name).get_default())
        moved = False
        if self.collection is not None and hasattr(instance, "collection_id"):
            moved = instance.collection_id != self.collection.pk
            instance.collection = self.collection
        try:
            _full_clean(instance, exclude=[])
        except ValidationError as error:
            self.report_errors(record, "", error)
            return

        related = self.prepare_related(record)
        if related is None:
            return
        changed = (
            created
            or moved
            or before != {name: _comparable(getattr(instance, attnames[name], None)) for name in spec.scalars}
        )
        if changed:
            instance.save()
        self.saved[record.section][record.slug] = instance
        related_changed = self.write_related(instance, related)
        outcome = "created" if created else "updated" if changed or related_changed else "unchanged"
        self.outcomes[(record.section, record.slug)] = outcome

    # -- what hangs off a record: slug lists, stops and children ----------------------------------------
    def prepare_related(self, record: Record) -> dict | None:
        spec = SECTIONS[record.section]
        related: dict = {}
        ok = True
        for name, section in spec.slug_lists.items():
            if name in spec.with_roles:
                related[name] = self.resolve_roled_list(record, name, section, spec.with_roles[name])
            else:
                related[name] = self.resolve_list(record, name, section)
            ok &= related[name] is not None
        if spec.stops:
            stops = self.resolve_stops(record)
            if stops is not None and len(stops) < 2:
                self.problem(record, "stops", "a route needs at least two stops")
                stops = None
            related["stops"] = stops
            ok &= stops is not None
        for name, child in spec.children.items():
            related[name] = self.prepare_children(record, name, child, record.data.get(name))
            ok &= related[name] is not None
        return related if ok else None

    def prepare_children(self, record: Record, where: str, spec: Child, items) -> list[Prepared] | None:
        if items is None:
            return []
        if not isinstance(items, list):
            self.problem(record, where, f"must be a list; each item is {spec.what}")
            return None
        prepared = [
            self.prepare_child(record, f"{where}[{index}]", spec, item, index) for index, item in enumerate(items)
        ]
        return None if None in prepared else prepared

    def prepare_child(self, record: Record, where: str, spec: Child, item, position: int) -> Prepared | None:
        if not isinstance(item, dict) or set(item) - spec.keys:
            self.problem(record, where, f"{spec.what} has only {', '.join(sorted(spec.keys))}")
            return None
        ok = True
        values = {name: clean_scalar(value, name) for name, value in item.items() if name in spec.fields}
        for name in sorted(spec.required & set(spec.fields)):
            if item.get(name) in (None, ""):
                self.problem(record, f"{where}.{name}", f"is required: {spec.what} says its {name}")
                ok = False
        for name, section in spec.references.items():
            if name in spec.required or item.get(name) is not None:
                values[name] = self.resolve(record, f"{where}.{name}", section, item.get(name))
                ok &= values[name] is not None
        children = {}
        for name, child in spec.children.items():
            if name in spec.required and not item.get(name):
                self.problem(record, f"{where}.{name}", f"is required: {spec.what} needs its {name}")
                ok = False
                continue
            children[name] = self.prepare_children(record, f"{where}.{name}", child, item.get(name))
            ok &= children[name] is not None
        if not ok:
            return None
        if spec.positioned:
            values["position"] = position
        instance = spec.model(**values)
        # Owners and references are set by the loader, not typed in; the rest is the model's own validation.
        exclude = [f.name for f in spec.model._meta.concrete_fields if f.is_relation] + ["object_id"]
        try:
            _full_clean(instance, exclude=exclude)
        except ValidationError as error:
            self.report_errors(record, where, error)
            return None
        return Prepared(instance, children)

    def write_related(self, instance: models.Model, related: dict) -> bool:
        spec = SECTIONS[_section_of(instance)]
        changed = False
        for name in spec.slug_lists:
            manager = getattr(instance, name)
            if name in spec.with_roles:
                changed |= _write_roles(instance, name, related[name])
                continue
            desired = {item.pk for item in related[name]}
            if set(manager.values_list("pk", flat=True)) != desired:
                manager.set(desired)
                changed = True
        if spec.stops:
            have = list(instance.stops.order_by("position").values_list("place_id", "date"))
            if have != [(place.pk, date) for place, date in related["stops"]]:
                instance.stops.all().delete()
                for index, (place, date) in enumerate(related["stops"], start=1):
                    # One by one: save() derives the date's bounds, which bulk_create would skip.
                    RouteStop(route=instance, place=place, position=index, date=date).save()
                changed = True
        for name, child in spec.children.items():
            manager = getattr(instance, name)
            have = [_shape_saved(child, row) for row in manager.order_by("pk")]
            if have != [_shape_prepared(child, item) for item in related[name]]:
                manager.all().delete()
                _add(instance, name, related[name])
                changed = True
        return changed


def _write_roles(instance: models.Model, name: str, wanted: list[tuple[models.Model, str]]) -> bool:
    """Make the through rows of `instance.<name>` exactly `wanted` (target, role); True if anything changed."""
    field = instance._meta.get_field(name)
    through = field.remote_field.through
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.objects.filter(**{owner: instance})
    have = set(rows.values_list(f"{target}_id", "role"))
    desired = {(item.pk, role) for item, role in wanted}
    if have == desired:
        return False
    rows.delete()
    through.objects.bulk_create(through(**{owner: instance, target: item, "role": role}) for item, role in wanted)
    return True


def _section_of(instance: models.Model) -> str:
    return next(name for name, spec in SECTIONS.items() if isinstance(instance, spec.model))


def corpus_load(*, path: Path, dry_run: bool = False) -> LoadReport:
    """Validate and load the corpus at `path` in one transaction.

    Raises CorpusInvalid, having written nothing, on any problem.
    """
    sections, problems = read_corpus(path)
    if problems:
        raise CorpusInvalid(problems)
    report = LoadReport(dry_run=dry_run)
    # Each record the load creates or changes gets a version in its history, undoable in the admin.
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(f"Loaded from the corpus {path.name}")
        loader = _Loader(sections, report)
        loader.load()
        loader.count_outcomes()
        if loader.problems:
            raise CorpusInvalid(loader.problems)  # leaving the atomic block by an exception rolls back
        if dry_run:
            transaction.set_rollback(True)
    return report
