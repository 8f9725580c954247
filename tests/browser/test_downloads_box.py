"""The downloads box names each file's size once a visitor opens it, in the page's language."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_opening_the_downloads_box_shows_every_files_size(open_atlas):
    page = open_atlas("?lang=en")
    sizes = page.locator("#downloads-box .download-size")
    assert sizes.first.inner_text() == ""  # not measured until asked for
    page.locator("#downloads-box summary").click()
    expect(sizes.last).to_have_text(re.compile(r"^\d[\d.,]* (B|kB|MB)$"))
    texts = sizes.all_inner_texts()
    assert len(texts) == 7 and all(re.fullmatch(r"\d[\d.,]* (B|kB|MB)", text) for text in texts), texts
