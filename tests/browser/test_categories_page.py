"""Categories are data on the page: one a curator adds (here, in the test) is in the legend with its name
in the page's language and its symbol, and its events are drawn in its colour, in both themes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_category, make_event

pytestmark = pytest.mark.browser

COLOUR = "#7a3e9d"
RGB = (0x7A, 0x3E, 0x9D)


def _pixel_at_event(page, slug: str, dx: float = 0) -> list[int]:
    """The timeline canvas's own pixel (red, green, blue) where the event `slug` is drawn (`dx` px right)."""
    position = page.evaluate("slug => window.chronoatlas.positionOf(slug)", slug)
    assert position, f"{slug} is not drawn on the timeline"
    position["x"] += dx
    return page.evaluate(
        """({x, y}) => {
            const canvas = document.querySelector('.timeline-stage canvas');
            const box = canvas.getBoundingClientRect();
            const px = Math.floor((x - box.left) * canvas.width / box.width);
            const py = Math.floor((y - box.top) * canvas.height / box.height);
            return Array.from(canvas.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3));
        }""",
        position,
    )


def _close(pixel, rgb, tolerance: int = 3) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))


def test_a_new_category_is_in_the_legend_and_its_event_is_drawn_in_its_colour(open_atlas):
    category = make_category(slug="invention", name={"tr": "buluş", "en": "invention"}, colour=COLOUR, symbol="⚙")
    category.full_clean()  # a colour the model accepts: dark enough on the map
    make_event(slug="test-telegraph-line", date="1919-03-10", category="invention", significance=3)

    page = open_atlas("?lang=tr")

    item = page.locator("#category-legend li[data-category='invention']")
    expect(item).to_have_text("⚙buluş")
    swatch = item.locator(".category-swatch")
    assert swatch.evaluate("node => getComputedStyle(node).backgroundColor") == "rgb(122, 62, 157)"
    # Only the categories the page's events use are listed: every one of them, none left out.
    listed = page.locator("#category-legend li").evaluate_all("items => items.map(i => i.dataset.category)")
    used = page.evaluate(
        """async () => {
            const index = await (await fetch('/api/v1/event-index/')).json();
            return [...new Set(index.category.map((code) => index.categories[code]))].sort();
        }"""
    )
    assert "invention" in listed and sorted(listed) == used

    pixel = _pixel_at_event(page, "test-telegraph-line")
    assert _close(pixel, RGB), f"drawn in rgb{tuple(pixel)}, not {COLOUR}"
    # Just left of the tick (positionOf is 2 px into it): the timeline's white, no ring.
    assert min(_pixel_at_event(page, "test-telegraph-line", -3)) > 200

    # The list view and the search's category filter name it too, in the page's language.
    row = page.locator("#event-list tr[data-slug='test-telegraph-line'] td").last
    expect(row).to_have_text("buluş")
    option = page.locator("select[data-filter='category'] option[value='invention']")
    expect(option).to_have_text("buluş")

    # The panel names the selected event's category in its colour, as for the corpus's own seven.
    page.evaluate("() => window.chronoatlas.store.set({event: 'test-telegraph-line'}, {history: 'push'})")
    heading = page.locator(".panel-event[data-event='test-telegraph-line'] .panel-category")
    expect(heading).to_have_text("buluş")
    assert heading.evaluate("node => getComputedStyle(node).color") == "rgb(122, 62, 157)"

    page.locator("button[data-lang='en']").click()
    expect(item).to_have_text("⚙invention")
    expect(heading).to_have_text("invention")
    expect(row).to_have_text("invention")
    expect(option).to_have_text("invention")

    # The contrast theme keeps the data's colour (it meets 3:1) and rings the event instead.
    page.locator("[data-action='theme']").click()
    page.wait_for_function("() => document.documentElement.dataset.theme === 'contrast'")
    page.wait_for_timeout(100)  # the next frame redraws the canvas
    assert _close(_pixel_at_event(page, "test-telegraph-line"), RGB)
    assert max(_pixel_at_event(page, "test-telegraph-line", -3)) < 90, "no dark ring round the event"
