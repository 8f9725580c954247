"""The page's behaviour that issue 11 found wrong: windows on the timeline, the contrast preference, focus
while stepping, the map legend, undated events, plurals, the wheel, the pixel ratio, and scripts that fail."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WINDOW_EVENT = "test-armistice-asked"  # after the capture of Gümrü (7 Nov 1920), before its treaty (3 Dec)


def timeline_x(page, slug: str) -> float:
    position = page.evaluate("slug => window.chronoatlas.positionOf(slug)", slug)
    assert position, f"{slug} is not drawn"
    return position["x"]


def test_a_window_is_drawn_at_its_likeliest_day_and_announced_as_sometime_between(open_atlas):
    page = open_atlas(f"?event={WINDOW_EVENT}&lang=en")
    # Zoom in with Ctrl + wheel over the window, so the day under the pointer stays there.
    page.mouse.move(timeline_x(page, WINDOW_EVENT), page.locator(".timeline-stage").bounding_box()["y"] + 60)
    page.keyboard.down("Control")
    for _ in range(3):
        page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_timeout(200)

    opened, closed = timeline_x(page, "test-gumru-taken"), timeline_x(page, "test-treaty-of-gumru")
    middle = timeline_x(page, WINDOW_EVENT)
    # Drawn as a point halfway (20 November), not as a bar starting on the day its window opens.
    assert abs(middle - (opened + closed) / 2) < (closed - opened) * 0.1
    page.locator(".timeline-stage").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#timeline [aria-live]")).to_contain_text(
        "Armenia asks for an armistice, sometime between 7 November and 3 December 1920."
    )
    expect(page.locator(".timeline-legend")).to_contain_text("the faint band the window it falls in")


def test_the_reader_asking_for_more_contrast_gets_it_when_the_link_names_no_theme(page, live_server):
    page.emulate_media(contrast="more")
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("html[data-ready]")

    expect(page.locator("html")).to_have_attribute("data-theme", "contrast")
    page.goto(f"{live_server.url}/?theme=normal")
    expect(page.locator("html")).to_have_attribute("data-theme", "normal")


def test_the_panels_step_buttons_keep_the_keyboard_focus(open_atlas):
    page = open_atlas("?event=test-letter-to-lenin&lang=en")
    page.locator(".panel-stepper [data-step='1']").focus()

    page.keyboard.press("Enter")
    expect(page.locator(".panel-title")).to_have_text("The delegation travels to Moscow")
    page.keyboard.press("Enter")

    expect(page.locator(".panel-title")).to_have_text("The eastern campaign begins")
    assert page.evaluate("() => document.activeElement.dataset.step") == "1"


def test_the_map_legend_shows_data_as_text_never_as_markup(page, live_server):
    def routes_with_markup(route):
        body = route.fetch().json()
        body["features"][0]["properties"]["purpose"] = '<img src="x" onerror="window.injected = true">'
        route.fulfill(json=body)

    page.route("**/api/v1/routes/**", routes_with_markup)
    page.goto(f"{live_server.url}/?lang=en")
    page.wait_for_selector("html[data-ready]")
    page.locator(".map-legend summary").click()

    expect(page.locator(".map-legend")).to_contain_text('purpose.<img src="x"')
    assert page.locator(".map-legend img").count() == 0
    assert page.evaluate("() => window.injected") is None


def test_an_event_with_neither_bound_is_listed_but_not_drawn_and_does_not_stretch_show_all(page, live_server):
    def with_undated(route):
        index = route.fetch().json()  # the page's columnar index (chronology/api/index.py): one more row
        added = {"slug": "test-no-bounds", "date": "", "start": None, "end": None, "flags": 0}
        for column in ("slug", "title", "date", "start", "end", "precision", "category", "significance", "flags"):
            index[column].append(added.get(column, index[column][-1]))
        index["placeOffsets"].append(index["placeOffsets"][-1])
        index["routeOffsets"].append(index["routeOffsets"][-1])
        index["count"] += 1
        route.fulfill(json=index)

    page.route("**/api/v1/event-index/*", with_undated)
    page.goto(f"{live_server.url}/?lang=en")
    page.wait_for_selector("html[data-ready]")
    page.get_by_role("button", name="Show all").click()
    page.wait_for_timeout(500)

    assert "test-no-bounds" in page.evaluate("() => window.chronoatlas.sequence()")
    assert page.evaluate("() => window.chronoatlas.positionOf('test-no-bounds')") is None
    last_day = page.evaluate("() => window.chronoatlas.timeline.view().right")
    assert last_day < -365 * 40  # days since 1970 (negative before it): the view ends by 1930, not at 1970


def test_counts_of_one_are_singular(open_atlas):
    page = open_atlas("?place=test-baku&lang=en")
    expect(page.locator(".panel-place strong")).to_have_text("Baku: 1 event")

    # One source, cited by events but named by none.
    page.locator("#place-search").get_by_role("combobox").fill("Tekinsoy")
    expect(page.locator("#place-search [aria-live]")).to_have_text("1 result found")


def test_the_wheel_scrolls_past_the_timeline_and_zooms_it_only_when_asked(open_atlas):
    page = open_atlas("?lang=en")
    box = page.locator(".timeline-stage").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    scale = page.evaluate("() => window.chronoatlas.timeline.view().k")

    page.mouse.wheel(0, -300)
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.chronoatlas.timeline.view().k") == scale
    expect(page.locator(".timeline-hint")).to_be_visible()

    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.chronoatlas.timeline.view().k") > scale


def test_the_timeline_is_redrawn_sharp_after_moving_to_a_denser_screen(page, live_server):
    # Headless Chromium changes the pixel ratio on request but does not tell resolution queries, as a
    # desktop does when a window moves to another screen: the test keeps the page's queries to tell them.
    page.add_init_script(
        """(() => {
            const original = window.matchMedia.bind(window);
            window.resolutionQueries = [];
            window.matchMedia = (query) => {
                const list = original(query);
                if (query.includes("resolution")) window.resolutionQueries.push(list);
                return list;
            };
        })()"""
    )
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("html[data-ready]")
    width = page.evaluate("() => document.querySelector('.timeline-stage canvas').clientWidth")

    page.context.new_cdp_session(page).send(
        "Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 768, "deviceScaleFactor": 2, "mobile": False}
    )
    page.evaluate("() => window.resolutionQueries.forEach((list) => list.dispatchEvent(new Event('change')))")

    page.wait_for_function("w => document.querySelector('.timeline-stage canvas').width === 2 * w", arg=width)


@pytest.mark.parametrize(
    "script",
    [
        'import STRINGS from "./strings.json" with { type: "jsonx" }; STRINGS.x(',  # cannot be parsed
        'throw new Error("start-up failed");',
    ],
    ids=["syntax-error", "throws"],
)
def test_scripts_that_cannot_start_leave_a_visible_message(page, live_server, script):
    page.route(
        re.compile(r".*/static/frontend/main\.js$"),
        lambda route: route.fulfill(body=script, content_type="text/javascript"),
    )

    page.goto(f"{live_server.url}/?lang=en")

    expect(page.locator("#startup-error")).to_be_visible()
    expect(page.locator("#startup-error")).to_contain_text("The page's scripts could not run")


def test_a_page_that_starts_shows_no_start_up_error_and_takes_its_strings_from_the_page(open_atlas):
    page = open_atlas("?lang=en")
    strings = json.loads(page.locator("#atlas-strings").text_content())

    assert strings["en"]["months"][10] == "November"
    expect(page.locator(".timeline-stage")).to_have_attribute("aria-label", "Timeline")
    page.wait_for_load_state("load")
    expect(page.locator("#startup-error")).to_be_hidden()


def test_an_event_given_room_while_selected_gives_it_back_when_the_selection_moves_on(page, live_server):
    page.set_viewport_size({"width": 1366, "height": 420})  # a short timeline: too few lanes for every event
    page.goto(f"{live_server.url}/?lang=en")
    page.wait_for_selector("html[data-ready]")
    slugs = page.evaluate("() => window.chronoatlas.sequence()")
    drawn = {slug: page.evaluate("s => window.chronoatlas.positionOf(s)", slug) is not None for slug in slugs}
    crowded_out = next(slug for slug in slugs if not drawn[slug])
    other = next(slug for slug in slugs if drawn[slug])

    page.evaluate("s => window.chronoatlas.store.set({event: s})", crowded_out)
    page.wait_for_function("s => window.chronoatlas.positionOf(s) !== null", arg=crowded_out)
    page.evaluate("s => window.chronoatlas.store.set({event: s})", other)

    page.wait_for_function("s => window.chronoatlas.positionOf(s) === null", arg=crowded_out)
