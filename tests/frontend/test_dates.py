"""The server's date wording (first paint) against the table of cases node's tests run on dates.js."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from common.calendars import Calendar, month_name
from frontend.dates import DateWords
from frontend.wording import page_strings

CASES = json.loads((Path(__file__).parents[1] / "cases" / "date_wording.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{case['lang']}-{case['text']}" for case in CASES])
def test_the_server_says_every_date_as_the_page_does(case):
    assert DateWords(page_strings()[case["lang"]]).record(case["record"]) == case["text"]


def test_the_page_names_gregorian_months_as_the_calendars_do():
    for lang, strings in page_strings().items():
        assert strings["months"] == [month_name(Calendar.GREGORIAN, month, lang) for month in range(1, 13)]
