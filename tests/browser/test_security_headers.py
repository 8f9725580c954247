"""The Content-Security-Policy breaks nothing: the atlas and the admin run under it without one violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Installed before any page script: every violation the browser reports, with what and where.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
      `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
  );
});
"""


@pytest.fixture
def violations(page):
    """Violations seen by the page's listener and CSP errors on the console, as one list to assert empty."""
    console: list[str] = []
    reported: list[str] = []
    # A binding, not a page variable: violations on every page visited are kept across navigations.
    page.expose_function("reportViolation", lambda text: reported.append(text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def _all() -> list[str]:
        return reported + console

    return _all


def test_the_atlas_runs_under_the_policy(open_atlas, violations):
    page = open_atlas("?event=test-stalin-interview")
    page.locator(".timeline-stage").focus()
    page.keyboard.press("ArrowRight")  # step to the next event: the panel, the map and the timeline redraw
    page.locator(".map-legend summary").click()
    page.locator("#place-search input").fill("Gümrü")
    page.locator("#place-search [role=option]").first.wait_for()
    assert violations() == []


def test_the_admin_runs_under_the_policy(page, live_server, django_user_model, violations):
    django_user_model.objects.create_superuser("curator", "curator@example.org", "curator-password")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "curator-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    # The event form uses the admin's scripts: inlines, date shortcuts, related-object pop-up links.
    page.goto(f"{live_server.url}/admin/chronology/event/add/")
    page.locator(".add-row a").first.click()
    page.goto(f"{live_server.url}/admin/chronology/event/")
    assert violations() == []
