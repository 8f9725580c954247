import json
import os

import pytest
from django.test import override_settings

from interchange.formats import read_events, recognise_format, write_events
from interchange.plain_csv import columns
from interchange.records import FormatError
from interchange.timelinejs_sheet import HEADER

LATIN_1_CSV = "date,title_tr,title_en\n1920-12-03,Gümrü önünde,Before Gümrü\n".encode("latin-1")


def test_both_samples_are_recognised(json_sample, sheet_sample):
    assert recognise_format(json_sample) == "timelinejs"
    assert recognise_format(sheet_sample) == "timelinejs-csv"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (",".join(columns()).encode() + b"\n", "csv"),
        (b"slug,date,title_en\nx,1920,X\n", "csv"),
        (b"\xef\xbb\xbf" + ",".join(HEADER).encode() + b",,\n", "timelinejs-csv"),  # BOM, trailing empty columns
        (b'{"events": []}', "timelinejs"),
        (b"events:\n  - slug: treaty\n    date: 1921-03-16\nplaces: []\n", "corpus"),
        (json.dumps({"events": [{"slug": "a", "date": "1920"}], "places": []}).encode(), "corpus"),
    ],
)
def test_formats_are_recognised_from_the_content(content, expected):
    assert recognise_format(content) == expected


def test_a_corpus_folder_is_recognised(tmp_path):
    (tmp_path / "events.yaml").write_text("events: []\n")
    assert recognise_format(tmp_path) == "corpus"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"title": {"text": {"headline": "x"}}}', "no `events` list (keys found: title)"),
        (b"[1, 2]", "not an object with `events`"),
        (b"Name,When\nx,1920\n", "first line has: Name, When"),
        (b"", "empty"),
        (b'{"events": [', "not valid JSON"),
    ],
)
def test_unrecognised_files_say_what_was_found(content, words):
    with pytest.raises(FormatError) as error:
        recognise_format(content)
    assert words in str(error.value)


def test_a_latin_1_file_is_refused_not_guessed():
    with pytest.raises(FormatError, match=r"not UTF-8.*line 2.*Save it as UTF-8"):
        read_events(LATIN_1_CSV, format="csv")
    with pytest.raises(FormatError, match="not UTF-8"):
        recognise_format(LATIN_1_CSV)


def test_a_utf16_file_is_refused_saying_so():
    with pytest.raises(FormatError, match="UTF-16"):
        read_events("date,title_tr,title_en\n1920,Kars,Kars\n".encode("utf-16"), format="csv")


def test_a_utf8_file_with_a_byte_order_mark_reads(json_sample):
    result = read_events(b"\xef\xbb\xbf" + json_sample.read_bytes(), language="en")
    assert result.ok and len(result.timeline.events) == len(json.loads(json_sample.read_text())["events"])


def test_a_50_mb_junk_file_is_refused_by_size_before_it_is_read(tmp_path, monkeypatch):
    junk = tmp_path / "junk.json"
    block = os.urandom(1024 * 1024)
    with junk.open("wb") as handle:
        for _ in range(50):
            handle.write(block)

    def must_not_read(*args, **kwargs):
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(type(junk), "read_bytes", must_not_read)
    with pytest.raises(FormatError, match=r"50\.0 MB, over the import limit of 10\.0 MB"):
        recognise_format(junk)
    with pytest.raises(FormatError, match="over the import limit"):
        read_events(junk, format="timelinejs")


def test_the_size_limit_is_a_setting(json_sample):
    with override_settings(INTERCHANGE_MAX_BYTES=1000), pytest.raises(FormatError, match=r"limit of 0\.0 MB"):
        read_events(json_sample)
    assert read_events(json_sample, limit=100_000).ok


def test_read_and_write_by_name_recognising_the_format(sheet_sample):
    result = read_events(sheet_sample, language="en")
    assert result.ok and result.timeline.title is not None
    for name in ("csv", "timelinejs", "timelinejs-csv"):
        written = write_events(result.timeline, format=name, language="en").encode()
        assert recognise_format(written) == name
        assert [e.slug for e in read_events(written, language="en").timeline.events] == [
            e.slug for e in result.timeline.events
        ]


def test_unknown_and_corpus_formats_are_named_in_the_error(json_sample):
    with pytest.raises(FormatError, match="Unknown format 'xlsx'"):
        read_events(json_sample, format="xlsx")
    with pytest.raises(FormatError, match="corpus loader"):
        read_events(json_sample, format="corpus")
