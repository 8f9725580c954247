import csv
import io
from dataclasses import replace

import pytest

from interchange.records import EraRecord, EventRecord, FormatError, MediaLink, Timeline, TitleSlide
from interchange.timelinejs import read_timelinejs
from interchange.timelinejs_sheet import HEADER, read_timelinejs_sheet, write_timelinejs_sheet


def sheet(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def test_header_is_exactly_the_template_sample(sheet_sample):
    with sheet_sample.open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == HEADER
    assert write_timelinejs_sheet(Timeline(), language="en").splitlines()[0].split(",") == HEADER


def test_sample_reads_title_and_every_event(sheet_sample):
    result = read_timelinejs_sheet(sheet_sample, language="en")
    assert result.ok, result.problems
    with sheet_sample.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    event_rows = [row for row in rows if not row["Type"]]
    assert len(result.timeline.events) == len(event_rows)
    assert result.timeline.title.title == {"en": next(r["Headline"] for r in rows if r["Type"] == "title")}
    eniac = result.timeline.events[2]
    assert (eniac.date_edtf, eniac.source_row) == ("1943-07/1946", 5)  # spreadsheet row 5
    assert eniac.background == event_rows[2]["Background"]


def test_sample_round_trip(sheet_sample):
    first = read_timelinejs_sheet(sheet_sample, language="en")
    again = read_timelinejs_sheet(write_timelinejs_sheet(first.timeline, language="en").encode(), language="en")
    assert again.ok and again.timeline == first.timeline


def test_the_json_sample_carried_through_the_sheet_is_unchanged(json_sample):
    from_json = read_timelinejs(json_sample, language="en").timeline
    through_sheet = read_timelinejs_sheet(write_timelinejs_sheet(from_json, language="en").encode(), language="en")
    assert through_sheet.ok
    assert [replace(e, source_row="") for e in through_sheet.timeline.events] == [
        replace(e, source_row="") for e in from_json.events
    ]


def test_bce_era_title_and_times_round_trip():
    timeline = Timeline(
        events=(
            EventRecord(slug="caesar", date_edtf="-0044-03-15", title={"en": "=Caesar"}, time="11:00", source_row=3),
            EventRecord(
                slug="hijra",
                date_edtf="0622-09/0622-10",
                title={"en": "Hijra"},
                time="14:30:15",
                end_time="09:05:00.250",
                display_date="622",
                group="Early Islam",
                media=(MediaLink(url="https://a.org/a.jpg", caption="<p>c</p>", credit="k"),),
                source_row=4,
            ),
            EventRecord(slug="about-then", date_edtf="1920-09~", title={"en": "About then"}, source_row=5),
        ),
        eras=(EraRecord(date_edtf="-2500/-2400", title={"en": "Old Kingdom"}, source_row=6),),
        title=TitleSlide(title={"en": "Ancient"}, background="#102030", source_row=2),
    )
    again = read_timelinejs_sheet(write_timelinejs_sheet(timeline, language="en").encode(), language="en")
    assert again.ok, again.problems
    assert again.timeline == timeline


def test_times_written_as_in_a_spreadsheet_are_understood():
    result = read_timelinejs_sheet(
        sheet({"Year": "1920", "Month": "11", "Day": "5", "Time": "2:30 PM", "Headline": "Interview"}), language="en"
    )
    assert result.ok and result.timeline.events[0].time == "14:30"


def test_bad_rows_are_problems_naming_the_row_and_the_rest_still_read():
    result = read_timelinejs_sheet(
        sheet(
            {"Year": "1920", "Headline": "Fine"},
            {"Year": "-15000000000", "Headline": "Too early"},
            {"Year": "1920", "Time": "noon", "Headline": "Bad time"},
            {"Year": "1920", "Type": "chapter", "Headline": "Odd type"},
            {"Year": "1920", "Headline": "Bad media", "Media": "javascript:alert(1)"},
        ),
        language="en",
    )
    assert [e.title["en"] for e in result.timeline.events] == ["Fine", "Bad media"]
    assert [(p.where.split(" (")[0], p.field) for p in result.problems] == [
        ("row 3", "start_date.year"),
        ("row 4", "Time"),
        ("row 5", "Type"),
    ]
    # A bad medium is left out with a warning: the slide itself is fine.
    assert [(w.where.split(" (")[0], w.field) for w in result.warnings] == [("row 6", "media.url")]
    # Each problem also carries the row as a number, as records carry `source_row`, for a dry-run table.
    assert [p.row for p in result.problems] == [3, 4, 5]
    assert result.timeline.events[1].source_row == 6


def test_wrong_columns_are_one_error_naming_them():
    with pytest.raises(FormatError, match=r"missing: Headline.*not in the template: Title"):
        read_timelinejs_sheet(
            b"Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Title\n", language="en"
        )


def test_formula_cells_are_exported_inert_and_read_back_as_written():
    record = EventRecord(slug="f", date_edtf="-0044", title={"en": '=HYPERLINK("http://evil","x")'})
    written = write_timelinejs_sheet(Timeline(events=(record,)), language="en")
    assert "\r\n-44," in written  # a year stays a number
    assert "\"'=HYPERLINK" in written
    assert read_timelinejs_sheet(written.encode(), language="en").timeline.events[0].title == record.title
