import csv
import io

import pytest
from django.test import override_settings

from interchange.plain_csv import columns, read_plain_csv, write_plain_csv
from interchange.records import CitationRef, EventRecord, FormatError, MediaLink, Timeline


def table(*rows: dict, header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or columns())
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def test_columns_follow_the_configured_languages():
    assert "title_tr" in columns() and "summary_en" in columns()
    with override_settings(LANGUAGES=[("tr", "Türkçe"), ("en", "English"), ("ru", "Русский")]):
        result = read_plain_csv(table({"date": "1920-11-05", "title_ru": "Сталин в Баку"}))
        assert result.ok, result.problems
        assert result.timeline.events[0].title == {"ru": "Сталин в Баку"}
        assert result.timeline.events[0].slug == "stalin-v-baku"


def test_a_teacher_row_with_only_a_date_and_a_title_is_enough():
    result = read_plain_csv(
        table({"date": "1921-03-16", "title_tr": "Moskova Antlaşması"}, header=["date", "title_tr", "title_en"])
    )
    assert result.ok, result.problems
    (event,) = result.timeline.events
    assert (event.slug, event.date_edtf, event.title) == (
        "moskova-antlasmasi",
        "1921-03-16",
        {"tr": "Moskova Antlaşması"},
    )


def test_places_and_sources_are_split_into_slugs_and_locators():
    result = read_plain_csv(
        table(
            {
                "slug": "treaty-of-moscow",
                "date": "1921-03-16",
                "title_en": "Treaty of Moscow",
                "places": "moscow; kars ;",
                "sources": "tekinsoy-2020:s. 193; bayur-1991",
            }
        )
    )
    event = result.timeline.events[0]
    assert event.places == ("moscow", "kars")
    assert event.citations == (CitationRef("tekinsoy-2020", "s. 193"), CitationRef("bayur-1991", ""))


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"date": "1921-02-30"}, "date", "not an EDTF date"),
        ({"date": "5 Kasım 1920"}, "date", "not an EDTF date"),
        ({"date": ""}, "date", "empty"),
        ({"date": "1920-11-05T14:30"}, "date", "time of day"),
        ({"date": "1921/1920"}, "date", "swap"),
        ({"date": "-12000"}, "date", "not an EDTF date"),
        ({"date": "1920", "time": "half past"}, "time", "not a time"),
        ({"date": "1920", "slug": "Treaty Of Kars"}, "slug", "not a slug"),
        ({"date": "1920", "places": "kars; Gümrü"}, "places", "'Gümrü' is not a slug"),
        ({"date": "1920", "sources": "Tekinsoy 2020, p. 3"}, "sources", "source-slug:locator"),
        ({"date": "1920", "media_url": "www.example.org/a.jpg"}, "media.url", "https://"),
    ],
)
def test_bad_cells_are_problems_naming_the_row_and_field(row, field, words):
    result = read_plain_csv(table({"title_en": "Kars"} | row))
    (problem,) = result.problems
    assert problem.where.startswith("row 2 (") and problem.field == field and words in problem.message


def test_a_duplicate_slug_is_refused_naming_the_second_row():
    result = read_plain_csv(
        table(
            {"slug": "kars", "date": "1920-10-30", "title_en": "Kars falls"},
            {"slug": "kars", "date": "1921-10-13", "title_en": "Treaty of Kars"},
        )
    )
    assert [e.title["en"] for e in result.timeline.events] == ["Kars falls"]
    assert [(p.where, p.field) for p in result.problems] == [("row 3 (kars)", "slug")]


def test_missing_and_unknown_columns_are_one_error_listing_them():
    with pytest.raises(FormatError, match=r"missing: date.*unknown: titel_en"):
        read_plain_csv(b"slug,title_tr,title_en,titel_en\nx,a,b,c\n")


def test_html_payloads_in_cells_are_neutralised():
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">y</a>'
    result = read_plain_csv(table({"date": "1920", "title_en": f"Kars {payload}", "summary_en": f"<p>ok</p>{payload}"}))
    event = result.timeline.events[0]
    for text in (event.title["en"], event.summary["en"]):
        assert "<script" not in text and "onerror" not in text and "javascript:" not in text
    assert event.title["en"] == "Kars y"


TRICKY = Timeline(
    events=(
        EventRecord(
            slug="ides-of-march",
            date_edtf="-0044-03-15",
            title={"tr": "Mart İdus'u", "en": "=Ides of March"},
            summary={"en": "<p>Caesar, <em>stabbed</em>; a &lt; b</p>"},
            time="11:00",
            category="politics",
            group="Rome",
            places=("rome",),
            citations=(CitationRef("suetonius", "Iul. 82"), CitationRef("plutarch")),
            media=(MediaLink(url="https://a.org/c.jpg", caption="<b>c</b>", credit="k"),),
            source_row=2,
        ),
        EventRecord(slug="about", date_edtf="1920-09~", title={"en": "'tis about then"}, source_row=3),
        EventRecord(slug="open", date_edtf="1920-11/..", title={"tr": "-Açık uçlu"}, display_date="x", source_row=4),
        EventRecord(slug="zero", date_edtf="0000/0007", title={"en": "+1"}, end_time="09:05:00.250", source_row=5),
    )
)


def test_round_trip_keeps_every_field():
    written = write_plain_csv(TRICKY)
    again = read_plain_csv(written.encode())
    assert again.ok, again.problems
    assert again.timeline == TRICKY


def test_cells_a_spreadsheet_would_run_are_written_inert():
    written = write_plain_csv(TRICKY)
    rows = list(csv.reader(io.StringIO(written)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@")) or (cell.startswith("-") and cell != "-44")]
    assert "'-0044-03-15" in cells and "'=Ides of March" in cells


def test_a_class_sized_file_of_thousands_of_rows_reads_in_seconds():
    import time

    rows = [
        {"slug": f"event-{n}", "date": f"{1000 + n % 900}-{1 + n % 12:02d}-{1 + n % 28:02d}~", "title_en": f"E {n}"}
        for n in range(3000)
    ]
    started = time.perf_counter()
    result = read_plain_csv(table(*rows))
    assert result.ok and len(result.timeline.events) == 3000
    assert time.perf_counter() - started < 10  # the full EDTF parser alone would take over a minute


def test_a_slug_made_from_a_title_does_not_take_one_a_later_row_gives():
    result = read_plain_csv(
        table(
            {"date": "1920-10-30", "title_en": "Kars"},
            {"slug": "kars", "date": "1921-10-13", "title_en": "Treaty of Kars"},
        )
    )
    assert result.ok, result.problems
    assert [e.slug for e in result.timeline.events] == ["kars-2", "kars"]
