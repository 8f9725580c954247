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
    assert len(texts) == 9 and all(re.fullmatch(r"\d[\d.,]* (B|kB|MB)", text) for text in texts), texts


def test_a_collections_box_lists_its_own_files_with_their_sizes(open_atlas):
    from chronology.models import Collection
    from tests.factories import make_event, make_place

    computing = Collection.objects.create(slug="computing", title={"en": "Women in computing"})
    make_event(slug="eniac", collection=computing, places=[make_place(slug="philadelphia")])
    page = open_atlas("?collection=computing&lang=en")
    page.locator("#downloads-box summary").click()
    sizes = page.locator("#downloads-box .download-size")
    expect(sizes.last).to_have_text(re.compile(r"^\d[\d.,]* (B|kB|MB)$"))
    links = page.locator("#downloads-box a[download]")
    # No areas file: fronts and zones belong to no event, and this collection's map draws none.
    assert links.count() == sizes.count() == 8
    assert all("collection=computing" in href for href in links.evaluate_all("(all) => all.map((a) => a.href)"))
    assert all(re.fullmatch(r"\d[\d.,]* (B|kB|MB)", text) for text in sizes.all_inner_texts())


def test_after_a_language_switch_the_one_language_files_are_in_the_new_language(open_atlas):
    page = open_atlas("?lang=tr")
    page.locator(".lang-switch button[data-lang='en']").click()
    page.locator("#downloads-box summary").click()
    kml = page.locator("#downloads-box a[data-i18n='download_kml']")
    expect(kml).to_have_attribute("href", re.compile(r"lang=en"))
    expect(page.locator("#downloads-box a[data-i18n='download_timelinejs']")).to_have_attribute(
        "href", re.compile(r"lang=en")
    )


@pytest.mark.corpus("seed")
def test_a_lessons_page_lists_its_story_map_with_its_size(page, live_server):
    page.goto(f"{live_server.url}/lessons/road-to-the-moscow-treaty/?lang=en")
    page.wait_for_selector("html[data-ready]")
    page.locator("#downloads-box summary").click()
    story = page.locator("#downloads-box li", has=page.locator("a[data-i18n='download_storymap']"))
    expect(story.locator(".download-size")).to_have_text(re.compile(r"^\d[\d.,]* kB$"))
    expect(story.locator("a")).to_have_text("This lesson as a story map (StoryMapJS)")
