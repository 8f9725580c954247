"""The page at a larger generated corpus (2,000 events more, small enough for CI): it loads the columnar
index, selects, steps, lists and draws, as it does with the test corpus."""

from playwright.sync_api import expect

from chronology.services import corpus_generate


def _selected(page) -> str:
    return page.evaluate("() => window.chronoatlas.store.get().event")


def test_two_thousand_more_events_are_loaded_selected_stepped_and_drawn(open_atlas):
    corpus_generate(events=2000, seed=1, routes=None, areas=4)
    page = open_atlas("?lang=en")

    sequence = page.evaluate("() => window.chronoatlas.sequence()")
    assert len(sequence) >= 2000
    # The index came as columns: the page asked for it and not for the list of every event.
    fetched = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
    assert any("/api/v1/event-index/" in url for url in fetched)
    assert not any("/api/v1/events/?" in url for url in fetched)

    # Drawn: the first events on screen have a position on the timeline, the list shows rows.
    drawn = page.evaluate("(slugs) => slugs.filter((s) => window.chronoatlas.positionOf(s)).length", sequence)
    assert drawn > 0
    listed = page.evaluate("() => window.chronoatlas.listed()")
    assert listed and set(listed) <= set(sequence)
    expect(page.locator(".event-list-table tbody tr")).to_have_count(min(len(listed), 500))

    page.locator(".timeline-stage").focus()
    page.keyboard.press("Home")
    assert _selected(page) == sequence[0]
    page.keyboard.press("ArrowRight")
    assert _selected(page) == sequence[1]
    page.keyboard.press("End")
    assert _selected(page) == sequence[-1]
    expect(page.locator(".panel-position")).to_have_text(f"{len(sequence):,} of {len(sequence):,}")

    # The selection is marked in the list too, once it is in the list's window.
    listed = page.evaluate("() => window.chronoatlas.listed()")
    if sequence[-1] in listed:
        expect(page.locator(".event-list-table tr.is-selected")).to_have_attribute("data-slug", sequence[-1])
    assert f"event={sequence[-1]}" in page.url
