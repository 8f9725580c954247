"""Bad input on a student's phone in a live class, each with a clear message and the teacher's side going on:
a message on the live connection that is not a state, a code that has expired, a question answered after the
class ended. (A wrong code typed on the phone: tests/browser/test_live_class.py.)"""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from django.utils import timezone

from live import stream
from live.models import IDLE_LIMIT, LiveClass
from live.stream import POLL_SECONDS

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

LESSON = "road-to-the-moscow-treaty"
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-GB", "is_mobile": True, "has_touch": True}
WITHIN_MS = 3000


def _post(url: str, body: dict | None = None, token: str | None = None) -> int:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body or {}).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def _start(live_server, step: int = 1) -> dict:
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/live/",
        json.dumps({"lesson": LESSON, "lang": "en", "step": step}).encode(),
        {"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    LiveClass.objects.update(ended_at=timezone.now())
    time.sleep(3 * POLL_SECONDS)
    context.close()


def test_a_message_the_phone_cannot_read_is_said_and_the_next_one_is_followed(live_server, phone, monkeypatch):
    started = _start(live_server)
    move = f"{live_server.url}/api/v1/live/{started['code']}"
    phone.goto(f"{live_server.url}/join/{started['code']}/")
    phone.wait_for_selector('body[data-step="1"]', timeout=WITHIN_MS)

    real = stream.event_bytes
    monkeypatch.setattr(stream, "event_bytes", lambda state: b'id: 99\nevent: step\ndata: {"step": \n\n')
    assert _post(f"{move}/step/", {"step": 3}, started["token"]) == 200
    status = phone.locator("#live-status")
    status.filter(has_text="The class sent a message this page cannot read; waiting for the next one.").wait_for(
        timeout=WITHIN_MS
    )
    assert status.get_attribute("data-kind") == "problem"
    assert phone.locator("body").get_attribute("data-step") == "1"  # not taken for a step

    monkeypatch.setattr(stream, "event_bytes", real)
    assert _post(f"{move}/step/", {"step": 2}, started["token"]) == 200  # the teacher goes on as before
    phone.wait_for_selector('body[data-step="2"]', timeout=WITHIN_MS)
    assert status.inner_text() == "Your screen follows the teacher."


def test_a_class_left_for_hours_has_expired_on_the_phone_and_its_code_says_so(live_server, phone):
    started = _start(live_server)
    phone.goto(f"{live_server.url}/join/{started['code']}/")
    phone.wait_for_selector('body[data-step="1"]', timeout=WITHIN_MS)
    LiveClass.objects.update(changed_at=timezone.now() - IDLE_LIMIT)
    phone.wait_for_selector('body[data-ended="true"]', timeout=WITHIN_MS)
    assert phone.locator("#live-status").inner_text() == "This live class has ended. Thank you!"
    phone.goto(f"{live_server.url}/join/{started['code'].lower()}/?lang=en")
    assert phone.locator("#join-problem").inner_text() == "This live class has ended."
    assert phone.locator("#join-code").is_visible()  # the form, for the next class's code


def test_a_question_answered_as_the_class_ends_says_the_class_has_ended(live_server, phone, monkeypatch):
    started = _start(live_server, step=2)  # the step with a question
    phone.goto(f"{live_server.url}/join/{started['code']}/")
    phone.locator("#live-choices button").first.wait_for(timeout=WITHIN_MS)
    # Ended before the phone's stream has told it (the stream is held at the running state): the answer on its
    # way is refused, and the phone says why.
    running = stream.class_states([started["code"]])
    monkeypatch.setattr(stream, "class_states", lambda codes: running)
    LiveClass.objects.update(ended_at=timezone.now())
    phone.locator("#live-choices button").first.click()
    answer = phone.locator("#live-answer-status")
    answer.filter(has_text="This live class has ended.").wait_for(timeout=WITHIN_MS)
    assert answer.get_attribute("data-kind") == "problem"
    # Nothing to send again, and nothing marked as answered.
    assert phone.locator("#live-choices button:disabled").count() == 3
    assert phone.locator("#live-choices button[aria-pressed=true]").count() == 0
