"""Reading and loading a corpus: a folder of YAML files whose records refer to each other by slug.

The format is described in docs/corpus-format.md. Loading validates every record with the models' own
validation, resolves every slug, and writes in one transaction: a corpus with any problem writes nothing,
and every problem is reported with its file, section, slug and field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from chronology.models import (
    AidItem,
    AlternativeDating,
    Citation,
    Event,
    EventRelation,
    Person,
    Source,
    Status,
    Theme,
)
from chronology.relative import RelativeDateError
from chronology.services import event_relative_bounds_refresh
from common.versioning import data_version_bump
from geography.models import Area, Place, PlaceName, Route, RouteStatus, RouteStop

SECTION_ORDER = ["sources", "themes", "people", "places", "routes", "areas", "events"]


@dataclass(frozen=True)
class Problem:
    file: str
    section: str
    slug: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.section} '{self.slug}'" if self.slug else self.section
        if self.field:
            where += f", field '{self.field}'"
        return f"{self.file}: {where}: {self.message}"


class CorpusInvalid(Exception):
    """The corpus has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Record:
    file: str
    section: str
    data: dict[str, Any]

    @property
    def slug(self) -> str:
        return str(self.data.get("slug", ""))


@dataclass
class LoadReport:
    dry_run: bool
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

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


# Scalar fields each section may carry, mapped to model attributes; `required` must be present.
_SPECS: dict[str, dict[str, Any]] = {
    "sources": {
        "model": Source,
        "scalars": {"slug", "kind", "label", "author", "year", "title", "archive_ref", "date", "note"},
        "relations": set(),
        "required": {"slug", "kind", "label"},
    },
    "themes": {"model": Theme, "scalars": {"slug", "name"}, "relations": set(), "required": {"slug", "name"}},
    "people": {
        "model": Person,
        "scalars": {"slug", "name", "born", "died", "description"},
        "relations": set(),
        "required": {"slug", "name"},
    },
    "places": {
        "model": Place,
        "scalars": {"slug", "name", "kind", "latitude", "longitude", "description"},
        "relations": {"names"},
        "required": {"slug", "name", "kind", "latitude", "longitude"},
    },
    "routes": {
        "model": Route,
        "scalars": {"slug", "name", "description", "mode", "purpose", "date"},
        "relations": {"stops", "statuses", "citations"},
        "required": {"slug", "name", "mode", "purpose", "stops", "citations"},
    },
    "areas": {
        "model": Area,
        "scalars": {"slug", "name", "description", "kind", "date", "approximate", "geometry"},
        "relations": {"citations"},
        "required": {"slug", "name", "kind", "geometry", "citations"},
    },
    "events": {
        "model": Event,
        "scalars": {
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
        },
        "relations": {
            "themes",
            "places",
            "people",
            "routes",
            "citations",
            "aid",
            "alternatives",
            "after",
            "before",
        },
        "required": {"slug", "title", "summary", "category", "citations"},
    },
}


# Where a corpus's default differs from a model's: corpus events are published unless they say otherwise
# (in the admin a new event starts as a draft).
_CORPUS_DEFAULTS = {"events": {"status": Status.PUBLISHED}}


def read_corpus(path: Path) -> tuple[dict[str, list[Record]], list[Problem]]:
    """Every record of every YAML file under `path` (a folder or one file), by section."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    elif path.is_file():
        files = [path]
    else:
        return {}, [Problem(str(path), "corpus", "", "", "no such file or folder")]
    if not files:
        return {}, [Problem(str(path), "corpus", "", "", "the folder holds no .yaml files")]

    sections: dict[str, list[Record]] = defaultdict(list)
    problems: list[Problem] = []
    for file in files:
        name = file.name
        try:
            content = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problems.append(Problem(name, "file", "", "", f"is not valid YAML{at}: {getattr(error, 'problem', error)}"))
            continue
        if not isinstance(content, dict):
            problems.append(Problem(name, "file", "", "", "must be a mapping of sections (events:, places:, …)"))
            continue
        for section, items in content.items():
            if section not in _SPECS:
                problems.append(
                    Problem(name, str(section), "", "", f"unknown section; use one of {', '.join(SECTION_ORDER)}")
                )
                continue
            if not isinstance(items, list):
                problems.append(Problem(name, section, "", "", "must be a list of records"))
                continue
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    problems.append(Problem(name, section, f"#{index + 1}", "", "a record must be a mapping"))
                    continue
                sections[section].append(Record(name, section, item))

    for section, records in sections.items():
        seen: dict[str, str] = {}
        for record in records:
            if record.slug in seen:
                problems.append(
                    Problem(
                        record.file,
                        section,
                        record.slug,
                        "slug",
                        f"is used twice (also in {seen[record.slug]})",
                    )
                )
            seen.setdefault(record.slug, record.file)
    return sections, problems


def _model_value(value):
    """Values as compared for change detection: model instances by primary key."""
    return value.pk if isinstance(value, models.Model) else value


class _Loader:
    def __init__(self, sections: dict[str, list[Record]], report: LoadReport):
        self.sections = sections
        self.report = report
        self.problems: list[Problem] = []
        self.declared = {name: {r.slug for r in sections.get(name, [])} for name in SECTION_ORDER}
        self.saved: dict[str, dict[str, models.Model]] = defaultdict(dict)
        self.outcomes: dict[tuple[str, str], str] = {}

    def problem(self, record: Record, field_name: str, message: str) -> None:
        self.problems.append(Problem(record.file, record.section, record.slug, field_name, message))

    # -- references -------------------------------------------------------------------------------------
    def resolve(self, record: Record, field_name: str, section: str, slug) -> models.Model | None:
        model = _SPECS[section]["model"]
        if not isinstance(slug, str) or not slug:
            self.problem(
                record,
                field_name,
                f"expected a {section[:-1] if section != 'people' else 'person'} slug, got {slug!r}",
            )
            return None
        if slug in self.saved[section]:
            return self.saved[section][slug]
        if slug in self.declared[section]:
            self.problem(
                record,
                field_name,
                f"refers to {section} '{slug}', which has problems of its own (see its lines)",
            )
            return None
        instance = model.objects.filter(slug=slug).first()
        if instance is None:
            self.problem(
                record,
                field_name,
                f"refers to {section} '{slug}', which is neither in the corpus nor in the database",
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

    # -- records --------------------------------------------------------------------------------------
    def load(self) -> None:
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
        for (section, _slug), outcome in self.outcomes.items():
            getattr(self.report, outcome)[section] += 1

    def load_record(self, record: Record) -> None:
        spec = _SPECS[record.section]
        model = spec["model"]
        unknown = set(record.data) - spec["scalars"] - spec["relations"]
        for name in sorted(unknown):
            allowed = ", ".join(sorted(spec["scalars"] | spec["relations"]))
            self.problem(record, name, f"unknown field; a {record.section} record has {allowed}")
        missing = [name for name in sorted(spec["required"]) if record.data.get(name) in (None, "", [], {})]
        for name in missing:
            self.problem(record, name, "is required")
        placed = any(record.data.get(name) for name in ("date", "date_as_written", "after", "before"))
        if record.section == "events" and not placed:
            self.problem(record, "date", "is required, unless date_as_written gives it or after/before place it")
            return
        if unknown or missing:
            return

        instance = model.objects.filter(slug=record.slug).first()
        created = instance is None
        if created:
            instance = model()
        scalar_names = sorted(spec["scalars"])
        before = {name: _model_value(getattr(instance, name, None)) for name in scalar_names}
        defaults = _CORPUS_DEFAULTS.get(record.section, {})
        for name in scalar_names:
            if name in record.data:
                setattr(instance, name, _clean_scalar(record.data[name], name))
            elif name in defaults:
                setattr(instance, name, defaults[name])
            else:  # a field the file leaves out goes back to its default, so the file is the whole truth
                setattr(instance, name, model._meta.get_field(name).get_default())

        try:
            if hasattr(instance, "refresh_date_bounds"):
                with contextlib.suppress(ValueError):  # full_clean reports the date with its message
                    instance.refresh_date_bounds()
            instance.full_clean(validate_unique=False)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(record, "" if field_name == "__all__" else field_name, message)
            return

        children = self.prepare_children(record)
        if children is None:
            return
        changed = created or before != {n: _model_value(getattr(instance, n, None)) for n in scalar_names}
        if changed:
            instance.save()
        self.saved[record.section][record.slug] = instance
        children_changed = self.write_children(instance, children)

        outcome = "created" if created else "updated" if changed or children_changed else "unchanged"
        self.outcomes[(record.section, record.slug)] = outcome

    # -- children: each is a list of (kind, desired rows); rows compare as plain tuples --------------------
    def prepare_children(self, record: Record) -> dict | None:
        data = record.data
        ok = True
        children: dict[str, Any] = {}
        section = record.section

        if section == "places":
            children["names"] = rows = []
            for index, item in enumerate(data.get("names") or []):
                name_row = self.child_instance(
                    record, f"names[{index}]", PlaceName, item, {"name", "language", "date", "note"}
                )
                ok &= name_row is not None
                rows.append(name_row)
        if section == "routes":
            stops = self.resolve_list(record, "stops", "places")
            if stops is not None and len(stops) < 2:
                self.problem(record, "stops", "a route needs at least two stops")
                stops = None
            children["stops"] = stops
            ok &= stops is not None
            children["statuses"] = rows = []
            for index, item in enumerate(data.get("statuses") or []):
                status_row = self.child_instance(
                    record, f"statuses[{index}]", RouteStatus, item, {"date", "status", "note"}
                )
                ok &= status_row is not None
                rows.append(status_row)
        if section in ("routes", "areas", "events"):
            children["citations"] = rows = []
            for index, item in enumerate(data.get("citations") or []):
                where = f"citations[{index}]"
                citation = self.citation(record, where, item, index)
                ok &= citation is not None
                rows.append(citation)
        if section == "events":
            for name, target in (
                ("themes", "themes"),
                ("places", "places"),
                ("people", "people"),
                ("routes", "routes"),
            ):
                children[name] = self.resolve_list(record, name, target)
                ok &= children[name] is not None
            children["aid"] = rows = []
            for index, item in enumerate(data.get("aid") or []):
                where = f"aid[{index}]"
                allowed = {"kind", "quantity", "unit", "approximate", "route", "source", "locator", "note"}
                if not isinstance(item, dict) or set(item) - allowed:
                    self.problem(record, where, f"an aid line has only {', '.join(sorted(allowed))}")
                    ok = False
                    continue
                values = {k: v for k, v in item.items() if k not in ("route", "source")}
                aid = self.child_instance(
                    record,
                    where,
                    AidItem,
                    values,
                    allowed - {"route", "source"},
                    exclude=["event", "source", "route"],
                )
                source = self.resolve(record, f"{where}.source", "sources", item.get("source"))
                route = self.resolve(record, f"{where}.route", "routes", item["route"]) if item.get("route") else None
                if aid is None or source is None or (item.get("route") and route is None):
                    ok = False
                    continue
                aid.source, aid.route = source, route
                rows.append(aid)
            children["alternatives"] = rows = []
            for index, item in enumerate(data.get("alternatives") or []):
                alternative = self.prepare_alternative(record, f"alternatives[{index}]", item, index)
                ok &= alternative is not None
                rows.append(alternative)
        return children if ok else None

    def citation(self, record: Record, where: str, item, position: int) -> Citation | None:
        """An unsaved Citation from `{source, locator, note}`, or None with the problem reported."""
        # TEMP: evidence keys are accepted and ignored until the corpus package stores them.
        if not isinstance(item, dict) or set(item) - {"source", "locator", "note", "evidence", "locator_estimated"}:
            self.problem(record, where, "a citation is {source: slug, locator: '…'}")
            return None
        source = self.resolve(record, where, "sources", item.get("source"))
        if source is None:
            return None
        return Citation(
            source=source, locator=str(item.get("locator") or ""), note=item.get("note") or {}, position=position
        )

    def prepare_alternative(self, record, where, item, position):
        """An alternative dating as (unsaved AlternativeDating, [unsaved Citation]), or None with problems."""
        allowed = {"date", "place", "note", "citations"}
        if not isinstance(item, dict) or set(item) - allowed:
            self.problem(record, where, f"an alternative has only {', '.join(sorted(allowed))}")
            return None
        place = self.resolve(record, f"{where}.place", "places", item["place"]) if item.get("place") else None
        if item.get("place") and place is None:
            return None
        values = {k: v for k, v in item.items() if k in ("date", "note")}
        alternative = self.child_instance(
            record, where, AlternativeDating, {**values, "place": place}, {"date", "note", "place"}, exclude=["event"]
        )
        if not item.get("citations"):
            self.problem(record, f"{where}.citations", "is required: say who gives this reading")
            return None
        citations = [
            self.citation(record, f"{where}.citations[{index}]", cited, index)
            for index, cited in enumerate(item["citations"])
        ]
        if None in citations:
            return None
        if alternative is None:
            return None
        alternative.position = position
        return alternative, citations

    def child_instance(self, record, where, model, values, allowed, exclude=None):
        if not isinstance(values, dict) or set(values) - allowed:
            self.problem(record, where, f"expected a mapping with {', '.join(sorted(allowed))}")
            return None
        instance = model(**{k: _clean_scalar(v, k) for k, v in values.items()})
        try:
            if hasattr(instance, "refresh_date_bounds"):
                with contextlib.suppress(ValueError):
                    instance.refresh_date_bounds()
            instance.full_clean(
                exclude=exclude or ["place", "route", "event", "source", "area"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(record, where if field_name == "__all__" else f"{where}.{field_name}", message)
            return None
        return instance

    def write_children(self, instance, children: dict) -> bool:
        changed = False
        for name in ("themes", "places", "people", "routes"):
            if name in children:
                manager = getattr(instance, name)
                desired = {item.pk for item in children[name]}
                if set(manager.values_list("pk", flat=True)) != desired:
                    manager.set(desired)
                    changed = True
        owner_field = {Place: "place", Route: "route", Area: "area", Event: "event"}.get(type(instance))
        if owner_field is None:
            return changed
        child_sets = {
            "names": (PlaceName, ["name", "language", "date", "note"]),
            "statuses": (RouteStatus, ["date", "status", "note"]),
            "citations": (Citation, ["source_id", "locator", "note", "position"]),
            "aid": (
                AidItem,
                ["kind", "quantity", "unit", "approximate", "route_id", "source_id", "locator", "note"],
            ),
        }
        for name, (model, compared) in child_sets.items():
            if name not in children:
                continue
            existing = model.objects.filter(**{owner_field: instance}).order_by("pk")
            have = [tuple(_comparable(getattr(row, f)) for f in compared) for row in existing]
            rows = children[name]
            want = [tuple(_comparable(getattr(row, f)) for f in compared) for row in rows]
            if have != want:
                existing.delete()
                for row in rows:
                    setattr(row, owner_field, instance)
                    row.save()
                changed = True
        if "alternatives" in children:
            existing = list(instance.alternatives.order_by("position", "pk").prefetch_related("citations"))

            def shape(alternative, citations):
                cited = [(c.source_id, c.locator, c.note, c.position) for c in citations]
                return (alternative.date, alternative.place_id, alternative.note, alternative.position, cited)

            have = [shape(a, a.citations.all()) for a in existing]
            want = [shape(a, cited) for a, cited in children["alternatives"]]
            if have != want:
                instance.alternatives.all().delete()
                for alternative, citations in children["alternatives"]:
                    alternative.event = instance
                    alternative.save()
                    for citation in citations:
                        citation.alternative = alternative
                        citation.save()
                changed = True
        if "stops" in children:
            have = list(instance.stops.order_by("position").values_list("place_id", flat=True))
            want = [place.pk for place in children["stops"]]
            if have != want:
                instance.stops.all().delete()
                RouteStop.objects.bulk_create(
                    RouteStop(route=instance, place=place, position=index)
                    for index, place in enumerate(children["stops"], start=1)
                )
                changed = True
        return changed


_EDTF_FIELDS = {"date", "born", "died"}


def _clean_scalar(value, name: str = ""):
    # YAML reads an unquoted 1920-11-05 as a date and 1919 as a number; EDTF fields want the text back.
    if name in _EDTF_FIELDS and isinstance(value, dt.date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value.strip() if isinstance(value, str) else value


def _comparable(value):
    from decimal import Decimal

    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return value


def corpus_load(*, path: Path, dry_run: bool = False) -> LoadReport:
    """Validate and load the corpus at `path` in one transaction.

    Raises CorpusInvalid, having written nothing, on any problem.
    """
    sections, problems = read_corpus(path)
    if problems:
        raise CorpusInvalid(problems)
    report = LoadReport(dry_run=dry_run)
    with transaction.atomic():
        loader = _Loader(sections, report)
        loader.load()
        loader.count_outcomes()
        data_version_bump()  # stops and relations are bulk-created, without signals
        if loader.problems:
            raise CorpusInvalid(loader.problems)  # leaving the atomic block by an exception rolls back
        if dry_run:
            transaction.set_rollback(True)
    return report
