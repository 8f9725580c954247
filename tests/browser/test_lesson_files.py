"""A lesson leaves the server two ways: a file that opens from a USB stick with no network, and a handout
that prints without the interface."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

SLUG = "soviet-aid-roads-and-obstacles"  # fixtures/seed/lessons.yaml: six steps, two of them framing a route


@pytest.fixture
def lesson() -> list[str]:
    """The seed lesson's step titles in English, as the server reads them."""
    from lessons.selectors import lesson_detail

    return [step["event"]["title"] for step in lesson_detail(slug=SLUG, lang="en")["steps"]]


def test_the_saved_lesson_opens_from_a_file_with_every_outside_request_blocked(page, live_server, lesson, tmp_path):
    with urllib.request.urlopen(f"{live_server.url}/lessons/{SLUG}/offline.html?lang=en") as response:
        saved = tmp_path / "lesson.html"
        saved.write_bytes(response.read())
    attempted: list[str] = []

    def refuse_outside(route):
        attempted.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(("file:", "data:")), refuse_outside)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(saved.as_uri())
    for number, title in enumerate(lesson, start=1):
        assert page.locator(f"#step-{number} h2").inner_text().endswith(title)
        # Leaflet drew the step's map from the basemap inside the file.
        assert errors == [], errors
        page.wait_for_selector(f"#map-{number}.leaflet-container canvas", state="attached", timeout=5000)
    assert page.locator("#step-2 .note").inner_text().startswith("Teacher's note")
    assert attempted == [] and errors == []


def test_the_handout_prints_every_step_and_no_interface(page, live_server, lesson):
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/lessons/{SLUG}/handout/?lang=en")
    titles = page.locator(".step h2")
    assert titles.all_inner_texts() == lesson
    for index in range(len(lesson)):
        assert titles.nth(index).is_visible()
    assert page.locator(".step .date").first.is_visible()
    assert page.locator(".step .sources li").count() >= len(lesson)
    assert page.locator("button, [role=button], nav, input, select").count() == 0
    assert page.locator(".overview svg circle").count() >= 1
