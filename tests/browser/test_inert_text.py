"""Markup in curators' text is shown as text on the page: nothing runs, nothing is hidden."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.xss_payloads import JAVASCRIPT_LINK, ONERROR, SCRIPT, hostile, translated

pytestmark = pytest.mark.browser


@pytest.fixture
def hostile_event():
    from chronology.models import AidItem
    from sources.models import Citation
    from tests.factories import make_event, make_person, make_place, make_source

    source = make_source(label=hostile("source-label"), author=hostile("source-author"))
    place = make_place(slug="xss-place", name=translated("place-name"), latitude=40.2, longitude=44.5)
    place.names.create(name=hostile("placename"))
    person = make_person(slug="xss-person", name=translated("person-name"))
    event = make_event(
        slug="xss-event",
        date="1921-02-10",
        title=translated("event-title"),
        summary=translated("event-summary"),
        note=translated("event-note"),
        places=[place],
        people=[person],
        sources=[],
    )
    Citation.objects.create(owner=event, source=source, locator=hostile("locator"), evidence=hostile("evidence"))
    AidItem.objects.create(event=event, kind="rifles", quantity=10, unit=ONERROR, source=source)
    return event


def test_markup_in_every_text_of_an_event_shows_literally_and_never_runs(page, open_atlas, hostile_event):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = open_atlas("?event=xss-event&lang=en")
    title = page.locator(".panel-title")
    expect(title).to_have_text(hostile("event-title-en"))
    # The panel's full record comes from the API and is drawn by panel.js: wait for its people section.
    expect(page.locator(".panel-section-people li")).to_have_text([hostile("person-name-en")])
    panel = page.locator("#panel")
    for text in (hostile("event-summary-en"), hostile("event-note-en"), hostile("source-label")):
        expect(panel).to_contain_text(text)
    # The map labels the place with the name it bore then (an undated historical name wins here).
    expect(page.locator(".leaflet-tooltip").filter(has_text="placename")).to_have_text(hostile("placename"))
    page.wait_for_timeout(300)  # an onerror handler would fire as soon as the broken image fails to load
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("#panel script, .leaflet-pane script").count() == 0
    assert page.evaluate("() => document.body.textContent").count(SCRIPT) >= 2
    assert ONERROR in panel.text_content() and JAVASCRIPT_LINK in panel.text_content()
