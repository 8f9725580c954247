"""Dates as historians write them, in a real browser: disputed dates with each reading's sources, dates as
the source wrote them (Rumi), windows between events, and places named as they were on the day."""

from __future__ import annotations

import json

import pytest
from helpers import click_event, map_point, query, selected, wait_for_map_near
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GYUMRI = (40.7894, 43.8475)


def hover_place(page, lat: float, lng: float) -> None:
    point = map_point(page, lat, lng)
    page.mouse.move(point["x"], point["y"])


def test_a_disputed_date_shows_every_reading_with_its_own_sources(open_atlas):
    page = open_atlas("?event=test-stalin-interview")

    expect(page.locator(".panel-date time")).to_have_text("5 Kasım 1920")
    badge = page.locator(".panel-date .panel-badge")
    expect(badge).to_have_text("Tartışmalı")
    # The supported reading's sources, apart from the others'.
    expect(page.locator(".panel-sources li")).to_have_text(
        ["TDA, 571/3424-136608-31, 04.12.1920", "Tekinsoy, 2025, s. 197"]
    )
    readings = page.locator(".panel-alternative")
    expect(readings).to_have_count(2)
    expect(readings.nth(0).locator(".panel-alternative-reading")).to_have_text("12 Ağustos 1920")
    expect(readings.nth(0).locator(".panel-alternative-note")).to_contain_text("Makalenin sonuç bölümü")
    expect(readings.nth(0).locator(".panel-alternative-sources li")).to_have_text(["Tekinsoy, 2025, s. 200"])
    expect(readings.nth(1).locator(".panel-alternative-reading")).to_have_text("4 Aralık 1920")
    expect(readings.nth(1).locator(".panel-alternative-sources li")).to_have_text(
        ["TDA, 571/3424-136608-31, 571/3424-136608-31"]
    )

    badge.click()  # leads the keyboard to the other readings
    expect(page.locator(".panel-section-alternatives h3")).to_be_focused()

    page.get_by_role("button", name="EN", exact=True).click()

    expect(page.locator(".panel-date .panel-badge")).to_have_text("Disputed")
    expect(page.locator(".panel-section-alternatives h3")).to_have_text("Disputed: other readings")
    expect(readings.nth(0).locator(".panel-alternative-reading")).to_have_text("12 August 1920")
    expect(readings.nth(0).locator(".panel-alternative-note")).to_contain_text("The article's conclusion")


def test_the_timeline_says_a_selected_date_is_disputed(open_atlas):
    page = open_atlas("?event=test-eastern-campaign")
    page.locator(".timeline-stage").focus()

    page.keyboard.press("ArrowRight")

    assert selected(page) == "test-stalin-interview"
    expect(page.locator(".timeline [aria-live]")).to_contain_text("5 Kasım 1920 (tartışmalı)")
    expect(page.locator(".timeline-legend")).to_contain_text("Tartışmalı tarih")


def test_a_place_is_named_as_it_was_on_the_selected_events_day(open_atlas):
    page = open_atlas("?lang=en")
    label = page.locator(".leaflet-tooltip.map-label")

    click_event(page, "test-gumru-taken")

    expect(page.locator(".panel-title")).to_have_text("Capture of Gümrü")
    expect(label).to_have_text("Alexandropol")
    expect(page.locator(".panel-section-places button")).to_have_text(["Alexandropol"])

    click_event(page, "test-renamed-leninakan")

    expect(page.locator(".panel-title")).to_have_text("The town is renamed Leninakan")
    expect(label).to_have_text("Leninakan")
    expect(page.locator(".panel-section-places button")).to_have_text(["Leninakan"])

    wait_for_map_near(page, *GYUMRI, tolerance=0.05)
    hover_place(page, *GYUMRI)  # the other names on hover
    expect(label).to_contain_text("also: Gümrü, Alexandropol, Gyumri")

    page.get_by_role("button", name="TR", exact=True).click()  # a Turkish reader meets the Turkish name
    expect(page.locator(".panel-section-places button")).to_have_text(["Gümrü"])


def test_a_window_between_events_reads_between_and_links_to_them(open_atlas):
    page = open_atlas("?event=test-armistice-asked&lang=en")

    expect(page.locator(".panel-date")).to_have_text("sometime between 7 November and 3 December 1920")
    relations = page.locator(".panel-relations")
    expect(relations).to_have_text("after Capture of Gümrü, before Treaty of Alexandropol")

    relations.get_by_role("link", name="Treaty of Alexandropol").click()

    expect(page.locator(".panel-title")).to_have_text("Treaty of Alexandropol")
    assert query(page)["event"] == "test-treaty-of-gumru"
    page.go_back()
    expect(page.locator(".panel-title")).to_have_text("Armenia asks for an armistice")

    page.get_by_role("button", name="TR", exact=True).click()
    expect(page.locator(".panel-date")).to_have_text("7 Kasım – 3 Aralık 1920 arasında bir tarihte")
    expect(relations).to_have_text("Gümrü'nün alınması sonrasında, Gümrü Antlaşması öncesinde")


def test_an_approximate_month_reads_around(open_atlas):
    page = open_atlas("?event=test-eastern-campaign&lang=en")

    expect(page.locator(".panel-date")).to_have_text("around September 1920")


def test_a_date_written_in_the_rumi_calendar_shows_as_written_and_as_the_gregorian_day(open_atlas):
    page = open_atlas("?event=test-gumru-taken")

    expect(page.locator(".panel-date")).to_have_text("7 Kasım 1920")
    expect(page.locator(".panel-written")).to_have_text("kaynakta: 7 Teşrinisani 1336 (Rumî) = 7 Kasım 1920")
    # The other calendars of the day, not the Rumi one again.
    expect(page.locator(".panel-calendars")).to_have_text("Diğer takvimlerde: 24 Safer 1339 (Hicrî)")

    page.get_by_role("button", name="EN", exact=True).click()

    expect(page.locator(".panel-written")).to_have_text("in the source: 7 Teşrinisani 1336 (Rumi) = 7 November 1920")


def test_an_ambiguous_rumi_year_gives_both_readings(page, live_server):
    def ambiguous(route):
        event = route.fetch().json()
        event["written"] = {"text": "20 Kânunusani 1336", "calendar": "rumi", "readings": ["1920-01-20", "1921-01-20"]}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(event))

    page.route("**/api/v1/events/test-gumru-taken/**", ambiguous)
    page.goto(f"{live_server.url}/?event=test-gumru-taken&lang=en")

    expect(page.locator(".panel-written")).to_have_text("in the source: 20 Kânunusani 1336 (Rumi)")
    expect(page.locator(".panel-ambiguous")).to_have_text(
        "Rumi year start is ambiguous for January–February 1918–1925: 20 January 1920 or 1921"
    )


def _position(page, kind: str) -> int:
    """Where the first option of `kind` stands in the search's list."""
    kinds = page.eval_on_selector_all("[role=option]", "options => options.map(o => o.dataset.kind)")
    return kinds.index(kind)


def test_a_place_is_found_by_any_of_its_names_without_diacritics(open_atlas):
    page = open_atlas()
    box = page.get_by_role("combobox", name="Ara: olay, yer, kişi, kaynak")

    box.focus()
    page.keyboard.type("gumru")

    option = page.locator("[role=option][data-kind=places]")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Gümrü")
    expect(option).to_contain_text("Alexandropol")
    count = page.locator("[role=listbox] [role=option]").count()
    expect(page.locator(".place-search [aria-live]")).to_have_text(f"{count} sonuç bulundu")
    for _ in range(_position(page, "places") + 1):
        page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")

    expect(page.locator(".panel-place")).to_contain_text("Gümrü: 4 olay")
    assert query(page)["place"] == "test-gyumri"
    expect(page.locator(".panel-title")).to_have_text("Gümrü'nün alınması")
    expect(page.locator("#place-search [role=listbox]")).to_be_hidden()


def test_a_place_is_found_by_a_former_name_in_english(open_atlas):
    page = open_atlas("?lang=en")
    box = page.get_by_role("combobox", name="Search events, places, people, sources")

    box.fill("leninakan")
    page.locator("[role=option][data-kind=places]").filter(has_text="Gyumri").click()

    assert query(page)["place"] == "test-gyumri"
    expect(page.locator(".panel-place")).to_contain_text("4 events")
