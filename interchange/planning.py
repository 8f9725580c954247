"""Reading an import file into a plan: what it holds, before anything is compared with the database.

A plan is what the dry run and the apply step share: the admin keeps the uploaded file between them and
builds the same plan twice, so what the curator confirmed is what is applied.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from chronology.models import Category

from .files import decode, read_bytes
from .formats import read_events, recognise_format
from .records import EventRecord, FormatError, Problem
from .slides import language_codes


@dataclass(frozen=True)
class ImportPlan:
    format: str
    records: tuple[EventRecord, ...] = ()
    problems: tuple[Problem, ...] = ()  # what the reader found wrong, row by row
    given_slugs: frozenset[str] = frozenset()  # slugs the file names; others were made from titles
    default_category: str = ""  # for rows whose format has no category (TimelineJS)
    corpus: bytes | Path | None = None  # a corpus file's bytes or a corpus folder, loaded by the corpus loader
    name: str = ""  # the file's name, for messages
    notes: tuple[str, ...] = field(default_factory=tuple)


def default_language() -> str:
    return settings.LANGUAGES[0][0]


def _given_slugs(format: str, data: bytes) -> frozenset[str]:
    text = decode(data)
    if format == "timelinejs":
        events = json.loads(text).get("events") or []
        return frozenset(str(e.get("unique_id") or "").strip() for e in events if isinstance(e, dict)) - {""}
    if format == "csv":
        rows = csv.DictReader(io.StringIO(text, newline=""))
        return frozenset((row.get("slug") or "").strip() for row in rows) - {""}
    return frozenset()  # the sheet template has no id column


def import_plan(
    *, source: Path | bytes, format: str | None = None, language: str | None = None, default_category: str = ""
) -> ImportPlan:
    """Read `source` (a path or the uploaded bytes) in `format`, recognised from the content when None.

    Raises FormatError, naming what to fix, when the file is not what it says (or too large, or not UTF-8).
    """
    language = language or default_language()
    if language not in language_codes():
        raise FormatError(f"Unknown language {language!r}; use one of {', '.join(language_codes())}.")
    if default_category and not Category.objects.filter(slug=default_category).exists():
        codes = ", ".join(Category.objects.values_list("slug", flat=True))
        raise FormatError(f"Unknown category {default_category!r}; use one of {codes}, or add it in the admin.")
    name = source.name if isinstance(source, Path) else "the uploaded file"
    format = format or recognise_format(source)
    if format == "corpus":
        corpus = source if isinstance(source, Path) and source.is_dir() else read_bytes(source)
        return ImportPlan(format="corpus", corpus=corpus, name=name)
    data = read_bytes(source)
    result = read_events(data, format=format, language=language)
    return ImportPlan(
        format=format,
        records=result.timeline.events,
        problems=result.problems,
        given_slugs=_given_slugs(format, data),
        default_category=default_category,
        name=name,
        notes=_unkept_notes(result.timeline),
    )


def _unkept_notes(timeline) -> tuple[str, ...]:
    notes = []
    if timeline.title:
        notes.append("The title slide is not an event and is not imported.")
    if timeline.eras:
        notes.append(f"{len(timeline.eras)} era(s) are not events and are not imported.")
    return tuple(notes)
