"""A curator, in a real browser, logs in, adds an event with a place and a citation (the date field saying what
it understood), publishes it, and finds it on the public timeline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _pick(page, row: str, typed: str, option: str) -> None:
    """Choose in an admin autocomplete (select2) of an inline row: open it, type, click the option."""
    page.locator(f"#{row} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_a_curator_adds_an_event_publishes_it_and_finds_it_on_the_timeline(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("ayse", "ayse@example.org", "a-long-curator-passphrase")

    page.goto(f"{live_server.url}/admin/login/?next=/admin/chronology/event/add/")
    page.fill("#id_username", "ayse")
    page.fill("#id_password", "a-long-curator-passphrase")
    page.click("input[type=submit]")
    expect(page.locator("#id_slug")).to_be_visible()

    page.fill("#id_slug", "test-kars-conference-opens")
    page.fill("#id_title_0", "Kars Konferansı açıldı")
    page.fill("#id_title_1", "The Kars conference opens")
    page.fill("#id_summary_0", "Kafkas cumhuriyetleriyle görüşmeler Kars'ta başladı.")
    page.fill("#id_summary_1", "Talks with the Caucasian republics began in Kars.")
    page.locator("#id_date").press_sequentially("1921-09")
    # The form says what it understood, in the curator's language (the browser asks for Turkish).
    expect(page.locator("#id_date-reading")).to_have_text("1921-09 → 1–30 Eylül 1921, ay kesinliğinde")
    page.select_option("#id_category", "diplomacy")

    page.locator("#place_links-group .add-row a").click()
    _pick(page, "place_links-0", "kars", "test-kars")
    page.select_option("#id_place_links-0-role", "at")

    citations = "sources-citation-content_type-object_id"
    page.locator(f"#{citations}-group .add-row a").click()
    _pick(page, f"{citations}-0", "Tekinsoy", "Tekinsoy, 2025")
    page.fill(f"#id_{citations}-0-locator", "s. 199")
    page.fill(f"#id_{citations}-0-evidence", "Kars Konferansı 26 Eylül 1921'de açıldı.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    # A new event is a draft: not on the page until published.
    row = page.locator("#result_list tr", has_text="test-kars-conference-opens")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_contain_text("1")

    page.goto(f"{live_server.url}/")
    page.wait_for_selector("html[data-ready]")
    assert page.evaluate("() => window.chronoatlas.positionOf('test-kars-conference-opens')") is not None
