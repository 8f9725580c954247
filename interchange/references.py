"""The atlas's sources for reference managers: export as CSL-JSON or BibTeX, and import from them.

An import reads every item first (`csl.read_csl`, `bibtex.read_bibtex`), then in one transaction matches
each to a source the atlas has — by its key (the slug the atlas exported it under), else by the same
author, title and year however they are spelled — or creates it. Any refused item, or a dry run, rolls
everything back, so a file is imported whole or not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from slugify import slugify

from sources.models import Source

from . import scope
from .bibtex import read_bibtex, write_bibtex
from .csl import read_csl, write_csl
from .files import Source as FileSource
from .files import read_text
from .records import FormatError
from .works import ARCHIVE, Name, Work, archive_parts, archive_ref, names_from_text

CSL_JSON, BIBTEX = "csl-json", "bibtex"
REFERENCE_FORMATS = (CSL_JSON, BIBTEX)
NEW, MATCHED, REFUSED = "new", "matched", "refused"


@dataclass
class ItemOutcome:
    where: str
    title: str
    action: str
    slug: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass
class SourcesImportReport:
    format: str
    dry_run: bool
    applied: bool = False
    items: list[ItemOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def refused(self) -> list[ItemOutcome]:
        return [item for item in self.items if item.action == REFUSED]

    def verdict(self) -> str:
        counts = f"{self.count(NEW)} new, {self.count(MATCHED)} matched, {self.count(REFUSED)} refused"
        if self.applied:
            return f"Imported: {counts}."
        if self.refused and not self.dry_run:
            return f"Nothing was imported: {counts}. Fix the refused items in the file and import again."
        return f"Dry run, nothing saved: {counts}."

    def lines(self) -> list[str]:
        lines = list(self.notes)
        for item in self.items:
            target = f" → {item.slug}" if item.slug else ""
            lines.append(f"{item.where} “{item.title}”: {item.action}{target}")
            lines += [f"    {reason}" for reason in item.reasons]
        return [*lines, self.verdict()]


class SourcesImportRejected(Exception):
    """Items were refused, so nothing was imported; `report` says which and why."""

    def __init__(self, report: SourcesImportReport):
        self.report = report
        super().__init__(report.verdict())


def sources_export(*, format: str, collection=None) -> bytes:
    """Every source of the atlas (of a collection: those its events cite) as CSL-JSON or BibTeX bytes (the
    same for the command and the API)."""
    works = [source_work(source) for source in scope.sources(collection).order_by("slug")]
    if format == CSL_JSON:
        return write_csl(works)
    if format == BIBTEX:
        return write_bibtex(works)
    raise FormatError(f"Unknown format {format!r}; the reference formats are {', '.join(REFERENCE_FORMATS)}.")


def source_work(source: Source) -> Work:
    archive, location = archive_parts(source.archive_ref)
    return Work(
        where=source.slug,
        key=source.slug,
        kind=source.kind,
        label=source.label,
        # An archive document's author is the office that wrote it ("T.C. Dışişleri Bakanlığı …"): no
        # given and family names to split, so it goes out as written.
        names=[Name(literal=source.author)]
        if source.kind == ARCHIVE and source.author
        else names_from_text(source.author),
        # A reference manager lists an untitled item as nothing at all; the label stands in, and an import
        # that finds the title equal to the label leaves the title empty again.
        title=source.title or source.label,
        year=source.year,
        date=source.date,
        archive=archive,
        archive_location=location,
        note={code: text for code, text in (source.note or {}).items() if text},
    )


def references_read(*, source: FileSource, format: str | None = None) -> tuple[str, list[Work]]:
    """(format, works) of a CSL-JSON or BibTeX file; FormatError saying what to fix when it is neither."""
    text = read_text(source)
    if format is None:
        format = CSL_JSON if text.lstrip()[:1] in ("[", "{") else BIBTEX
    if format == CSL_JSON:
        return format, read_csl(text)
    if format == BIBTEX:
        return format, read_bibtex(text)
    raise FormatError(f"Unknown format {format!r}; the reference formats are {', '.join(REFERENCE_FORMATS)}.")


def sources_import(*, source: FileSource, format: str | None = None, dry_run: bool = False) -> SourcesImportReport:
    """Import the works of a CSL-JSON or BibTeX file as sources, matched rather than duplicated.

    Raises FormatError when the file is not one, SourcesImportRejected (after rolling back) when an item
    is refused; a dry run reports the same and saves nothing.
    """
    format, works = references_read(source=source, format=format)
    report = SourcesImportReport(format=format, dry_run=dry_run)
    kept_out = sorted({name for work in works for name in work.identifiers})
    if kept_out:
        report.notes.append(
            f"Not kept: {', '.join(kept_out)} (the atlas's sources have no field for them; items are matched "
            "by key, else by author, title and year)."
        )
    # Each source created gets a version in its history, as the corpus loader's do, undoable in the admin.
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(f"Imported from a {format} file")
        index = _Index()
        for work in works:
            report.items.append(_import_one(work, index))
        if report.refused or dry_run:
            transaction.set_rollback(True)
    if report.refused and not dry_run:
        raise SourcesImportRejected(report)
    report.applied = not dry_run
    return report


def _normalised(author: str, title: str, year: int | None) -> tuple:
    """The same work however it is spelled: accents, case, punctuation, "Last, First" or "First Last"."""
    return (tuple(slugify(name.written) for name in names_from_text(author)), slugify(title), year)


def _year_of(source: Source) -> int | None:
    return source.year or (int(source.date[:4]) if source.date[:4].isdigit() else None)


class _Index:
    """The atlas's sources by normalised author, title and year, kept up to date as the import creates them."""

    def __init__(self):
        self.by_work: dict[tuple, list[Source]] = {}
        for source in Source.objects.exclude(title=""):
            self.add(source)

    def add(self, source: Source) -> None:
        if source.title:
            self.by_work.setdefault(_normalised(source.author, source.title, _year_of(source)), []).append(source)

    def find(self, work: Work) -> list[Source]:
        return self.by_work.get(_normalised(work.author, work.title, work.year), [])


def _import_one(work: Work, index: _Index) -> ItemOutcome:
    outcome = ItemOutcome(where=work.where, title=work.title or work.key, action=REFUSED, reasons=list(work.problems))
    if work.problems:
        return outcome
    title = "" if work.label and work.title == work.label else work.title
    same_key = Source.objects.filter(slug=work.key).first() if work.key else None
    if same_key is not None:
        if title and same_key.title and slugify(title) != slugify(same_key.title):
            outcome.reasons.append(
                f"Its key {work.key!r} is the atlas's source “{same_key.label}”, whose title is "
                f"“{same_key.title}”: change the key or the title so they name one work."
            )
            return outcome
        outcome.action, outcome.slug = MATCHED, same_key.slug
        outcome.reasons.append("the same key")
        return outcome
    found = index.find(work)
    if len(found) > 1:
        slugs = ", ".join(sorted(source.slug for source in found))
        outcome.reasons.append(f"It could be any of the atlas's sources {slugs}; give it the key of the one it is.")
        return outcome
    if found:
        outcome.action, outcome.slug = MATCHED, found[0].slug
        outcome.reasons.append("the same author, title and year")
        return outcome
    source = Source(
        slug=_new_slug(work),
        kind=work.kind,
        label=work.label or _label(work),
        author=work.author,
        title=title,
        year=work.year,
        date=work.date,
        archive_ref=archive_ref(work.archive, work.archive_location),
        note=work.note,
    )
    try:
        source.full_clean()
    except ValidationError as error:
        outcome.reasons += [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
        return outcome
    source.save()
    index.add(source)
    outcome.action, outcome.slug = NEW, source.slug
    return outcome


def _label(work: Work) -> str:
    """How the atlas cites a work it had not met: "Bayur, 1991", "Bolat ve Güneş, 2022", "Ada vd., 2008".

    In Turkish, as the corpus's labels are written (its article cites that way).
    """
    families = [" ".join(part for part in (name.particle, name.family) if part) or name.literal for name in work.names]
    who = f"{families[0]} vd." if len(families) > 2 else " ve ".join(families) or work.title[:80]
    return f"{who}, {work.year}" if work.year else who


def _new_slug(work: Work) -> str:
    # A BibTeX key makes a slug; a CSL id that is an address (Zotero writes its item URIs) does not.
    key = "" if re.search(r"[/:]", work.key) else work.key
    base = slugify(key, max_length=70) or slugify(_label(work), max_length=70) or "source"
    candidate, number = base, 2
    while Source.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate
