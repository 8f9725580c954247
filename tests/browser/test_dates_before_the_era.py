"""An event before the common era in a real browser: drawn on the timeline in its place, in time order
before the others, and its date written as readers count years ("MÖ 44", "44 BC")."""

from __future__ import annotations

import pytest
from helpers import click_event, selected
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def ides_of_march():
    from tests.factories import make_event

    return make_event(
        slug="test-ides-of-march",
        title={"tr": "Caesar öldürüldü", "en": "Caesar is killed"},
        date="-0043-03-15",
        category="politics",
    )


def test_a_bce_event_is_drawn_first_on_the_timeline_and_its_date_reads_as_bc(open_atlas, ides_of_march):
    page = open_atlas("?event=test-ides-of-march")

    expect(page.locator(".panel-date time")).to_have_text("15 Mart MÖ 44")
    assert page.evaluate("() => window.chronoatlas.sequence()")[0] == "test-ides-of-march"
    click_event(page, "test-ides-of-march")  # fails unless the timeline drew it on screen
    assert selected(page) == "test-ides-of-march"

    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator(".panel-date time")).to_have_text("15 March 44 BC")
