"""TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html), in and out.

What TimelineJS has no place for — an event's category, places and citations, more than one medium —
is not written; everything TimelineJS has (title slide, eras, groups, media, backgrounds, display dates,
times of day) is read and written back, so read → write → read gives the same records.
"""

from __future__ import annotations

import json

from .files import Source, parse_json, read_text
from .records import FormatError, ReadResult, Timeline
from .slides import SlideReader, era_slide, event_slide, title_slide
from .text import plain_text


def read_timelinejs(source: Source, *, language: str, limit: int | None = None) -> ReadResult:
    """Read a TimelineJS JSON file; `language` is the language its text is written in."""
    data = parse_json(read_text(source, limit=limit))
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        found = ", ".join(sorted(map(str, data))) if isinstance(data, dict) else type(data).__name__
        raise FormatError(
            f"This JSON is not a TimelineJS timeline: it has no `events` list (found: {found or 'nothing'}). "
            'A timeline looks like {"title": {…}, "events": [{"start_date": {"year": "1920"}, "text": {…}}]}.'
        )
    reader = SlideReader(language=language)
    reader.slugs.reserve(plain_text(slide.get("unique_id")) for slide in data["events"] if isinstance(slide, dict))
    events = []
    for number, slide in enumerate(data["events"], start=1):
        if record := reader.event(slide, f"slide {number}", number):
            events.append(record)
    eras = []
    raw_eras = data.get("eras") or []
    if not isinstance(raw_eras, list):
        reader.row = "eras"
        reader.problem("eras", "eras", "is not a list of eras; make it [] or a list of {start_date, end_date, text}.")
        raw_eras = []
    for number, slide in enumerate(raw_eras, start=1):
        if record := reader.era(slide, f"era {number}", f"era {number}"):
            eras.append(record)
    title = reader.title(data["title"], "title slide", "title") if data.get("title") else None
    return ReadResult(Timeline(tuple(events), tuple(eras), title), tuple(reader.problems), tuple(reader.warnings))


def timelinejs_document(timeline: Timeline, *, language: str) -> dict:
    document: dict = {}
    if timeline.title:
        document["title"] = title_slide(timeline.title, language=language)
    document["events"] = [event_slide(record, language=language) for record in timeline.events]
    if timeline.eras:
        document["eras"] = [era_slide(record, language=language) for record in timeline.eras]
    return document


def write_timelinejs(timeline: Timeline, *, language: str) -> str:
    """The timeline as TimelineJS JSON text, titles and summaries in `language` (others as fallback)."""
    return json.dumps(timelinejs_document(timeline, language=language), ensure_ascii=False, indent=2) + "\n"
