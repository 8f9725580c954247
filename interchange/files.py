"""Getting a file's text safely (which format it holds is `formats.recognise_format`'s to tell).

Size is checked before anything is parsed, so a 50 MB file of junk costs a `stat`, not memory. Text
must be UTF-8 (with or without a byte-order mark); anything else is refused with a message rather than
guessed at, since a wrong guess (cp1252 for Turkish) silently corrupts every ı, ş and ğ.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.conf import settings

from .records import FormatError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

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
