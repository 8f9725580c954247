"""The atlas's own CSV: one event a row, for a teacher to fill in a spreadsheet.

Columns (language columns follow settings.LANGUAGES, e.g. title_tr, title_en):

    slug, date, time, end_time, display_date, title_<lang>…, summary_<lang>…, category, group,
    places, sources, media_url, media_caption, media_credit

Only `date` and the title columns are required; the others may be left out of the file or empty.
`slug` left empty is made from the title. `date` is EDTF (`1920-11-05`, `1921-10`, `1920-09~`, `-0044-03-15`,
`1920-05-11/1920-07-19`). `places` is place slugs separated by `;`; `sources` is `source-slug:locator`
separated by `;` (`tekinsoy-2020:s. 193; ataturk-nutuk`). The file is UTF-8. Eras and a title slide
have no place here: use a TimelineJS format for those.
"""

from __future__ import annotations

import csv
import io

from .files import Source, csv_rows, read_text
from .records import CitationRef, EventRecord, FormatError, ReadResult, Timeline
from .slides import SlideReader, language_codes
from .text import from_spreadsheet_cell, is_slug, plain_text, sanitise_html, spreadsheet_cell, web_address
from .timelinejs_dates import MAX_YEAR, MIN_YEAR, DateProblem, checked_parts, format_time, parse_time


def columns() -> list[str]:
    codes = language_codes()
    return [
        "slug", "date", "time", "end_time", "display_date",
        *(f"title_{code}" for code in codes), *(f"summary_{code}" for code in codes),
        "category", "group", "places", "sources", "media_url", "media_caption", "media_credit",
    ]  # fmt: skip


def required_columns() -> list[str]:
    return ["date", *(f"title_{code}" for code in language_codes())]


def is_plain_csv_header(header: list[str]) -> bool:
    names = {cell.strip().lower() for cell in header}
    return "date" in names and any(name.startswith("title_") for name in names) and "year" not in names


def _check_header(header: list[str]) -> list[str]:
    names = [cell.strip().lower() for cell in header]
    while names and not names[-1]:
        names.pop()
    known = columns()
    missing = [name for name in required_columns() if name not in names]
    unexpected = [name or "(an empty header)" for name in names if name not in known]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if missing or unexpected or repeated:
        detail = []
        if missing:
            detail.append(f"missing: {', '.join(missing)}")
        if unexpected:
            detail.append(f"unknown: {', '.join(unexpected)}")
        if repeated:
            detail.append(f"twice: {', '.join(repeated)}")
        raise FormatError(
            f"The header row does not fit the atlas CSV ({'; '.join(detail)}). "
            f"Columns it takes: {', '.join(known)} (required: {', '.join(required_columns())})."
        )
    return names


def _valid_edtf(text: str) -> str:
    """The EDTF date if the atlas can place it; a ValueError saying what to write otherwise."""
    if not text:
        raise ValueError("is empty; write the date in EDTF, e.g. 1920-11-05, 1921-10, 1920-09~ or -0044-03-15.")
    if "T" in text or ":" in text:
        raise ValueError(f"{text!r} has a time of day; the date is kept to the day: put the time in `time`.")
    try:
        projection = checked_parts(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an EDTF date the atlas can place; write e.g. 1920-11-05, 1921-10, 1920-09~, "
            f"-0044 (45 BCE) or an interval 1920-05-11/1920-07-19, years {MIN_YEAR}…{MAX_YEAR}."
        ) from None
    start, end = projection.start, projection.end
    if end and (end.year, end.month or 12, end.day or 31) < (start.year, start.month or 1, start.day or 1):
        raise ValueError(f"{text!r} ends before it starts; swap the two dates.")
    return text


def _time(text: str, field: str) -> str:
    parts = parse_time(text, field)
    if not parts:
        return ""
    second, millisecond = parts.get("second"), parts.get("millisecond")
    return format_time(
        int(parts["hour"]),
        int(parts["minute"]),
        None if second is None else int(second),
        None if millisecond is None else int(millisecond),
    )


def _slugs(text: str, where: str, reader: SlideReader, field: str) -> list[str]:
    slugs = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        if is_slug(item):
            slugs.append(item)
        else:
            reader.problem(where, field, f"{item!r} is not a slug (lowercase letters, digits, hyphens); correct it.")
    return slugs


def _citations(text: str, where: str, reader: SlideReader) -> tuple[CitationRef, ...]:
    citations = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        source, _, locator = item.partition(":")
        if is_slug(source.strip()):
            citations.append(CitationRef(source.strip(), locator.strip()))
        else:
            reader.problem(where, "sources", f"{item!r} does not start with a source slug; write source-slug:locator.")
    return tuple(citations)


def _event(row: dict[str, str], number: int, reader: SlideReader) -> EventRecord | None:
    codes = language_codes()
    titles = {code: plain_text(row.get(f"title_{code}", "")) for code in codes}
    titles = {code: text for code, text in titles.items() if text}
    slug_given = row.get("slug", "")
    where = f"row {number} ({slug_given or next(iter(titles.values()), 'no title')})"
    if not titles:
        reader.problem(where, "title", f"is empty; give a title in at least one of {', '.join(codes)}.")
        return None
    try:
        date = _valid_edtf(row.get("date", ""))
        time = _time(row.get("time", ""), "time")
        end_time = _time(row.get("end_time", ""), "end_time")
    except DateProblem as problem:
        reader.problem(where, problem.field, problem.message)
        return None
    except ValueError as problem:
        reader.problem(where, "date", str(problem))
        return None
    if slug_given:
        if not is_slug(slug_given):
            reader.problem(where, "slug", f"{slug_given!r} is not a slug: lowercase letters, digits and hyphens.")
            return None
        if not reader.slugs.claim(slug_given):
            reader.problem(where, "slug", f"{slug_given!r} is used by an earlier row; give each event its own slug.")
            return None
    category = row.get("category", "")
    if category and not is_slug(category):
        reader.problem(where, "category", f"{category!r} is not a category name such as treaty or diplomacy.")
    media_fields = {"url": row.get("media_url"), "caption": row.get("media_caption"), "credit": row.get("media_credit")}
    return EventRecord(
        slug=slug_given or reader.slugs.make(next(iter(titles.values())), fallback=f"row-{number}"),
        date_edtf=date,
        title=titles,
        summary={code: text for code in codes if (text := sanitise_html(row.get(f"summary_{code}", "")))},
        time=time,
        end_time=end_time,
        display_date=plain_text(row.get("display_date", "")),
        category=category if is_slug(category) else "",
        group=plain_text(row.get("group", "")),
        places=tuple(_slugs(row.get("places", ""), where, reader, "places")),
        citations=_citations(row.get("sources", ""), where, reader),
        media=reader.media(media_fields, where),
        source_row=number,
    )


def read_plain_csv(source: Source, *, limit: int | None = None) -> ReadResult:
    """Read the atlas CSV; rows are named by spreadsheet row number (the header is row 1)."""
    rows = csv_rows(read_text(source, limit=limit))
    if not rows:
        raise FormatError(f"The file is empty; the first row must name the columns: {', '.join(columns())}.")
    names = _check_header(rows[0])
    reader = SlideReader(language=language_codes()[0])
    if "slug" in names:
        column = names.index("slug")
        reader.slugs.reserve(from_spreadsheet_cell(cells[column].strip()) for cells in rows[1:] if len(cells) > column)
    events = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        reader.row = number
        if any(cell.strip() for cell in cells[len(names) :]):
            reader.problem(
                f"row {number}",
                "columns",
                f"has more cells than the header's {len(names)} columns; "
                "a comma inside a cell needs the cell in quotes.",
            )
            continue
        row = {name: from_spreadsheet_cell(cell.strip()) for name, cell in zip(names, cells, strict=False) if name}
        if record := _event(row, number, reader):
            events.append(record)
    # The atlas's own CSV stays strict: what a TimelineJS file may lose with a warning (a bad media link)
    # is a problem to fix here, since the teacher filling it in can.
    return ReadResult(Timeline(events=tuple(events)), tuple(reader.problems + reader.warnings))


def _row(record: EventRecord) -> dict[str, str]:
    media = record.media[0] if record.media else None
    row = {
        "slug": record.slug,
        "date": record.date_edtf,
        "time": record.time,
        "end_time": record.end_time,
        "display_date": record.display_date,
        "category": record.category,
        "group": record.group,
        "places": "; ".join(record.places),
        # Once each: two citations of one page differ only by their passages, which the CSV does not hold.
        "sources": "; ".join(
            f"{c.source}:{c.locator}" if c.locator else c.source for c in dict.fromkeys(record.citations)
        ),
        "media_url": (sanitise_html(media.quote) or web_address(media.url)) if media else "",
        "media_caption": sanitise_html(media.caption) if media else "",
        "media_credit": sanitise_html(media.credit) if media else "",
    }
    # Normalised again on the way out: records may come from the database, not from a reader.
    for code in language_codes():
        row[f"title_{code}"] = plain_text(record.title.get(code, ""))
        row[f"summary_{code}"] = sanitise_html(record.summary.get(code, ""))
    return row


def write_plain_csv(timeline: Timeline) -> str:
    """The events as the atlas CSV, every column present, cells that a spreadsheet would run made inert."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    names = columns()
    writer.writerow(names)
    for record in timeline.events:
        row = _row(record)
        writer.writerow([spreadsheet_cell(row[name]) for name in names])
    return out.getvalue()
