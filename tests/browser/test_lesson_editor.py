"""A curator edits a seed lesson in the admin with the keyboard alone: logs in, moves a step down with its
button, hears where it went, and saves; the new order is the one the lesson keeps."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

SLUG = "stalin-memduh-sevket-interview"  # fixtures/seed/lessons.yaml: five steps


def _tab_to(page, test: str, *, back: bool = False, limit: int = 400) -> None:
    """Press Tab (Shift+Tab when `back`) until `test` (a JS predicate on the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({test}); }}"):
            return
    raise AssertionError(f"the keyboard never reaches {test}")


def test_a_curator_reorders_a_lessons_steps_with_the_keyboard_alone(page, live_server, django_user_model):
    from lessons.models import Lesson

    django_user_model.objects.create_superuser("ayse", "ayse@example.org", "a-long-curator-passphrase")
    lesson = Lesson.objects.get(slug=SLUG)
    before = list(lesson.steps.order_by("position").values_list("pk", flat=True))

    page.goto(f"{live_server.url}/admin/login/?next=/admin/lessons/lesson/{lesson.pk}/change/")
    page.keyboard.type("ayse")  # the login form focuses its first field itself
    page.keyboard.press("Tab")
    page.keyboard.type("a-long-curator-passphrase")
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_slug")

    # Turkish (the browser's language): the buttons and the announcement speak it.
    _tab_to(page, "el.matches('.step-down')")
    assert page.evaluate("() => document.activeElement.textContent") == "↓ Aşağı taşı"
    page.keyboard.press("Enter")
    assert page.locator("#step-order-status").inner_text() == "Adım 2. sıraya taşındı (5 adım)."
    # The moved step keeps the focus, now second; the positions are renumbered in page order.
    assert page.evaluate("() => document.activeElement.closest('.inline-related').id") == "steps-0"
    positions = page.locator(".lesson-steps input[name$='-position']:not([name*='__prefix__'])")
    assert positions.evaluate_all("inputs => inputs.map(i => i.value)") == ["1", "2", "3", "4", "5"]
    assert page.locator(".lesson-steps .inline-related:not(.empty-form)").nth(1).get_attribute("id") == "steps-0"

    _tab_to(page, "el.id === 'id_slug'", back=True)
    page.keyboard.press("Enter")  # Enter in a field submits with the form's default button: Save
    page.wait_for_selector(".messagelist .success")
    after = list(lesson.steps.order_by("position").values_list("pk", flat=True))
    assert after == [before[1], before[0], *before[2:]]
