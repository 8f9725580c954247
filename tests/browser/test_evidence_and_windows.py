"""Issue 6 on the page: every citation shows the words that support it, estimated pages say so, works
whose details come from outside the article say so, aid lines say who gave what to whom; and a single
event of uncertain day (the seed corpus's interview) is a point in a faint window, never a bar."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_panel_quotes_each_sources_words_in_turkish_with_estimated_pages_marked(open_atlas):
    page = open_atlas("?event=test-gold-reaches-trabzon&lang=en")

    citations = page.locator(".panel-sources .panel-citation")
    expect(citations).to_have_count(2)
    first = citations.nth(0)
    expect(first.locator(".panel-locator-estimated")).to_have_text("≈ s. 196")
    quote = first.locator("q.panel-evidence")
    expect(quote).to_have_text("bir milyon altın ruble ile silahı da beraberinde getirmiştir")
    expect(quote).to_have_attribute("lang", "tr")  # the article's words, read as Turkish by a screen reader
    second = citations.nth(1)
    expect(second.locator(".panel-locator-estimated")).to_have_text("atıf: Tekinsoy 2025, ≈ s. 196")
    # A work known to the atlas only through the article's citation says where its details came from.
    expect(second.locator(".panel-source-note")).to_contain_text("supplied from outside the article")
    expect(first.locator(".panel-source-note")).to_have_count(0)


def test_an_aid_line_says_who_gave_to_whom_whether_it_arrived_and_quotes_its_figure(open_atlas):
    page = open_atlas("?event=test-gold-reaches-trabzon&lang=en")

    line = page.locator(".panel-aid .panel-aid-line")
    expect(line.locator(".panel-aid-flow")).to_have_text(" · Soviet Russia → the Ankara government")
    expect(line.locator(".panel-aid-status")).to_have_text(" (delivered)")
    expect(line.locator("q.panel-evidence")).to_have_attribute("lang", "tr")
    expect(line.locator(".panel-cite")).to_have_text(" · Tekinsoy, 2025, ≈ s. 196")

    page.goto(page.url.replace("lang=en", "lang=tr").replace("test-gold-reaches-trabzon", "test-sea-shipment"))
    page.wait_for_selector("html[data-ready]")
    expect(page.locator(".panel-aid .panel-aid-status")).to_have_text(" (söz verildi)")


def test_the_server_rendered_panel_quotes_the_evidence_before_scripts_run(page, live_server):
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.route("**/*.js", lambda route: route.abort())  # what a visitor without scripts sees
    page.goto(f"{live_server.url}/?event=test-gold-reaches-trabzon&lang=en")
    expect(page.locator(".panel-sources q.panel-evidence[lang=tr]").first).to_have_text(
        "bir milyon altın ruble ile silahı da beraberinde getirmiştir"
    )
    expect(page.locator(".panel-sources .panel-locator-estimated").first).to_have_text("≈ s. 196")


@pytest.fixture
def seed_corpus(_corpus_for_each_test):
    """The shipped corpus beside the test one (its slugs are not the test corpus's)."""
    from chronology.corpus import corpus_load

    corpus_load(path=settings.CORPUS_DIR)


def test_the_seed_interview_is_a_point_in_a_faint_window_never_a_three_week_bar(page, live_server, seed_corpus):
    slug = "stalin-memduh-sevket-interview-1920"
    page.goto(f"{live_server.url}/?event={slug}&lang=en")
    page.wait_for_selector("html[data-ready]")

    # Announced as a window, not as a span of days.
    expect(page.locator(".panel-date time")).to_have_text("sometime between 18 October and 5 November 1920")
    expect(page.locator(".timeline-legend")).to_contain_text("not how long it lasted")
    # Drawn as a point on its likeliest day, halfway through the window, not as a bar from its first day.
    row = page.evaluate(
        """slug => {
            const atlas = window.chronoatlas;
            const start = Date.UTC(1920, 9, 18) / 86400000, end = Date.UTC(1920, 10, 5) / 86400000;
            const position = atlas.positionOf(slug);
            const view = atlas.timeline.view();
            const stage = document.querySelector('.timeline-stage').getBoundingClientRect();
            const x = (day) => stage.left + (day - view.left) * view.k;
            return { x: position && position.x, start: x(start), end: x(end) };
        }""",
        slug,
    )
    assert row["x"] is not None, "the interview is not drawn"
    width = row["end"] - row["start"]
    assert abs(row["x"] - (row["start"] + row["end"]) / 2) <= max(2.0, width * 0.1), row
