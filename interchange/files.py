"""Getting a file's text safely, and telling which format it is.

Size is checked before anything is parsed, so a 50 MB file of junk costs a `stat`, not memory. Text
must be UTF-8 (with or without a byte-order mark); anything else is refused with a message rather than
guessed at, since a wrong guess (cp1252 for Turkish) silently corrupts every ı, ş and ğ.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml
from django.conf import settings

from .records import FormatError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
FORMATS = ("corpus", "csv", "timelinejs", "timelinejs-csv")
CORPUS_SECTIONS = {"sources", "themes", "people", "places", "routes", "areas", "events"}

Source = Path | str | bytes


def max_bytes() -> int:
    """The largest file an import takes: settings.INTERCHANGE_MAX_BYTES, 10 MB unless set."""
    return int(getattr(settings, "INTERCHANGE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_bytes(source: Source, *, limit: int | None = None) -> bytes:
    """The file's bytes (or the bytes given), refused when larger than the limit before being read."""
    limit = max_bytes() if limit is None else limit
    if isinstance(source, bytes):
        size = len(source)
        data = source
    else:
        path = Path(source)
        if not path.is_file():
            raise FormatError(f"{path} is not a file that can be read.")
        size = path.stat().st_size
        data = b""
    if size > limit:
        raise FormatError(
            f"The file is {_megabytes(size)}, over the import limit of {_megabytes(limit)}; "
            "split it into smaller files (or raise INTERCHANGE_MAX_BYTES if it is genuine)."
        )
    return data if isinstance(source, bytes) else Path(source).read_bytes()


def decode(data: bytes) -> str:
    """UTF-8 text, with a byte-order mark or without; anything else is a FormatError naming the spot."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            "The file is UTF-16 text (as some spreadsheets save “Unicode text”); save it as UTF-8 "
            "(in a spreadsheet: “CSV UTF-8”) and try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FormatError(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02X} on line {line} cannot be read); "
            "it may be Latin-1 or Windows-1252. Save it as UTF-8 (in a spreadsheet: “CSV UTF-8”) and try again."
        ) from None


def read_text(source: Source, *, limit: int | None = None) -> str:
    return decode(read_bytes(source, limit=limit))


def parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None


def csv_rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FormatError(f"The file is not readable CSV: {error}.") from None


def recognise_format(source: Source, *, limit: int | None = None) -> str:
    """ "timelinejs", "timelinejs-csv", "csv" or "corpus", from the file's content; else a FormatError."""
    from .plain_csv import is_plain_csv_header
    from .timelinejs_sheet import is_sheet_header

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
