"""A visitor finding, reading and taking things away (issue 8): the one search, the list of events in view,
aid in numbers, related events, the downloaded map offline, and the page on a phone."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import query

pytestmark = pytest.mark.browser

SEARCH_EN = "Search events, places, people, sources"


def test_gumru_finds_alexandropol_and_picking_it_selects_the_place(open_atlas):
    page = open_atlas("?lang=en")
    page.get_by_role("combobox", name=SEARCH_EN).fill("gumru")

    place = page.locator("[role=option][data-kind=places]")
    expect(place).to_have_count(1)
    expect(place).to_contain_text("Alexandropol")
    expect(page.locator("[role=option][data-kind=events]").first).to_be_visible()  # Capture of Gümrü…
    place.click()
    assert query(page)["place"] == "test-gyumri"


def test_an_event_found_is_selected_everywhere(open_atlas):
    page = open_atlas("?lang=en")
    page.get_by_role("combobox", name=SEARCH_EN).fill("STALIN")
    page.locator("[role=option][data-kind=events]").filter(has_text="interview with Stalin").click()

    assert query(page)["event"] == "test-stalin-interview"
    expect(page.locator(".panel-title")).to_have_text("Memduh Şevket Bey's interview with Stalin")
    expect(page.locator(".event-list-table tr.is-selected")).to_have_attribute("data-slug", "test-stalin-interview")


@pytest.mark.parametrize(("typed", "said"), [("x" * 10_000, "at most 200"), ("?!…;,.", "letter or digit")])
def test_a_search_that_cannot_be_made_says_what_to_write(open_atlas, typed, said):
    page = open_atlas("?lang=en")
    page.get_by_role("combobox", name=SEARCH_EN).fill(typed)

    expect(page.locator(".search-message")).to_contain_text(said)
    expect(page.locator("[role=listbox] [role=option]")).to_have_count(0)


def test_the_list_follows_the_timelines_window(open_atlas):
    page = open_atlas("?lang=en")
    every = page.evaluate("() => window.chronoatlas.sequence()")
    page.wait_for_function("n => window.chronoatlas.listed().length === n", arg=len(every))

    # Zoom the timeline in and bring one event on screen: the list narrows to what is on screen.
    page.evaluate("() => window.chronoatlas.timeline.zoom(40)")
    page.evaluate("() => window.chronoatlas.store.set({event: 'test-treaty-of-moscow'})")
    page.wait_for_function("() => window.chronoatlas.listed().includes('test-treaty-of-moscow')")
    listed = page.evaluate("() => window.chronoatlas.listed()")
    assert "test-treaty-of-moscow" in listed
    assert "test-letter-to-lenin" not in listed
    expect(page.locator(".event-list-table tbody tr")).to_have_count(len(listed))

    # Sorting by title is a button in the column's header; the table says how it is sorted.
    page.locator("#event-list-box summary").click()
    page.get_by_role("button", name="Event", exact=True).click()
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Event")


def test_selecting_in_the_list_selects_on_the_timeline_and_in_the_url(open_atlas):
    page = open_atlas("?lang=en")
    page.locator("#event-list-box summary").click()
    page.locator(".event-list-table a", has_text="Letter to Lenin").click()

    assert query(page)["event"] == "test-letter-to-lenin"
    expect(page.locator(".panel-title")).to_have_text("Letter to Lenin")


def _sums(lines):
    sums = defaultdict(float)
    for line in lines:
        sums[(line["donor"] or "", line["kind"], line["status"], line["unit"])] += line["quantity"]
    return dict(sums)


def _shown(figures):
    return {
        (
            figure.get_attribute("data-donor"),
            figure.get_attribute("data-kind"),
            figure.get_attribute("data-status"),
            figure.get_attribute("data-unit"),
        ): float(figure.get_attribute("data-total"))
        for figure in figures.all()
    }


def test_aid_totals_equal_the_sums_of_the_aid_lines_in_the_api(open_atlas, live_server):
    page = open_atlas("?lang=en")
    lines = page.request.get(f"{live_server.url}/api/v1/aid/").json()
    expected = _sums(lines)
    assert {status for _, _, status, _ in expected} >= {"promised", "delivered"}, "the corpus has both"

    page.locator("#aid-box summary").click()
    figures = page.locator(".aid-whole .aid-figure")
    expect(figures).to_have_count(len(expected))
    assert _shown(figures) == expected
    # Each figure says donor, status and amount in words (not colour alone) and opens the lines behind it.
    first = figures.first
    expect(page.locator(".aid-whole .aid-donor").first).to_contain_text("Soviet Russia")
    expect(first.locator(".aid-label")).to_contain_text(re.compile(r"(promised|delivered|requested): .*\d"))
    first.locator("summary").click()
    expect(first.locator(".aid-lines a").first).to_be_visible()
    expect(first.locator(".aid-lines cite").first).to_be_visible()

    # The window on screen: the lines whose events overlap the window the chart reports.
    chart = page.locator("#aid-chart")
    expect(chart).to_have_attribute("data-window", re.compile(r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d"))
    after, before = chart.get_attribute("data-window").split("/")
    in_view = [
        line
        for line in lines
        if (not line["end"] or line["end"] >= after) and (not line["start"] or line["start"] <= before)
    ]
    window_figures = page.locator(".aid-window .aid-figure")
    expect(window_figures).to_have_count(len(_sums(in_view)))
    assert _shown(window_figures) == _sums(in_view)


def test_the_panel_offers_related_events_to_follow(open_atlas):
    page = open_atlas("?event=test-gumru-taken&lang=en")
    thread = page.locator(".panel-section-related")
    expect(thread).to_be_visible()
    expect(thread).to_contain_text("At the same place")
    thread.get_by_role("link", name="Treaty of Alexandropol").first.click()
    assert query(page)["event"] == "test-treaty-of-gumru"


def test_the_downloaded_map_opens_offline_and_links_nothing_outside(open_atlas, browser, tmp_path):
    page = open_atlas("?event=test-treaty-of-kars&lang=en")
    with page.expect_download() as download_info:
        page.locator("#download-map").click()
    path = tmp_path / "map.html"
    download_info.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert re.search(r"https?://", html) is None

    offline = browser.new_page()
    asked = []

    def block(route):
        asked.append(route.request.url)
        route.abort()

    offline.route(re.compile(r"^(?!file:).*"), block)
    errors = []
    offline.on("pageerror", lambda error: errors.append(str(error)))
    offline.goto(path.as_uri())
    # The basemap (land and borders: long outlines) and the day's layers over it are drawn.
    lengths = "[...document.querySelectorAll('.leaflet-overlay-pane path')].map(p => p.getAttribute('d').length)"
    offline.wait_for_function(f"() => {lengths}.filter(n => n > 5000).length >= 2")
    offline.wait_for_function(f"() => {lengths}.filter(n => n > 20 && n < 5000).length >= 3")
    assert errors == []
    assert [url for url in asked if not url.startswith("data:")] == []
    offline.close()


def test_on_a_phone_nothing_scrolls_sideways_and_a_linked_event_is_on_the_first_screen(browser, live_server):
    phone = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    phone.goto(f"{live_server.url}/?event=test-treaty-of-moscow&lang=en")
    phone.wait_for_selector("html[data-ready]")

    wide = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0
    title = phone.locator(".panel-title").bounding_box()
    assert title["y"] >= 0 and title["y"] + title["height"] <= 740
    phone.close()


def test_on_a_phone_the_event_is_a_sheet_over_the_map_that_shrinks_to_free_the_map(browser, live_server):
    phone = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    phone.goto(f"{live_server.url}/?event=test-treaty-of-moscow&lang=en")
    phone.wait_for_selector("html[data-ready]")
    under = "(y) => document.elementFromPoint(180, y).closest('#map, #sheet')?.id"
    sheet_top = phone.locator("#sheet").bounding_box()["y"]
    map_box = phone.locator("#map").bounding_box()
    assert map_box["y"] < sheet_top < map_box["y"] + map_box["height"], "the sheet lies over the map's lower part"
    low = (sheet_top + map_box["y"] + map_box["height"]) / 2
    assert phone.evaluate(under, low) == "sheet"

    handle = phone.get_by_role("button", name="Open or shrink the event panel")
    handle.click()
    expect(handle).to_have_attribute("aria-expanded", "false")
    assert phone.evaluate(under, low) == "map"  # the map there can be panned and zoomed again
    expect(phone.locator(".panel-title")).to_be_in_viewport()
    handle.click()
    expect(handle).to_have_attribute("aria-expanded", "true")
    phone.close()
