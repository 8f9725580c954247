"""One entry point for every format: read or write by name, or recognise the format from the file.

The corpus format is recognised here but read and written by the corpus loader, not this package.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .files import Source, csv_rows, parse_json, read_text
from .plain_csv import is_plain_csv_header, read_plain_csv, write_plain_csv
from .records import FormatError, ReadResult, Timeline
from .slides import language_codes
from .timelinejs import read_timelinejs, write_timelinejs
from .timelinejs_sheet import is_sheet_header, read_timelinejs_sheet, write_timelinejs_sheet

FORMATS = ("corpus", "csv", "timelinejs", "timelinejs-csv")
INTERCHANGE_FORMATS = ("csv", "timelinejs", "timelinejs-csv")
CORPUS_SECTIONS = {"sources", "themes", "people", "places", "routes", "areas", "events"}


def _check_name(name: str) -> None:
    if name == "corpus":
        raise FormatError("The corpus format is read and written by the corpus loader (load_corpus), not here.")
    if name not in INTERCHANGE_FORMATS:
        raise FormatError(f"Unknown format {name!r}; the formats are {', '.join(FORMATS)}.")


def read_events(
    source: Source, *, format: str | None = None, language: str | None = None, limit: int | None = None
) -> ReadResult:
    """Read a file in `format` (recognised from the content when None).

    `language` is the language a TimelineJS file is written in (the first of settings.LANGUAGES when
    None); the atlas CSV names its languages in its columns.
    """
    name = format or recognise_format(source, limit=limit)
    _check_name(name)
    language = language or language_codes()[0]
    if name == "csv":
        return read_plain_csv(source, limit=limit)
    if name == "timelinejs":
        return read_timelinejs(source, language=language, limit=limit)
    return read_timelinejs_sheet(source, language=language, limit=limit)


def write_events(timeline: Timeline, *, format: str, language: str | None = None) -> str:
    """The timeline as text in `format`; TimelineJS formats hold one language (`language`, others filling gaps)."""
    _check_name(format)
    language = language or language_codes()[0]
    if format == "csv":
        return write_plain_csv(timeline)
    if format == "timelinejs":
        return write_timelinejs(timeline, language=language)
    return write_timelinejs_sheet(timeline, language=language)


def recognise_format(source: Source, *, limit: int | None = None) -> str:
    """ "timelinejs", "timelinejs-csv", "csv" or "corpus", from the file's content; else a FormatError."""
    if not isinstance(source, bytes) and Path(source).is_dir():
        return "corpus"  # a corpus is a folder of YAML files
    text = read_text(source, limit=limit).strip()
    if not text:
        raise FormatError("The file is empty.")
    if text.startswith(("{", "[")):
        return _json_format(parse_json(text))
    header = csv_rows(text.split("\n", 1)[0])
    if header and is_sheet_header(header[0]):
        return "timelinejs-csv"
    if header and is_plain_csv_header(header[0]):
        return "csv"
    return _yaml_format(text, header[0] if header else [])


def _json_format(data: object) -> str:
    if not isinstance(data, dict):
        raise FormatError(f"The JSON holds a {type(data).__name__}, not an object with `events`; not a timeline.")
    events = data.get("events")
    corpus_like = any(
        isinstance(e, dict) and "slug" in e and "start_date" not in e
        for e in (events if isinstance(events, list) else ())
    )
    if isinstance(events, list) and not corpus_like:
        return "timelinejs"
    if CORPUS_SECTIONS & data.keys():
        return "corpus"
    raise FormatError(
        "The JSON object has no `events` list (keys found: "
        f"{', '.join(sorted(map(str, data))) or 'none'}); a TimelineJS file has `events`, a corpus has sections "
        f"such as {', '.join(sorted(CORPUS_SECTIONS))}."
    )


def _yaml_format(text: str, header: list[str]) -> str:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and CORPUS_SECTIONS & data.keys():
        return "corpus"
    shown = ", ".join(header[:8]) if header else "nothing readable"
    raise FormatError(
        f"Cannot tell what this file is (its first line has: {shown}). Expected TimelineJS JSON (with `events`), "
        "the TimelineJS sheet template (Year, Month, Day, …, Headline, Text, …), the atlas CSV (slug, date, "
        "title_…) or a corpus (YAML with sections such as events and places). Give --format if it is one of these."
    )
