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
from .language import detect_language
from .plaintext import html_to_text
from .records import EraRecord, EventRecord, FormatError, Problem, Timeline, TitleSlide
from .slides import language_codes

# Formats of one timeline in one language that TimelineJS shows whole: a slide the atlas cannot take is
# reported and left out, and the rest imports (the atlas CSV, the curator's own, stays all or nothing).
TIMELINEJS_FORMATS = ("timelinejs", "timelinejs-csv")


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
    warnings: tuple[Problem, ...] = ()  # what the reader changed or left out of rows that still import
    language: str = ""  # the language a TimelineJS file's text lands in
    detected_language: str = ""  # what lingua told from the text ("" when it could not tell)
    # A TimelineJS file's title slide and eras: the collection it is imported into takes them.
    title: TitleSlide | None = None
    eras: tuple[EraRecord, ...] = ()

    @property
    def partial(self) -> bool:
        """Rows that cannot be imported are reported and left out, instead of refusing the file."""
        return self.format in TIMELINEJS_FORMATS


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
    if language and language not in language_codes():
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
    result = read_events(data, format=format, language=language or default_language())
    detected = ""
    if format in TIMELINEJS_FORMATS:
        detected = detect_language(_texts(result.timeline)) or ""
        if not language and detected and detected != default_language():
            result = read_events(data, format=format, language=detected)
    chosen = language or detected or default_language()
    return ImportPlan(
        format=format,
        records=result.timeline.events,
        problems=result.problems,
        given_slugs=_given_slugs(format, data),
        default_category=default_category,
        name=name,
        notes=((_language_note(chosen, detected, given=bool(language)),) if format in TIMELINEJS_FORMATS else ()),
        warnings=result.warnings,
        language=chosen,
        detected_language=detected,
        title=result.timeline.title,
        eras=result.timeline.eras,
    )


def _texts(timeline: Timeline):
    """Every text of the timeline, headlines and slides alike, as plain text for detection."""
    records = [*timeline.events, *timeline.eras, *([timeline.title] if timeline.title else [])]
    for record in records:
        yield from record.title.values()
        yield from (html_to_text(text) for text in record.summary.values())


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def _language_note(chosen: str, detected: str, *, given: bool) -> str:
    if given and detected and detected != chosen:
        return (
            f"Language: {language_name(chosen)}, as chosen; the text reads as {language_name(detected)}. "
            f"Its titles and texts go into the {language_name(chosen)} fields."
        )
    if given:
        return f"Language: {language_name(chosen)}, as chosen; titles and texts go into its fields."
    if detected:
        return (
            f"Language: {language_name(chosen)}, detected from the text; titles and texts go into its fields "
            "(choose another language to override)."
        )
    return (
        f"Language: {language_name(chosen)}, the first configured: the text is too short to tell "
        "(choose the language if it is another)."
    )


def _era_label(era) -> str:
    title = next((text for text in era.title.values() if text), "")
    # The sheet names an era by its spreadsheet row, the JSON by "era N".
    row = era.source_row if isinstance(era.source_row, str) else f"row {era.source_row}"
    return f"{row} ({f'“{title[:60]}”, ' if title else ''}{era.date_edtf})"


def unkept_notes(plan: ImportPlan) -> tuple[str, ...]:
    """What an import without a collection leaves out of a TimelineJS file: its title slide and eras belong
    to a collection (its introduction, its bands), and the seed collection's are the corpus's own."""
    notes = []
    if plan.title:
        headline = next((text for text in plan.title.title.values() if text), "")
        notes.append(
            f"Title slide{f' (“{headline[:60]}”)' if headline else ''}: not imported without a collection; import "
            "into one (--collection SLUG) to keep it as the collection's introduction."
        )
    for era in plan.eras:
        notes.append(f"{_era_label(era)}: not imported without a collection; import into one to draw it.")
    return tuple(notes)
