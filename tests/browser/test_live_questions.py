"""A quick question in a live class, on the seed lesson's second step (who led the delegation to Moscow):
the teacher in present mode, three students' phones in separate browser contexts, and the presenter view.
What tests/browser/test_live_class.py covers (phones follow, a reload, a student cannot move the class) is
not repeated here; this is the question: shown on every phone, counted once per phone, the tally seen by the
teacher and projected only when asked for."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from live.models import LiveAnswer, LiveClass
from live.stream import POLL_SECONDS
from tests.browser.test_accessibility import _serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

LESSON = "road-to-the-moscow-treaty"
PROMPT_EN = "Who led the delegation that set off for Moscow on 11 May 1920?"
CHOICES_EN = ["Kazım Karabekir Pasha", "Bekir Sami Bey", "Mustafa Kemal Pasha"]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-GB", "is_mobile": True, "has_touch": True}
# "Within a second", plus the browser's own time to draw, on a shared CI machine; the tally is read each second.
WITHIN_MS = 3500


@pytest.fixture
def phones(browser):
    contexts = [browser.new_context(**PHONE) for _ in range(3)]
    yield [context.new_page() for context in contexts]
    # The live server's stream threads end when their class does, before the test's database goes away.
    LiveClass.objects.update(ended_at=timezone.now())
    time.sleep(3 * POLL_SECONDS)
    for context in contexts:
        context.close()


def _start_class(page, live_server) -> str:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/?lesson={LESSON}&mode=present&step=1&lang=en")
    page.locator("#present .present-title").wait_for()
    page.get_by_role("button", name="Start a live class").click()
    code = page.locator("#live-panel .live-code")
    code.wait_for(timeout=5000)
    return code.inner_text()


def _choose(phone, choice: str) -> None:
    phone.locator("#live-choices").get_by_role("button", name=choice).click()


def _answer_status(phone, text: str) -> None:
    status = phone.locator("#live-answer-status")
    status.filter(has_text=text).wait_for(timeout=WITHIN_MS)


def test_every_phone_gets_the_question_answers_count_once_and_the_class_sees_them_when_the_teacher_says(
    live_server, page, phones
):
    code = _start_class(page, live_server)
    for phone in phones:
        phone.goto(f"{live_server.url}/join/{code}/")
        phone.wait_for_selector('body[data-step="1"]', timeout=WITHIN_MS)
        assert phone.locator("#live-question").is_hidden()  # the first step asks nothing
    page.locator("#present").focus()
    page.keyboard.press("ArrowRight")

    for phone in phones:
        phone.wait_for_selector('body[data-step="2"]', timeout=WITHIN_MS)
        assert phone.locator("#live-question-prompt").inner_text() == PROMPT_EN
        assert phone.locator("#live-choices button").all_inner_texts() == CHOICES_EN
    panel = page.locator("#live-panel")
    panel.locator(".live-question-prompt").filter(has_text=PROMPT_EN).wait_for(timeout=WITHIN_MS)

    _choose(phones[0], "Bekir Sami Bey")
    _answer_status(phones[0], "Answer sent: Bekir Sami Bey. Thank you!")
    # Answered: the choice is marked and the others cannot be picked any more.
    assert phones[0].locator("#live-choices button[aria-pressed=true]").inner_text() == "Bekir Sami Bey"
    assert phones[0].locator("#live-choices button:disabled").count() == 3
    _choose(phones[1], "Bekir Sami Bey")
    _choose(phones[2], "Mustafa Kemal Pasha")
    _answer_status(phones[2], "Answer sent")

    # The projected screen says how many have answered, and nothing of what they answered.
    panel.locator(".live-answer-count").filter(has_text="3 answers").wait_for(timeout=WITHIN_MS)
    assert panel.locator(".live-tally").count() == 0

    # A reload is the same phone: back at the step, its answer shown, nothing more to send.
    phones[0].reload()
    phones[0].wait_for_selector('body[data-step="2"]', timeout=WITHIN_MS)
    _answer_status(phones[0], "Your answer: Bekir Sami Bey.")
    assert phones[0].locator("#live-choices button:disabled").count() == 3
    # Even a phone that forgot its answer (its site data cleared but the answer token) is counted once.
    phones[0].evaluate(
        "() => Object.keys(localStorage).filter((key) => key.includes('.answer.')).forEach((key) =>"
        " localStorage.removeItem(key))"
    )
    phones[0].reload()
    phones[0].wait_for_selector('body[data-step="2"]', timeout=WITHIN_MS)
    _choose(phones[0], "Kazım Karabekir Pasha")
    _answer_status(phones[0], "This phone has already answered this question; its first answer is the one counted.")
    assert sorted(LiveAnswer.objects.values_list("choice", flat=True)) == [2, 2, 3]

    # The presenter view (the teacher's own window) shows the tally all along.
    presenter = page.context.new_page()
    presenter.goto(f"{live_server.url}/?lesson={LESSON}&mode=presenter&step=2&lang=en")
    bars = presenter.locator("#live-panel .live-tally li")
    bars.first.wait_for(timeout=WITHIN_MS)
    assert bars.all_inner_texts() == [
        f"{CHOICES_EN[0]}\n0 · 0%",
        f"{CHOICES_EN[1]}\n2 · 67%",
        f"{CHOICES_EN[2]}\n1 · 33%",
    ]
    assert presenter.locator("#live-panel .live-tally-heading").inner_text() == (
        "Answers so far: the projected screen shows only how many."
    )
    assert page.locator("#live-panel .live-tally").count() == 0

    # The teacher shows the answers from the presenter view: the projected screen draws the bars.
    presenter.get_by_role("button", name="Show the answers").click()
    projected = page.locator("#live-panel .live-tally li")
    projected.first.wait_for(timeout=WITHIN_MS)
    assert [text.split("\n")[-1] for text in projected.all_inner_texts()] == ["0 · 0%", "2 · 67%", "1 · 33%"]
    # Read by the room from a 1024×768 projector: the bars' words at least 20 px, not a footnote's size.
    sizes = projected.evaluate_all("items => items.map((li) => parseFloat(getComputedStyle(li).fontSize))")
    assert min(sizes) >= 20, sizes
    presenter.locator("#live-panel .live-tally-heading").filter(has_text="shown on the projected screen").wait_for()
    page.get_by_role("button", name="Hide the answers").click()
    page.locator("#live-panel .live-tally").wait_for(state="detached")
    presenter.get_by_role("button", name="Show the answers").wait_for(timeout=WITHIN_MS)

    # The next step asks nothing: the question leaves the phones and the panel.
    page.locator("#present").focus()
    page.keyboard.press("ArrowRight")
    for phone in phones:
        phone.wait_for_selector('body[data-step="3"]', timeout=WITHIN_MS)
        assert phone.locator("#live-question").is_hidden()
    assert panel.locator(".live-question").count() == 0


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_question_on_the_phone_and_its_bars_on_the_projected_screen_pass_axe(live_server, page, phones, lang):
    code = _start_class(page, live_server)
    page.locator("#present").focus()
    page.keyboard.press("ArrowRight")
    phone = phones[0]
    phone.goto(f"{live_server.url}/join/{code}/?lang={lang}")
    phone.locator("#live-choices button").nth(1).click()
    phone.locator("#live-choices button[aria-pressed=true]").wait_for(timeout=WITHIN_MS)
    assert _serious_violations(phone) == []
    page.locator("#live-panel .live-answer-count").wait_for(timeout=WITHIN_MS)
    page.locator("#live-panel button[data-live=show]").click()
    page.locator("#live-panel .live-tally").wait_for()
    assert _serious_violations(page) == []
