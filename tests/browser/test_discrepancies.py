"""The article's own inconsistencies are shown beside the event they touch, with both passages (issue 18)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]


def _panel_for(page, slug: str):
    article = page.locator(f'.panel-event[data-event="{slug}"]:not([aria-busy])')
    article.wait_for()
    return article


def test_the_fall_of_kars_shows_the_article_disagreeing_with_itself_with_both_passages(open_atlas):
    page = open_atlas("?lang=en&event=kars-taken-1920")
    section = _panel_for(page, "kars-taken-1920").locator(".panel-section-discrepancies")
    expect(section.locator("h3")).to_have_text("The sources disagree")
    discrepancy = section.locator(".panel-discrepancy")
    expect(discrepancy).to_have_count(1)
    expect(discrepancy.locator(".panel-discrepancy-note")).to_contain_text("Kars was taken on 30 October 1920")
    passages = discrepancy.locator(".panel-discrepancy-passages .panel-evidence")
    expect(passages).to_have_count(2)
    expect(passages.nth(0)).to_contain_text("30 Ekim’de Kars")
    expect(passages.nth(1)).to_contain_text("hem Kars’ı hem de Tiflis’i")
    expect(discrepancy.locator(".panel-discrepancy-passages cite").first).to_have_text("Tekinsoy, 2025")


def test_the_interviews_disagreements_are_listed_in_turkish_too(open_atlas):
    page = open_atlas("?lang=tr&event=stalin-memduh-sevket-interview-1920")
    section = _panel_for(page, "stalin-memduh-sevket-interview-1920").locator(".panel-section-discrepancies")
    expect(section.locator("h3")).to_have_text("Kaynaklar çelişiyor")
    expect(section.locator(".panel-discrepancy")).to_have_count(4)
    first = section.locator(".panel-discrepancy").first
    expect(first.locator(".panel-discrepancy-note")).to_contain_text("12 Ağustos 1920")
    expect(first.locator(".panel-evidence").nth(0)).to_contain_text("5 Kasım 1920 tarihli rapordur")
    expect(first.locator(".panel-evidence").nth(1)).to_contain_text("Mülakatın gerçekleştiği 12 Ağustos 1920")


def test_an_event_the_sources_agree_on_has_no_such_section(open_atlas):
    page = open_atlas("?lang=en&event=treaty-of-gumru-1920")
    article = _panel_for(page, "treaty-of-gumru-1920")
    expect(article.locator(".panel-section-discrepancies")).to_have_count(0)
