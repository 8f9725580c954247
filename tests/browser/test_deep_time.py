"""A history of the universe in a real browser: a TimelineJS file of 13.8 billion years imported into its own
collection, its page's axis in billions and millions of years, its events in their order, its introduction
and its eras on show, and a map with nothing to pin left quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from helpers import click_event, selected
from playwright.sync_api import expect

from common.dates import day_number

pytestmark = pytest.mark.browser

UNIX_EPOCH_DAY = 2440588  # the day number of 1970-01-01, the page's day 0
UNIVERSE = Path(__file__).parents[1] / "interchange" / "timelines" / "history_of_the_universe.json"
IN_ORDER = [
    "big-bang",
    "first-stars",
    "sun",
    "earth",
    "first-life",
    "cambrian",
    "dinosaurs",
    "first-humans",
    "gobekli-tepe",
    "assembly-1920",
]


@pytest.fixture
def universe_page(open_atlas, page):
    call_command("import_events", str(UNIVERSE), lang="en", collection="universe", publish=True, verbosity=0)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    opened = open_atlas("?collection=universe&lang=en")
    opened.evaluate("() => window.chronoatlas.timeline.showAll({ animate: false })")
    page.wait_for_function("() => window.chronoatlas.timeline.drawn().axis.length > 0")
    return opened, errors


def _drawn(page) -> dict:
    return page.evaluate("() => window.chronoatlas.timeline.drawn()")


def test_the_axis_reads_in_billions_of_years_and_the_events_keep_their_order(universe_page):
    page, errors = universe_page

    axis = _drawn(page)["axis"]
    assert any(label.endswith("billion years ago") for label in axis), axis
    assert page.evaluate("() => window.chronoatlas.sequence()") == IN_ORDER
    # Drawn left to right in the same order, as far as the lanes show them at this scale.
    xs = [page.evaluate(f"() => window.chronoatlas.positionOf('{slug}')") for slug in IN_ORDER]
    placed = [position["x"] for position in xs if position]
    assert len(placed) >= 3 and placed == sorted(placed)
    assert errors == []


def test_zoomed_in_on_the_cambrian_the_axis_reads_in_millions(universe_page):
    page, _errors = universe_page
    click_event(page, "cambrian")
    assert selected(page) == "cambrian"
    expect(page.locator(".panel-date time")).to_have_text("538.8 million years ago")

    # 200 million years across the timeline, the Cambrian in the middle.
    cambrian = day_number(-538800000, 1, 1) - UNIX_EPOCH_DAY
    page.evaluate(
        """(day) => {
          const timeline = window.chronoatlas.timeline;
          const { left, right } = timeline.view();
          timeline.zoom((right - left) / (200e6 * 365.2425));
          timeline.revealDay(day, { animate: false });
        }""",
        cambrian,
    )
    page.wait_for_function("() => window.chronoatlas.timeline.drawn().axis.some((l) => l.includes('million'))")
    assert not any("billion" in label for label in _drawn(page)["axis"])
    assert page.evaluate("() => window.chronoatlas.positionOf('cambrian')")  # still on screen, now apart


def test_the_introduction_shows_and_folds_away_and_the_eras_are_named(universe_page):
    page, _errors = universe_page

    intro = page.locator("details.collection-intro")
    expect(intro).to_have_attribute("open", "")
    expect(intro).to_contain_text("13.8 billion years in ten slides")
    intro.locator("summary").click()
    expect(intro.locator(".collection-intro-text")).to_be_hidden()
    assert {"Before the Sun", "Precambrian"} <= set(_drawn(page)["eras"])


def test_events_without_places_leave_the_map_quiet_and_the_turkish_page_says_deep_time(open_atlas, page):
    call_command("import_events", str(UNIVERSE), lang="en", collection="universe", publish=True, verbosity=0)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page = open_atlas("?collection=universe&event=big-bang")

    expect(page.locator(".panel-date time")).to_have_text("13,8 milyar yıl önce")
    state = page.evaluate("() => window.chronoatlas.mapState()")
    assert state["areas"] == [] and not any(state["routes"].values())
    assert errors == []


def test_the_sources_display_date_is_the_panels_date_in_its_language(open_atlas, page):
    call_command("import_events", str(UNIVERSE), lang="en", collection="universe", publish=True, verbosity=0)
    page = open_atlas("?collection=universe&event=big-bang&lang=en")

    expect(page.locator(".panel-date time")).to_have_text("About 13.8 billion years ago")
    page.get_by_role("button", name="TR", exact=True).click()
    expect(page.locator(".panel-date time")).to_have_text("13,8 milyar yıl önce")  # the file had no Turkish one


def test_the_universes_page_has_no_serious_accessibility_violation(universe_page):
    from test_accessibility import _serious_violations

    page, _errors = universe_page
    assert _serious_violations(page) == []
