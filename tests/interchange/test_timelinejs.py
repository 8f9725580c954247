import json

import pytest

from interchange.records import EraRecord, EventRecord, FormatError, MediaLink, Timeline, TitleSlide
from interchange.timelinejs import read_timelinejs, write_timelinejs


def timeline_bytes(events, **extra) -> bytes:
    return json.dumps({"events": events, **extra}).encode()


def slide(headline="An event", **fields):
    return {"start_date": {"year": "1920"}, "text": {"headline": headline, "text": ""}, **fields}


def read_one(**fields):
    result = read_timelinejs(timeline_bytes([slide(**fields)]), language="en")
    return result.timeline.events[0] if result.timeline.events else None, result.problems


def test_sample_reads_every_slide_with_its_media_and_title(json_sample):
    raw = json.loads(json_sample.read_text())
    result = read_timelinejs(json_sample, language="en")

    assert result.ok, result.problems
    assert [e.title["en"] for e in result.timeline.events] == [
        s["text"]["headline"].replace("&quot;", '"') for s in raw["events"]
    ]
    ada = result.timeline.events[0]
    assert ada.date_edtf == "1815-12-10/1852-11-27"
    assert ada.media[0].url == raw["events"][0]["media"]["url"]
    assert result.timeline.title.title == {"en": raw["title"]["text"]["headline"]}
    assert result.timeline.title.background == raw["title"]["background"]["url"]
    # The quotation slide keeps its quote as (sanitised) HTML, not as a link.
    quoted = next(e for e in result.timeline.events if e.media and e.media[0].quote)
    assert quoted.media[0].quote.startswith("<blockquote>") and not quoted.media[0].url


def test_sample_month_and_year_precision_stay_as_given(json_sample):
    events = {e.slug: e for e in read_timelinejs(json_sample, language="en").timeline.events}
    assert events["and-the-women-who-made-it-work"].date_edtf == "1943-07/1946"
    assert events["rozsa-peter-writes-recursion"].date_edtf == "1951"


def test_sample_round_trip(json_sample):
    first = read_timelinejs(json_sample, language="en")
    again = read_timelinejs(write_timelinejs(first.timeline, language="en").encode(), language="en")
    assert again.ok and again.timeline == first.timeline


@pytest.mark.parametrize(
    ("start", "edtf"),
    [
        ({"year": "-44", "month": "3", "day": "15"}, "-0044-03-15"),
        ({"year": -2500}, "-2500"),
        ({"year": "0"}, "0000"),
        ({"year": "632", "month": "6", "day": "8"}, "0632-06-08"),
        ({"year": 7}, "0007"),
        ({"year": 1921.0, "month": "10"}, "1921-10"),
        ({"year": "-4", "month": "2", "day": "29"}, "-0004-02-29"),  # astronomical -4 (5 BCE) is a leap year
    ],
)
def test_dates_before_the_common_era_and_early_years_become_edtf(start, edtf):
    event, problems = read_one(start_date=start)
    assert not problems
    assert event.date_edtf == edtf


@pytest.mark.parametrize("year", ["-15000000000", "20000000000", -14000000001])
def test_years_before_the_universe_are_refused_naming_the_slide(year):
    result = read_timelinejs(
        timeline_bytes([slide("Fine"), slide("Too far", start_date={"year": year})]), language="en"
    )
    assert [e.title["en"] for e in result.timeline.events] == ["Fine"]
    (problem,) = result.problems
    assert problem.where.startswith("slide 2") and "Too far" in problem.where
    assert problem.field == "start_date.year" and "before the universe began" in problem.message
    assert problem.row == 2


@pytest.mark.parametrize(
    ("start", "edtf"),
    [
        ({"year": "-13800000000"}, "Y-13800000000"),
        ({"year": -4600000000}, "Y-4600000000"),
        ({"year": "-315000"}, "Y-315000"),
        ({"year": "-10000"}, "Y-10000"),
        ({"year": 170000002}, "Y170000002"),
        ({"year": "-9999"}, "-9999"),
    ],
)
def test_years_beyond_four_digits_become_edtf_long_years(start, edtf):
    event, problems = read_one(start_date=start)
    assert not problems
    assert event.date_edtf == edtf


def test_a_month_given_with_a_year_of_deep_time_is_left_out_and_said():
    result = read_timelinejs(
        timeline_bytes([slide("Earth", start_date={"year": "-4540000000", "month": "3", "day": "1"})]), language="en"
    )
    assert [event.date_edtf for event in result.timeline.events] == ["Y-4540000000"]
    (warning,) = result.warnings
    assert "deep time, kept as a year" in warning.message


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ({"year": "1921", "month": "2", "day": "30"}, None, "start_date.day", "28 days"),
        ({"year": "1921", "month": "13"}, None, "start_date.month", "out of range"),
        ({"year": "nineteen"}, None, "start_date.year", "not a number"),
        ({"year": ""}, None, "start_date.year", "required"),
        ({"year": "1921", "day": "3"}, None, "start_date.month", "no month"),
        ({"year": "1921"}, {"year": "1920"}, "end_date", "swap"),
        ({"year": "1921", "minute": "5"}, None, "start_date.hour", "without an hour"),
    ],
)
def test_bad_dates_name_the_field_and_the_fix(start, end, field, words):
    fields = {"start_date": start} | ({"end_date": end} if end else {})
    event, problems = read_one(**fields)
    assert event is None
    assert [(p.field, words in p.message) for p in problems] == [(field, True)]


def test_times_of_day_are_kept_as_text_beside_a_day_precision_date():
    event, problems = read_one(
        start_date={"year": "1920", "month": "11", "day": "5", "hour": "14", "minute": "30"},
        end_date={"year": "1920", "month": "11", "day": "5", "hour": 16, "minute": 5, "second": 9, "millisecond": 250},
    )
    assert not problems
    assert (event.date_edtf, event.time, event.end_time) == ("1920-11-05/1920-11-05", "14:30", "16:05:09.250")
    written = json.loads(write_timelinejs(Timeline(events=(event,)), language="en"))["events"][0]
    assert written["start_date"] | {} == {"year": "1920", "month": "11", "day": "5", "hour": "14", "minute": "30"}
    assert written["end_date"]["millisecond"] == "250"


def test_display_date_is_kept():
    event, _ = read_one(display_date="Spring 1920, as the memoir has it")
    assert event.display_date == "Spring 1920, as the memoir has it"


def test_eras_are_periods_read_apart_from_events_and_written_back():
    era = {"start_date": {"year": "-27"}, "end_date": {"year": "476"}, "text": {"headline": "Roman Empire"}}
    result = read_timelinejs(timeline_bytes([slide()], eras=[era]), language="en")
    assert result.ok
    (read_era,) = result.timeline.eras
    assert (read_era.date_edtf, read_era.title) == ("-0027/0476", {"en": "Roman Empire"})
    written = json.loads(write_timelinejs(result.timeline, language="en"))
    assert written["eras"][0]["start_date"]["year"] == "-27"
    assert written["eras"][0]["end_date"]["year"] == "476"


MEDIA_URLS = [
    "https://upload.wikimedia.org/a.jpg",
    "https://www.youtube.com/watch?v=aPweFhhXFvY",
    "https://vimeo.com/304869290",
    "https://soundcloud.com/a/b",
    "https://www.google.com/maps/place/Baku/@40.4,49.8,12z",
    "https://en.wikipedia.org/wiki/Treaty_of_Moscow_(1921)",
    "https://twitter.com/a/status/1",
    "https://www.instagram.com/p/abc/",
    "https://example.org/document.pdf",
    "https://open.spotify.com/track/1",
    "https://www.dailymotion.com/video/x1",
]


@pytest.mark.parametrize("url", MEDIA_URLS)
def test_every_kind_of_media_is_kept_as_a_link(url):
    event, problems = read_one(media={"url": url, "caption": "c", "credit": "k", "thumbnail": ""})
    assert not problems
    assert event.media == (MediaLink(url=url, caption="c", credit="k"),)


def test_iframe_media_keeps_only_its_address():
    event, problems = read_one(media={"url": '<iframe src="https://maps.example.org/embed?x=1" onload="x()"></iframe>'})
    assert not problems and event.media[0].url == "https://maps.example.org/embed?x=1"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://a/b"])
def test_media_that_is_not_a_web_address_is_left_out_with_a_warning(url):
    result = read_timelinejs(timeline_bytes([slide(media={"url": url})]), language="en")
    (event,) = result.timeline.events  # the slide still comes in, without the medium
    assert event.media == ()
    assert result.ok
    assert [(w.field, "not an http(s) address" in w.message) for w in result.warnings] == [("media.url", True)]


def test_protocol_relative_media_become_https():
    event, problems = read_one(
        media={"url": "//www.flickr.com/photos/x/1", "thumbnail": "//farm1.staticflickr.com/t.jpg"},
        background={"url": "//upload.wikimedia.org/b.jpg"},
    )
    assert not problems
    assert event.media[0].url == "https://www.flickr.com/photos/x/1"
    assert event.media[0].thumbnail == "https://farm1.staticflickr.com/t.jpg"
    assert event.background == "https://upload.wikimedia.org/b.jpg"
    embedded, problems = read_one(media={"url": '<iframe src="//www.youtube.com/embed/x1"></iframe>'})
    assert not problems and embedded.media[0].url == "https://www.youtube.com/embed/x1"


XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>'


def test_html_payloads_are_neutralised_in_every_text_field():
    event, problems = read_one(
        headline=None,
        text={"headline": f"Kars {XSS}", "text": f"<p>Treaty</p>{XSS}"},
        media={"url": "https://a.org/p.jpg", "caption": XSS, "credit": XSS},
        group=XSS,
    )
    assert not problems
    for text in (event.title["en"], event.summary["en"], event.media[0].caption, event.media[0].credit, event.group):
        lowered = text.lower()
        assert "<script" not in lowered and "onerror" not in lowered and "javascript:" not in lowered
    assert event.title["en"] == "Kars x"
    assert event.summary["en"].startswith("<p>Treaty</p>")


def test_a_title_that_looks_like_html_is_exported_as_text():
    record = EventRecord(slug="x", date_edtf="1920", title={"en": "<script>alert(1)</script> & co"})
    written = write_timelinejs(Timeline(events=(record,)), language="en")
    assert "<script>" not in written
    assert read_timelinejs(written.encode(), language="en").timeline.events[0].title == record.title


def test_json_without_events_is_one_clear_error():
    with pytest.raises(FormatError, match="no `events`"):
        read_timelinejs(b'{"title": {"text": {"headline": "x"}}}', language="en")


def test_text_that_is_not_json_is_one_clear_error():
    with pytest.raises(FormatError, match="not valid JSON"):
        read_timelinejs(b"Year,Month\n1920,1", language="en")


def test_exports_in_the_asked_language_falling_back_to_another():
    record = EventRecord(
        slug="x", date_edtf="1920", title={"tr": "Gümrü", "en": "Alexandropol"}, summary={"tr": "Özet"}
    )
    written = json.loads(write_timelinejs(Timeline(events=(record,)), language="en"))["events"][0]
    assert written["text"] == {"headline": "Alexandropol", "text": "Özet"}


TRICKY = Timeline(
    events=(
        EventRecord(slug="ides-of-march", date_edtf="-0044-03-15", title={"en": "Ides of March"}, time="11:00"),
        EventRecord(slug="hijra", date_edtf="0622-09", title={"en": "Hijra"}, display_date="September 622"),
        EventRecord(slug="about", date_edtf="1920-09~", title={"en": "Around September"}),
        EventRecord(slug="maybe", date_edtf="1919?/1920", title={"en": "Perhaps 1919"}, display_date="1919 or so"),
        EventRecord(slug="open", date_edtf="1920-11/..", title={"en": "Open-ended"}),
        EventRecord(slug="year-zero", date_edtf="0000", title={"en": "1 BCE"}, group="Antiquity"),
        EventRecord(
            slug="media",
            date_edtf="-2500/-2400",
            title={"en": "Pyramids & <things>"},
            summary={"en": "<p>Built <em>slowly</em></p>"},
            media=(MediaLink(url="https://a.org/p.jpg", caption="<b>c</b>", credit="k", alt="alt", title="t"),),
            background="#a0b0c0",
        ),
    )
)


def test_tricky_cases_round_trip():
    written = write_timelinejs(TRICKY, language="en")
    again = read_timelinejs(written.encode(), language="en")
    assert again.ok, again.problems
    assert [_without_row(e) for e in again.timeline.events] == list(TRICKY.events)


def test_title_slide_and_eras_round_trip():
    quote = MediaLink(quote="<blockquote>Hürriyet ve istiklal benim karakterimdir.</blockquote>", credit="Atatürk")
    timeline = Timeline(
        title=TitleSlide(
            title={"en": "Antiquity & after"},
            summary={"en": "<p>From <b>Sumer</b></p>"},
            media=(quote,),
            background="https://a.org/bg.jpg",
            source_row="title",
        ),
        eras=(
            EraRecord(date_edtf="-3000/-0539", title={"en": "Mesopotamia"}, source_row="era 1"),
            EraRecord(
                date_edtf="0610/0632-06", title={"en": "Revelation"}, summary={"en": "<p>x</p>"}, source_row="era 2"
            ),
        ),
    )
    again = read_timelinejs(write_timelinejs(timeline, language="en").encode(), language="en")
    assert again.ok, again.problems
    assert again.timeline == timeline


def test_qualified_dates_keep_their_qualifier_in_display_date():
    written = json.loads(write_timelinejs(TRICKY, language="en"))["events"]
    about = next(e for e in written if e["unique_id"] == "about")
    assert about["start_date"] == {"year": "1920", "month": "9", "day": ""}
    assert about["display_date"] == "1920-09~"
    year = next(e for e in written if e["unique_id"] == "year-zero")
    assert year["start_date"] == {"year": "0", "month": "", "day": ""}


def _without_row(record: EventRecord) -> EventRecord:
    from dataclasses import replace

    return replace(record, source_row="")
