"""axe-core (npm, pinned in frontend/package.json) finds no serious or critical violation on the explore,
present, presenter and lesson pages (a seed lesson, served by the live server), in both languages and both
themes. axe is put into the page by the test from node_modules: visitors are never sent it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LESSON = "road-to-the-moscow-treaty"
PAGES = {
    "explore": "/?",
    "present": f"/?mode=present&lesson={LESSON}&step=1&",
    "presenter": f"/?mode=presenter&lesson={LESSON}&step=1&",
    "lesson": f"/lessons/{LESSON}/?step=2&",
}


def _serious_violations(page) -> list[str]:
    # evaluate() is not subject to the page's Content-Security-Policy, which rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # label-content-name-mismatch is experimental in axe, off unless asked for: it is the one that caught
    # the language buttons named "Türkçe" while showing "TR".
    violations = page.evaluate(
        """async () => (await axe.run(document, {
            resultTypes: ["violations"],
            rules: {"label-content-name-mismatch": {enabled: true}},
        })).violations"""
    )
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("theme", ["normal", "contrast"])
@pytest.mark.parametrize("lang", ["tr", "en"])
@pytest.mark.parametrize("view", list(PAGES))
def test_no_serious_accessibility_violation(page, live_server, view, lang, theme):
    page.goto(f"{live_server.url}{PAGES[view]}lang={lang}&theme={theme}")
    page.wait_for_selector("html[data-ready]")
    if view in ("present", "presenter"):
        page.wait_for_selector(".present-title")
    if view == "present":  # the QR code and its link too
        page.keyboard.press("q")
        page.wait_for_selector(".present-qr img")
    assert _serious_violations(page) == []


def test_the_language_buttons_are_named_by_what_they_show(open_atlas):
    page = open_atlas("?lang=tr")
    for code in ("TR", "EN"):
        assert page.get_by_role("button", name=code, exact=True).count() >= 1


def test_axe_here_does_catch_a_button_named_other_than_it_reads(open_atlas):
    page = open_atlas("?lang=tr")
    page.evaluate("() => document.querySelector('[data-lang=tr]').setAttribute('aria-label', 'Türkçe')")
    assert any(problem.startswith("label-content-name-mismatch") for problem in _serious_violations(page))
