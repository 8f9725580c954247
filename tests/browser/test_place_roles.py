"""The map pins an event where it happened: the places it only concerns are listed in the panel, not
pinned; a journey is drawn from → to; an event with no pin leaves the map as it was (issue 18)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import map_view

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

INTERVIEW = "stalin-memduh-sevket-interview-1920"
JOURNEY = "military-mission-sets-out-for-baku-1920"  # Erzurum to Baku
CONCERNS_ONLY = "soviet-guns-promised-summer-1920"  # about Moscow, Baku, Ankara; happened at none on record


def _state(page) -> dict:
    return page.evaluate("() => window.chronoatlas.mapState()")


def _panel_for(page, slug: str):
    article = page.locator(f'.panel-event[data-event="{slug}"]:not([aria-busy])')
    article.wait_for()
    return article


def test_the_interview_is_pinned_at_baku_only_and_lists_what_it_concerns(open_atlas):
    errors = []
    page = open_atlas(f"?lang=en&event={INTERVIEW}")
    page.on("pageerror", lambda error: errors.append(error))
    assert _state(page)["highlighted"] == ["baku"]
    assert _state(page)["journey"] == []
    article = _panel_for(page, INTERVIEW)
    assert article.locator(".panel-section-places .chips button").all_text_contents() == ["Baku"]
    concerns = article.locator(".panel-concerns")
    assert concerns.text_content().startswith("Also concerns:")
    names = concerns.locator("button").all_text_contents()
    assert len(names) == 7 and "Batum" in names and "Kars" in names and "Baku" not in names
    # A concerned place is a link to its events, still chosen like any place.
    concerns.get_by_role("button", name="Kars").click()
    page.wait_for_function("() => window.chronoatlas.store.get().place === 'kars'")
    assert errors == []


def test_a_journey_is_drawn_from_its_departure_to_its_arrival(open_atlas):
    page = open_atlas(f"?lang=en&event={JOURNEY}")
    state = _state(page)
    assert state["journey"] == [["erzurum", "baku"]]
    assert sorted(state["highlighted"]) == ["baku", "erzurum"]
    journey = _panel_for(page, JOURNEY).locator(".panel-journey")
    assert journey.text_content() == "FromErzurumtoBaku"


def test_an_event_with_no_pin_leaves_the_map_quiet(open_atlas):
    errors = []
    page = open_atlas(f"?lang=en&event={JOURNEY}")
    page.on("pageerror", lambda error: errors.append(error))
    page.wait_for_function("() => document.getElementById('map').dataset.view")
    before = map_view(page)
    # Chosen as a stepping key or a link would choose it: it may be off the timeline's view.
    page.evaluate("s => window.chronoatlas.store.set({event: s})", CONCERNS_ONLY)
    article = _panel_for(page, CONCERNS_ONLY)
    assert article.locator(".panel-concerns button").count() == 3
    assert "no place on the map" in article.text_content()
    page.wait_for_timeout(1200)  # a flight would have landed by now
    state = _state(page)
    assert state["highlighted"] == [] and state["journey"] == []
    assert map_view(page) == before
    assert errors == []


def test_an_event_at_two_places_says_why_beside_its_pins(open_atlas):
    slug = "karabekir-telegram-moscow-delegation-1920"  # telegram from Erzurum, decision in Ankara
    page = open_atlas(f"?lang=en&event={slug}")
    assert sorted(_state(page)["highlighted"]) == ["ankara", "erzurum"]
    note = _panel_for(page, slug).locator(".panel-section-places .panel-place-note")
    assert "first Council of Ministers in Ankara" in note.text_content()
