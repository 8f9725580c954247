"""One entry point for every format: read or write by name, or recognise the format from the file.

The corpus format is recognised here but read and written by the corpus loader, not this package.
"""

from __future__ import annotations

from .files import FORMATS, Source, recognise_format
from .plain_csv import read_plain_csv, write_plain_csv
from .records import FormatError, ReadResult, Timeline
from .slides import language_codes
from .timelinejs import read_timelinejs, write_timelinejs
from .timelinejs_sheet import read_timelinejs_sheet, write_timelinejs_sheet

INTERCHANGE_FORMATS = ("csv", "timelinejs", "timelinejs-csv")


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
