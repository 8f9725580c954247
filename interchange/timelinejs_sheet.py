"""The TimelineJS Google-Sheets template, as CSV, in and out.

The header is exactly the template's (see HEADER). Each row is a slide: `Type` is "title" for the
opening slide, "era" for a period band, empty for an event. Rows are named by their spreadsheet row
number (the header is row 1), which is what a teacher sees when fixing the sheet.

The sheet has one Display Date column: when an approximate or open-ended date also has display text of
its own, the display text is written and the EDTF qualifier is not (the JSON format keeps both).
"""

from __future__ import annotations

import csv
import io

from .files import Source, csv_rows, read_text
from .records import FormatError, ReadResult, Timeline
from .slides import SlideReader, era_slide, event_slide, title_slide
from .text import from_spreadsheet_cell, spreadsheet_cell
from .timelinejs_dates import DateProblem, parse_time

HEADER = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
    "Background",
]  # fmt: skip
_DATE_PARTS = (("Year", "year"), ("Month", "month"), ("Day", "day"))


def _trimmed(header: list[str]) -> list[str]:
    cells = [cell.strip() for cell in header]
    while cells and not cells[-1]:  # spreadsheets often export trailing empty columns
        cells.pop()
    return cells


def is_sheet_header(header: list[str]) -> bool:
    return _trimmed(header) == HEADER


def _check_header(header: list[str]) -> None:
    cells = _trimmed(header)
    if cells == HEADER:
        return
    missing = [name for name in HEADER if name not in cells]
    unexpected = [name for name in cells if name not in HEADER]
    detail = []
    if missing:
        detail.append(f"missing: {', '.join(missing)}")
    if unexpected:
        detail.append(f"not in the template: {', '.join(unexpected)}")
    if not detail:
        detail.append("the columns are in another order")
    raise FormatError(
        f"The first row is not the TimelineJS sheet template's header ({'; '.join(detail)}). "
        f"It must read: {', '.join(HEADER)}."
    )


def _date(row: dict[str, str], prefix: str, field: str) -> dict[str, str]:
    obj = {key: row[f"{prefix}{column}"] for column, key in _DATE_PARTS}
    obj.update(parse_time(row[f"{prefix}Time"], field))
    return obj


def _slide(row: dict[str, str]) -> dict:
    slide: dict = {
        "start_date": _date(row, "", "Time"),
        "display_date": row["Display Date"],
        "text": {"headline": row["Headline"], "text": row["Text"]},
        "media": {
            "url": row["Media"],
            "credit": row["Media Credit"],
            "caption": row["Media Caption"],
            "thumbnail": row["Media Thumbnail"],
        },
        "group": row["Group"],
        "background": row["Background"],
    }
    end = _date(row, "End ", "End Time")
    if any(end.values()):
        slide["end_date"] = end
    return slide


def read_timelinejs_sheet(source: Source, *, language: str, limit: int | None = None) -> ReadResult:
    """Read the TimelineJS sheet template exported as CSV; `language` is the language of its text."""
    rows = csv_rows(read_text(source, limit=limit))
    if not rows:
        raise FormatError("The file is empty; the first row must be the TimelineJS template's header.")
    _check_header(rows[0])
    reader = SlideReader(language=language)
    events, eras, title = [], [], None
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        reader.row = number
        if any(cell.strip() for cell in cells[len(HEADER) :]):
            reader.problem(
                f"row {number}",
                "columns",
                f"has cells beyond the template's {len(HEADER)} columns; "
                "a comma inside a cell needs the cell in quotes.",
            )
            continue
        row = dict(zip(HEADER, [from_spreadsheet_cell(c.strip()) for c in cells] + [""] * len(HEADER), strict=False))
        label = f"row {number}"
        kind = row["Type"].lower()
        try:
            slide = _slide(row)
        except DateProblem as problem:
            reader.problem(label, problem.field, problem.message)
            continue
        if kind == "title":
            if title is not None:
                reader.problem(label, "Type", "a second title row; a timeline has one title slide.")
            else:
                title = reader.title(slide, label, number)
        elif kind == "era":
            if record := reader.era(slide, label, number):
                eras.append(record)
        elif kind:
            reader.problem(
                label, "Type", f"{row['Type']!r} is not a slide type; leave it empty, or write title or era."
            )
        elif record := reader.event(slide, label, number):
            events.append(record)
    return ReadResult(Timeline(tuple(events), tuple(eras), title), tuple(reader.problems), tuple(reader.warnings))


def _cells(slide: dict, kind: str, time: str = "", end_time: str = "") -> list[str]:
    start, end = slide.get("start_date", {}), slide.get("end_date", {})
    media = slide.get("media", {})
    background = slide.get("background", {})
    row = {
        "Year": start.get("year", ""),
        "Month": start.get("month", ""),
        "Day": start.get("day", ""),
        "Time": time,
        "End Year": end.get("year", ""),
        "End Month": end.get("month", ""),
        "End Day": end.get("day", ""),
        "End Time": end_time,
        "Display Date": slide.get("display_date", ""),
        "Headline": slide["text"]["headline"],
        "Text": slide["text"]["text"],
        "Media": media.get("url", ""),
        "Media Credit": media.get("credit", ""),
        "Media Caption": media.get("caption", ""),
        "Media Thumbnail": media.get("thumbnail", ""),
        "Type": kind,
        "Group": slide.get("group", ""),
        "Background": background.get("url") or background.get("color", ""),
    }
    return [spreadsheet_cell(row[name]) for name in HEADER]


def write_timelinejs_sheet(timeline: Timeline, *, language: str) -> str:
    """The timeline as the TimelineJS sheet template's CSV (title row first, then events, then eras)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    if timeline.title:
        writer.writerow(_cells(title_slide(timeline.title, language=language), "title"))
    for record in timeline.events:
        writer.writerow(_cells(event_slide(record, language=language), "", record.time, record.end_time))
    for era in timeline.eras:
        writer.writerow(_cells(era_slide(era, language=language), "era"))
    return out.getvalue()
