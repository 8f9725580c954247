"""Present mode and the presenter view: clicker keys, blanking, jumping, deep links, bad lessons, the two
windows in step, big type on a projector, and the map at rest under prefers-reduced-motion.

The lessons API is another branch's work: until it merges, these tests answer /api/v1/lessons/<slug>/ with
tests/browser/lessons/<slug>.json, a lesson in the shape that API sends."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.helpers import query

LESSONS = Path(__file__).parent / "lessons"
EMPTY = {"slug": "empty", "title": "Empty", "languages": ["tr", "en"], "steps": []}


def _serve_lessons(route) -> None:
    url = urlparse(route.request.url)
    slug = url.path.rstrip("/").rsplit("/", 1)[-1]
    lang = parse_qs(url.query).get("lang", ["tr"])[0]
    if slug == "empty":
        return route.fulfill(json=EMPTY)
    path = LESSONS / f"{slug}.json"
    if not path.exists():
        return route.fulfill(status=404, json={"detail": "Not found."})
    route.fulfill(json=json.loads(path.read_text(encoding="utf-8"))[lang])


@pytest.fixture
def present(page, live_server):
    """Open present (or presenter) mode at `query` with the lessons API answered from the fixtures."""

    def _open(query: str, target=None):
        target = target or page
        target.context.route("**/api/v1/lessons/**", _serve_lessons)
        target.goto(f"{live_server.url}/{query}")
        target.wait_for_selector("html[data-ready]")
        return target

    return _open


def _progress(page) -> str:
    return page.locator(".present-progress").first.inner_text()


def _title(page) -> str:
    return page.locator(".present-title").first.inner_text()


def test_clicker_and_keyboard_keys_step_through_the_lesson(present):
    page = present("?lang=en&mode=present&lesson=road-to-moscow&step=1")
    assert _title(page) == "A letter to Lenin"
    assert _progress(page) == "Step 1 of 4"
    assert page.locator(".panel").is_hidden() and page.locator("#timeline").is_hidden()

    for key, step in [("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), ("Space", 3), ("ArrowLeft", 2)]:
        page.keyboard.press(key)
        page.wait_for_function("n => new URL(location.href).searchParams.get('step') === n", arg=str(step))
        assert _progress(page) == f"Step {step} of 4"
    assert _title(page) == "A delegation to Moscow"
    assert page.locator("#present-live").inner_text() == "Step 2 of 4: A delegation to Moscow"

    page.keyboard.press("End")
    page.wait_for_function("() => new URL(location.href).searchParams.get('step') === '4'")
    assert _title(page) == "The Treaty of Moscow"
    page.keyboard.press("Home")
    page.wait_for_function("() => new URL(location.href).searchParams.get('step') === '1'")

    page.keyboard.type("4")
    assert "4" in page.locator(".present-jump").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URL(location.href).searchParams.get('step') === '4'")
    assert query(page)["on"] == "1921-03-16"  # the map stands at the step's date


def test_b_and_full_stop_blank_the_screen_f_goes_full_screen_and_escape_leaves(present):
    page = present("?lang=en&mode=present&lesson=road-to-moscow&step=2")
    page.keyboard.press("b")
    assert page.locator("#present-blank").is_visible()
    page.keyboard.press("b")
    assert page.locator("#present-blank").is_hidden()
    page.keyboard.press(".")
    assert page.locator("#present-blank").is_visible()
    page.keyboard.press("ArrowLeft")  # a step brings the picture back, as on a projector
    assert page.locator("#present-blank").is_hidden()

    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")

    page.keyboard.press("Escape")
    page.wait_for_function("() => document.documentElement.dataset.mode === 'explore'")
    assert "mode" not in query(page) and "step" not in query(page)
    assert page.locator("#timeline").is_visible() and page.locator("#present").is_hidden()
    assert query(page)["event"] == "test-letter-to-lenin"  # explore opens on the step left


def test_a_deep_link_opens_its_step_and_switching_language_keeps_it(present):
    page = present("?lang=tr&mode=present&lesson=road-to-moscow&step=4")
    assert _title(page) == "Moskova Antlaşması"
    assert _progress(page) == "Adım 4 / 4"
    page.locator(".present-controls [data-lang='en']").click()
    page.wait_for_function("() => document.querySelector('.present-title')?.textContent === 'The Treaty of Moscow'")
    assert query(page)["step"] == "4" and query(page)["lang"] == "en"


def test_a_projector_gets_big_type(present, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    present("?lang=en&mode=present&lesson=road-to-moscow&step=1")
    title = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.present-title')).fontSize)")
    body = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.present-summary')).fontSize)")
    assert title >= 40 and body >= 28


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("lesson=road-to-moscow&step=99", "has no step 99 (it has 4); the last step is shown"),
        ("lesson=road-to-moscow&step=3", "This step's event (test-gone-event) is no longer published."),
        ("lesson=empty", "has no steps yet"),
        ("lesson=no-such-lesson", "There is no lesson “no-such-lesson”"),
    ],
)
def test_a_bad_lesson_or_step_is_explained_in_the_lesson(present, link, message):
    page = present(f"?lang=en&mode=present&{link}")
    notice = page.locator(".present-notice")
    assert message in notice.inner_text()
    assert page.locator(".present-controls [data-present='leave']").is_visible()


def test_without_a_lesson_present_mode_steps_through_the_events_in_view(present):
    page = present("?lang=en&mode=present")
    listed = page.evaluate("() => window.chronoatlas.listed().length || window.chronoatlas.sequence().length")
    assert _progress(page) == f"Step 1 of {listed}"
    first = _title(page)
    page.keyboard.press("PageDown")
    page.wait_for_function("t => document.querySelector('.present-title').textContent !== t", arg=first)
    assert _progress(page) == f"Step 2 of {listed}"


def test_the_presenter_window_follows_the_projected_one_and_back(present, page):
    projected = present("?lang=en&mode=present&lesson=road-to-moscow&step=1")
    presenter = present("?lang=en&mode=presenter&lesson=road-to-moscow&step=1", target=page.context.new_page())
    assert "Ask about the letter's date." in presenter.locator(".presenter-notes").inner_text()
    assert "A delegation to Moscow" in presenter.locator(".presenter-next").inner_text()
    assert presenter.locator(".presenter-clock").inner_text()

    projected.bring_to_front()
    projected.keyboard.press("ArrowRight")
    presenter.wait_for_function("() => document.querySelector('.present-progress').textContent === 'Step 2 of 4'")
    assert "A delegation to Moscow" in presenter.locator(".presenter-current").inner_text()

    presenter.bring_to_front()
    presenter.keyboard.press("End")
    projected.wait_for_function("() => document.querySelector('.present-title').textContent === 'The Treaty of Moscow'")
    presenter.locator("[data-present='blank']").click()
    projected.wait_for_function("() => !document.getElementById('present-blank').hidden")


def test_p_opens_the_presenter_view_on_the_current_step(present, page):
    present("?lang=en&mode=present&lesson=road-to-moscow&step=2")
    with page.context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    presenter.wait_for_selector(".presenter-current .present-title")
    assert "mode=presenter" in presenter.url and "step=2" in presenter.url


def test_under_reduced_motion_the_map_jumps_to_the_step_without_flying(present, page):
    page.emulate_media(reduced_motion="reduce")
    present("?lang=en&mode=present&lesson=road-to-moscow&step=1")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('step') === '2'")
    center = page.evaluate("() => { const c = window.chronoatlas.map.getCenter(); return [c.lat, c.lng]; }")
    assert abs(center[0] - 55.75) < 0.01 and abs(center[1] - 37.62) < 0.01


def test_the_present_button_starts_present_mode_from_explore(open_atlas):
    page = open_atlas("?lang=en")
    page.locator("[data-present='start']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.dataset.mode === 'present'")
    assert _progress(page).startswith("Step 1 of ")


def test_a_printed_step_shows_the_step_and_no_buttons(present, page):
    present("?lang=en&mode=present&lesson=road-to-moscow&step=1")
    page.emulate_media(media="print")
    assert page.locator(".present-title").is_visible()
    assert page.locator(".present-summary").inner_text() == "Ankara asks for help."
    assert page.locator(".present-controls").is_hidden()
