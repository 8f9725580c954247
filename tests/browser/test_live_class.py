"""A live class on the seed corpus's lesson: a teacher (the API, as present mode will call it) and two
students' phones in separate browser contexts. The live server is Django's WSGI one: its streams take the
thread-a-stream path of live/stream.py; the ASGI path is tested in tests/live/test_live_stream.py."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from django.utils import timezone

from live.models import LiveClass
from live.stream import POLL_SECONDS

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

LESSON = "road-to-the-moscow-treaty"
TITLES_EN = {1: "Mustafa Kemal Pasha's letter to Lenin", 3: "Chicherin's reply to Mustafa Kemal Pasha"}
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-GB", "is_mobile": True, "has_touch": True}
# "Within a second", plus the browser's own time to draw, on a shared CI machine.
FOLLOWS_WITHIN_MS = 2500


def _post(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body or {}).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.fixture
def phones(browser):
    contexts = [browser.new_context(**PHONE) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    # The live server's stream threads end when their class does, before the test's database goes away.
    LiveClass.objects.update(ended_at=timezone.now())
    time.sleep(3 * POLL_SECONDS)
    for context in contexts:
        context.close()


def _shows(phone, step: int, title: str) -> None:
    phone.wait_for_selector(f'body[data-step="{step}"]', timeout=FOLLOWS_WITHIN_MS)
    assert phone.locator("#live-title").inner_text() == title


def test_two_phones_follow_the_teacher_a_reload_lands_on_the_step_and_a_student_cannot_move_the_class(
    live_server, phones
):
    status, started = _post(f"{live_server.url}/api/v1/live/", {"lesson": LESSON, "lang": "en"})
    assert status == 201, started
    code, token = started["code"], started["token"]
    move = f"{live_server.url}/api/v1/live/{code}"
    for phone in phones:
        phone.goto(f"{live_server.url}/join/{code}/")
        _shows(phone, 1, TITLES_EN[1])
        assert phone.locator("#live-position").inner_text() == "Step 1 of 10"
        assert phone.locator("#live-date").inner_text()  # the date in words, from the lessons API
        assert phone.locator("#live-caption").inner_text()

    assert _post(f"{move}/step/", {"step": 3}, token)[0] == 200
    for phone in phones:
        _shows(phone, 3, TITLES_EN[3])
        assert phone.locator("#live-status").inner_text() == "Your screen follows the teacher."

    assert _post(f"{move}/release/", token=token)[0] == 200
    explore = phones[0].locator("#live-explore-link")
    explore.wait_for(state="visible", timeout=FOLLOWS_WITHIN_MS)
    assert explore.get_attribute("href") == f"/lessons/{LESSON}/?step=3&lang=en"
    assert _post(f"{move}/recall/", token=token)[0] == 200
    explore.wait_for(state="hidden", timeout=FOLLOWS_WITHIN_MS)
    assert phones[0].locator("#live-status").inner_text() == "The teacher has called the class back to this step."

    phones[1].reload()
    _shows(phones[1], 3, TITLES_EN[3])

    # A student's phone asks to move the class itself: refused, and nobody's screen moves.
    refused = phones[0].evaluate(
        """async (url) => {
            const response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                               body: JSON.stringify({step: 1})});
            return response.status;
        }""",
        f"{move}/step/",
    )
    assert refused == 403
    phones[1].wait_for_timeout(700)
    assert [phone.locator("body").get_attribute("data-step") for phone in phones] == ["3", "3"]

    assert _post(f"{move}/end/", token=token)[0] == 200
    for phone in phones:
        phone.wait_for_selector('body[data-ended="true"]', timeout=FOLLOWS_WITHIN_MS)
        assert phone.locator("#live-status").inner_text() == "This live class has ended. Thank you!"
    phones[0].reload()
    assert phones[0].locator("#join-problem").inner_text() == "This live class has ended."


def test_a_wrong_code_typed_on_a_phone_says_so_and_offers_the_form_again(live_server, phones):
    phone = phones[0]
    phone.goto(f"{live_server.url}/join/?lang=en")
    phone.fill("#join-code", "qqq qqq")
    phone.click("button[type=submit]")
    assert phone.locator("#join-problem").inner_text() == (
        "There is no live class with the code “QQQQQQ”. Check the code on the screen."
    )
    assert phone.locator("#join-code").input_value() == "QQQQQQ"


def test_a_phone_that_loses_the_network_rejoins_at_the_current_step(live_server, phones, monkeypatch):
    # Chromium's offline switch leaves an open stream alone: the server ends streams after 2 s here, so the
    # phone's next connection is the one the lost network refuses.
    monkeypatch.setattr("live.stream.STREAM_SECONDS", 2)
    _status, started = _post(f"{live_server.url}/api/v1/live/", {"lesson": LESSON, "lang": "en"})
    phone = phones[0]
    phone.goto(f"{live_server.url}/join/{started['code']}/")
    _shows(phone, 1, TITLES_EN[1])
    phone.context.set_offline(True)
    phone.wait_for_selector("#live-status[data-kind=problem]", timeout=10_000)
    assert phone.locator("#live-status").inner_text() == "Connection lost. Reconnecting…"
    _post(f"{live_server.url}/api/v1/live/{started['code']}/step/", {"step": 3}, started["token"])
    phone.wait_for_timeout(500)
    assert phone.locator("body").get_attribute("data-step") == "1"  # it really was cut off
    phone.context.set_offline(False)
    _shows(phone, 3, TITLES_EN[3])
    assert phone.locator("#live-status").inner_text() == "Your screen follows the teacher."


def test_present_modes_helper_starts_and_moves_a_class_that_a_phone_follows(live_server, page, phones):
    """frontend/static/frontend/live/teacher.js, as present mode will call it, from the teacher's own tab."""
    page.goto(f"{live_server.url}/?lang=en")
    helper = "/static/frontend/live/teacher.js"
    code = page.evaluate(
        """async ([helper, lesson]) => {
            const { liveClassFor } = await import(helper);
            window.live = await liveClassFor(lesson, { lang: "en" });
            return window.live.code;
        }""",
        [helper, LESSON],
    )
    phone = phones[0]
    phone.goto(f"{live_server.url}/join/{code}/")
    _shows(phone, 1, TITLES_EN[1])
    page.evaluate("() => window.live.step(3)")
    _shows(phone, 3, TITLES_EN[3])
    # A reload of present mode goes on with the same class.
    page.reload()
    again = page.evaluate(
        "async ([helper, lesson]) => (await (await import(helper)).liveClassFor(lesson)).code", [helper, LESSON]
    )
    assert again == code
    refused = page.evaluate(
        """async (helper) => {
            const live = await (await import(helper)).liveClassFor("road-to-the-moscow-treaty");
            try { await live.step(99); } catch (error) { return [error.status, error.message]; }
        }""",
        helper,
    )
    # In the teacher's browser's language (this one is Turkish).
    assert refused == [400, "Bu dersin 10 adımı var; 99. adım yok."]


def test_a_teacher_starts_a_live_class_from_present_mode_and_the_phones_follow_the_clicker(live_server, page, phones):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/?lesson={LESSON}&mode=present&step=1&lang=en")
    page.locator("#present .present-title").wait_for()
    page.get_by_role("button", name="Start a live class").click()
    code_box = page.locator("#live-panel .live-code")
    code_box.wait_for(timeout=5000)
    code = code_box.inner_text()
    assert len(code) == 6
    # The join code and a QR code of the join page, on the projected screen and inside it.
    qr = page.locator("#live-panel .live-qr")
    qr.wait_for()
    assert "%2Fjoin%2F" in qr.get_attribute("src")
    box = page.locator("#live-panel").bounding_box()
    assert box["x"] + box["width"] <= 1024 and box["y"] + box["height"] <= 768

    phone = phones[0]
    phone.goto(f"{live_server.url}/join/{code}/")
    _shows(phone, 1, TITLES_EN[1])
    page.locator("#present").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    _shows(phone, 3, TITLES_EN[3])

    page.get_by_role("button", name="End the live class").click()
    page.get_by_role("button", name="Start a live class").wait_for()
