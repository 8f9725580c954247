"""Exports stay inert even for records that never went through a reader, and odd input never crashes."""

import csv
import io
import json
import re

import pytest

from interchange.formats import read_events, write_events
from interchange.records import EventRecord, MediaLink, Timeline, TitleSlide
from interchange.timelinejs import read_timelinejs

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">link</a>'

UNSAFE = Timeline(
    events=(
        EventRecord(
            slug="unsafe",
            date_edtf="1920-11-05",
            title={"en": f"Baku {PAYLOAD}"},
            summary={"en": f"<p>Stalin</p>{PAYLOAD}"},
            media=(MediaLink(url="javascript:alert(4)", caption=PAYLOAD, credit=PAYLOAD, thumbnail="javascript:x()"),),
        ),
    ),
    title=TitleSlide(title={"en": PAYLOAD}, summary={"en": PAYLOAD}, background="javascript:alert(5)"),
)


@pytest.mark.parametrize("name", ["timelinejs", "timelinejs-csv", "csv"])
def test_exports_of_unsanitised_records_carry_no_live_html(name):
    written = write_events(UNSAFE, format=name, language="en").lower()
    assert "<script" not in written
    assert "<img" not in written
    # Escaped text (&lt;a href="javascript:…") is inert; a live tag or a bare link value is not.
    assert not re.search(r"<[a-z][^>]*(javascript:|onerror)", written)
    assert all(not value.lower().startswith("javascript:") for value in _link_values(name, UNSAFE))


def _link_values(name: str, timeline: Timeline) -> list[str]:
    written = write_events(timeline, format=name, language="en")
    if name == "timelinejs":
        document = json.loads(written)
        slides = [document["title"], *document["events"]]
        media = [slide.get("media", {}) for slide in slides]
        return [m.get(key, "") for m in media for key in ("url", "thumbnail", "link")] + [
            str(slide.get("background", {}).get("url", "")) for slide in slides
        ]
    rows = list(csv.DictReader(io.StringIO(written)))
    keys = ("Media", "Media Thumbnail", "Background") if name == "timelinejs-csv" else ("media_url",)
    values = [row[key] for row in rows for key in keys]
    assert values, "the export has no link cells to check"
    return values


def test_a_timelinejs_export_shows_a_tag_like_title_as_text():
    written = json.loads(write_events(UNSAFE, format="timelinejs", language="en"))
    assert written["events"][0]["text"]["headline"].startswith("Baku &lt;img")
    assert written["events"][0]["text"]["text"].startswith("<p>Stalin</p>")


ODD_SLIDES = [
    "not a slide",
    42,
    None,
    [],
    {"start_date": "1920", "text": {"headline": "date as a string"}},
    {"start_date": {"year": [1920]}, "text": {"headline": "year as a list"}},
    {"start_date": {"year": 1e400}, "text": {"headline": "infinite year"}},
    {"start_date": {"year": True}, "text": {"headline": "year as a boolean"}},
    {"start_date": {"year": "1920"}, "end_date": "1921", "text": {"headline": "end as a string"}},
    {"start_date": {"year": "1920"}, "text": "headline missing"},
    {"start_date": {"year": "1920"}, "text": {"headline": "media as a list"}, "media": ["https://a.org"]},
    {"start_date": {"year": "1920"}, "text": {"headline": 1920}, "group": {"a": 1}, "unique_id": 7},
    {"start_date": {"year": "1920"}, "text": {"headline": "bad background"}, "background": {"color": "red;x"}},
]


def test_odd_slides_become_problems_not_crashes():
    data = {"title": "a string", "events": ODD_SLIDES, "eras": {"not": "a list"}}
    result = read_timelinejs(json.dumps(data).encode(), language="en")
    titles = [e.title["en"] for e in result.timeline.events]
    # A slide without a headline comes in titled by its date; a bad background is left out: both warned.
    assert titles == ["1920", "media as a list", "1920", "bad background"]
    wheres = {p.where.split(" (")[0] for p in result.problems}
    assert {"slide 1", "slide 2", "slide 3", "slide 4", "slide 5", "slide 9"} <= wheres
    assert {"eras", "title slide"} <= wheres
    assert [(w.where.split(" (")[0], w.field) for w in result.warnings] == [
        ("slide 10", "text.headline"),
        ("slide 13", "background.color"),
    ]


def test_a_row_with_more_cells_than_columns_is_a_problem_naming_it():
    result = read_events(b"date,title_tr,title_en\n1920,Kars,Kars\n1921,Kars, Ardahan,Kars\n", format="csv")
    assert [e.date_edtf for e in result.timeline.events] == ["1920"]
    assert [(p.where, p.field) for p in result.problems] == [("row 3", "columns")]


EDTF_FORMS = [
    "2000-21", "192X", "../1920", "1920-XX", "1921-10-XX", "1920?-05", "-0044~/0014", "1920%", "0000-02-29",
    "[1919-09..1919-12]",  # a window: one happening some time within it
]  # fmt: skip


@pytest.mark.parametrize("name", ["timelinejs", "timelinejs-csv", "csv"])
def test_every_edtf_form_the_atlas_keeps_survives_each_format(name):
    events = tuple(
        EventRecord(slug=f"event-{n}", date_edtf=edtf, title={"en": f"Event {n}"}) for n, edtf in enumerate(EDTF_FORMS)
    )
    written = write_events(Timeline(events=events), format=name, language="en")
    again = read_events(written.encode(), format=name, language="en")
    assert again.ok, again.problems
    assert [e.date_edtf for e in again.timeline.events] == EDTF_FORMS
