"""A projected screen worth projecting (issue 19): every step of every seed lesson, on a 16:9 projector
and a 4:3 one, shows the step and nothing else, with nothing running off the screen, and the presenter
view follows the projected one without a lesson too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "lessons.yaml"
LESSONS = {lesson["slug"]: len(lesson["steps"]) for lesson in yaml.safe_load(SEED.read_text())["lessons"]}
SCREENS = [(1920, 1080), (1280, 720), (1024, 768)]
# The explore page's controls, useless to a class and too small to read from the back.
EXPLORE = [
    ".bar",
    "#place-search",
    "#time-control",
    "#download-map",
    ".timeline-legend",
    "#timeline",
    ".panel",
    "#event-list-box",
    "#aid-box",
    "#downloads-box",
    ".leaflet-control-zoom",
    "#lesson-bar",
]
# Screenshots for a person to look at, when asked: ROOM_SHOTS=/tmp/room pytest …
SHOTS = os.environ.get("ROOM_SHOTS")

# Every box of text on the stage: its own overflow, and whether it stands inside the screen.
MEASURE = """() => {
  const stage = document.getElementById('present');
  const boxes = [stage, ...stage.querySelectorAll('.present-text, .present-text *, .present-strip, .present-strip *')];
  const overflowing = boxes.filter(
    b => b.scrollHeight > b.clientHeight + 1 && getComputedStyle(b).overflow !== 'visible'
  ).map(b => b.className || b.tagName);
  const outside = [...stage.querySelectorAll('h1, p, q, cite, figcaption, span')].filter(b => {
    const r = b.getBoundingClientRect();
    return r.width && (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5);
  }).map(b => b.className || b.tagName);
  // A line cut by its box: a text box ending below the text column's bottom edge.
  const text = stage.querySelector('.present-text').getBoundingClientRect();
  const cut = [...stage.querySelectorAll('.present-text h1, .present-text p, .present-text figure')].filter(
    b => b.getBoundingClientRect().bottom > text.bottom + 0.5).map(b => b.className || b.tagName);
  const passages = [...stage.querySelectorAll('q')].map(q => q.textContent.trim());
  return {overflowing, outside, cut, passages};
}"""


def _step(page, n: int, count: int) -> None:
    page.wait_for_function(
        "t => document.querySelector('.present-progress')?.textContent === t", arg=f"Step {n} of {count}"
    )
    page.wait_for_function("() => document.fonts.status === 'loaded'")


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_every_step_fits_the_screen_and_shows_the_step_and_nothing_else(page, live_server, lesson, width, height):
    page.set_viewport_size({"width": width, "height": height})
    count = LESSONS[lesson]
    page.goto(f"{live_server.url}/?lang=en&mode=present&lesson={lesson}&step=1")
    page.wait_for_selector("html[data-ready]")
    for n in range(1, count + 1):
        _step(page, n, count)
        pages = 2 if page.locator(".present-page").count() else 1
        for turn in range(pages):
            measured = page.evaluate(MEASURE)
            where = f"{lesson} step {n} page {turn + 1} at {width}×{height}"
            assert measured["overflowing"] == [], where
            assert measured["outside"] == [], where
            assert measured["cut"] == [], where
            assert len(measured["passages"]) <= 1, where  # one quote, once
            shown = [selector for selector in EXPLORE if page.locator(selector).first.is_visible()]
            assert shown == [], where
            assert page.locator(".present-title").is_visible() and page.locator(".present-track").is_visible()
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{lesson}-{n}-{turn + 1}-{width}x{height}.png")
            page.keyboard.press("PageDown")


def test_body_type_is_at_least_28_px_on_a_1080p_projector_in_either_theme(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    lesson = "road-to-the-moscow-treaty"
    page.goto(f"{live_server.url}/?lang=en&mode=present&lesson={lesson}&step=1")
    page.wait_for_selector("html[data-ready]")
    size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
    colour = "s => getComputedStyle(document.querySelector(s)).backgroundColor"
    for n in range(1, LESSONS[lesson] + 1):
        _step(page, n, LESSONS[lesson])
        for body in (".present-caption", ".present-date", ".present-evidence"):
            if page.locator(body).count():
                assert page.evaluate(size, body) >= 28, (n, body)
        assert page.evaluate(size, ".present-title") >= 40
        page.keyboard.press("PageDown")
    assert page.evaluate(colour, ".present") == "rgb(255, 255, 255)"
    page.evaluate("() => document.documentElement.dataset.theme = 'contrast'")
    assert page.evaluate(colour, ".present") == "rgb(0, 0, 0)"
    assert page.evaluate(colour, ".present-strip") == "rgb(0, 0, 0)"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/contrast.png")


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_map_frames_every_steps_places_clear_of_the_text(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(reduced_motion="reduce")  # no flight: the map is where it goes when the step is drawn
    lesson = "road-to-the-moscow-treaty"
    count = LESSONS[lesson]
    page.goto(f"{live_server.url}/?lang=en&mode=present&lesson={lesson}&step=1")
    page.wait_for_selector("html[data-ready]")
    steps = page.evaluate("() => JSON.parse(document.getElementById('lesson-data').textContent).steps")
    for n in range(1, count + 1):
        _step(page, n, count)
        points = steps[n - 1]["map"]["points"]
        # Every place of the step on the map, right of the text and above the strip.
        placed = page.evaluate(
            """points => {
                const map = window.chronoatlas.map;
                const text = document.querySelector('.present-text').getBoundingClientRect();
                const box = document.getElementById('map').getBoundingClientRect();
                return points.map(p => {
                  const at = map.latLngToContainerPoint(p);
                  return at.x > text.right - box.left && at.x < box.width && at.y > 0 && at.y < box.height;
                });
            }""",
            points,
        )
        assert points and all(placed), (n, points, placed)
        page.keyboard.press("PageDown")


def test_the_presenter_follows_present_mode_without_a_lesson(page, live_server):
    page.goto(f"{live_server.url}/?lang=en&mode=present")
    page.wait_for_selector("html[data-ready]")
    page.wait_for_function("() => document.querySelector('.present-title')")
    presenter = page.context.new_page()
    presenter.goto(f"{live_server.url}/?lang=en&mode=presenter")
    presenter.wait_for_selector("html[data-ready]")
    presenter.wait_for_function("() => document.querySelector('.presenter-current .present-title')")
    progress = page.locator(".present-progress").inner_text()
    assert presenter.locator(".present-progress").inner_text() == progress
    page.bring_to_front()
    for _ in range(3):
        page.keyboard.press("PageDown")
    title = page.locator(".present-title").inner_text()
    presenter.wait_for_function(
        "t => document.querySelector('.presenter-current .present-title')?.textContent === t", arg=title
    )
    assert presenter.locator(".present-progress").inner_text() == page.locator(".present-progress").inner_text()
    # The event's own text arrives with it, on the teacher's screen too.
    presenter.locator(".presenter-current .present-summary").wait_for()
    if SHOTS:
        presenter.screenshot(path=f"{SHOTS}/presenter.png")
    presenter.bring_to_front()
    presenter.keyboard.press("PageUp")
    page.wait_for_function("() => document.querySelector('.present-progress').textContent.startsWith('Step 3 of')")


def test_an_english_lesson_shows_the_curators_translation_with_the_turkish_passage(page, live_server):
    """The seed's citations carry no translation yet: the page is served with one added to the lesson."""
    lesson = "road-to-the-moscow-treaty"
    url = f"{live_server.url}/?lang=en&mode=present&lesson={lesson}&step=1"

    def translated(route):
        response = route.fetch()
        body = response.text()
        marker = '"quotes": [{"evidence": "'
        assert marker in body  # the lesson the page carries (json_script), its first step's first quote
        body = body.replace(
            marker, '"quotes": [{"evidence_translation": "The most important request", "evidence": "', 1
        )
        route.fulfill(response=response, body=body)

    page.route(url, translated)
    page.goto(url)
    page.wait_for_selector("html[data-ready]")
    quote = page.locator(".present-quote")
    assert quote.locator("blockquote").get_attribute("lang") == "tr"
    assert "5 milyon altın" in quote.locator("blockquote").inner_text()
    translation = quote.locator(".present-translation")
    assert translation.get_attribute("lang") == "en"
    assert translation.inner_text() == "Translation: The most important request"
    # In Turkish the passage is the class's own language: no translation.
    page.locator(".present-controls [data-lang='tr']").click()
    page.wait_for_function("() => document.querySelector('.present-progress')?.textContent.startsWith('Adım')")
    assert page.locator(".present-translation").count() == 0


def test_the_map_flies_between_steps(page, live_server):
    lesson = "road-to-the-moscow-treaty"
    page.goto(f"{live_server.url}/?lang=en&mode=present&lesson={lesson}&step=9")
    page.wait_for_selector("html[data-ready]")
    _step(page, 9, LESSONS[lesson])
    page.evaluate(
        "() => { window.flights = 0; window.chronoatlas.map.on('zoomstart movestart', () => window.flights++); }"
    )
    page.keyboard.press("PageDown")
    _step(page, 10, LESSONS[lesson])
    page.wait_for_function("() => window.flights > 0")
