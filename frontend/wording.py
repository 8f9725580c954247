"""The page's words on the server: its UI strings, the reader's language, and dates and locators worded as
the page's scripts word them. The atlas page and the classroom's pages (lesson_pages.py) both speak
through these, so a handout says what the projected page says.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from common.calendars import Calendar, month_name
from common.translation import language_codes
from frontend.dates import DateWords

# Where a page is named in a locator ("s. 193", "p. 12"): the last one. panel.js's locatorText does the same.
PAGE_IN_LOCATOR = re.compile(r"^(.*)\b((?:s|p|pp)\.\s*\d)", re.DOTALL)


def locator_text(locator: str, estimated: bool) -> str:
    """A locator as shown: an estimated page says so where the page is named ("atıf: Tekinsoy 2025, ≈ s. 192")."""
    if not locator or not estimated:
        return locator or ""
    text, found = PAGE_IN_LOCATOR.subn(r"\1≈ \2", locator, count=1)
    return text if found else f"≈ {locator}"


def with_locator_texts(citations: list[dict]) -> list[dict]:
    """The API's citations, each with its locator as shown (`locator_text`), for a server-rendered page."""
    return [{**c, "locator_text": locator_text(c["locator"], c["locator_estimated"])} for c in citations]


# The page's UI strings, in every language: read by the server for its first paint and sent with the page
# (json_script) for the scripts, so both say the same words. Gregorian month names are the calendars' own.
STRINGS_FILE = Path(__file__).resolve().parent / "static" / "frontend" / "core" / "strings.json"


@cache
def page_strings() -> dict[str, dict]:
    """Every language's UI strings, with the month names common/calendars.py keeps."""
    strings = json.loads(STRINGS_FILE.read_text(encoding="utf-8"))
    for lang, block in strings.items():
        block["months"] = [month_name(Calendar.GREGORIAN, month, lang) for month in range(1, 13)]
    return strings


def page_language(request) -> str:
    """?lang= when the page speaks it, else the browser's preference (Accept-Language), else Turkish."""
    codes = language_codes()
    requested = request.GET.get("lang")
    if requested in codes:
        return requested
    negotiated = translation.get_language_from_request(request)
    return negotiated if negotiated in codes else settings.LANGUAGE_CODE


def event_date_text(event: dict, lang: str) -> str:
    """An event's date in words, exactly as the page's dates.js writes it (one table of cases tests both)."""
    strings = page_strings().get(lang) or page_strings()[settings.LANGUAGE_CODE]
    return DateWords(strings).record(event)  # the row's own `window` flag: the server decides it once
