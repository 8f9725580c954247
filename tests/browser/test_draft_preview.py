"""A curator previews a draft on the real page; a visitor following the same link sees only published events."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def draft():
    from tests.factories import make_event

    return make_event(
        slug="draft-armistice",
        status="draft",
        date="1920-12-20",
        title={"tr": "Taslak ateşkes", "en": "Draft armistice"},
    )


def _sign_in(page, live_server, django_user_model):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "unused"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def test_a_curator_sees_the_draft_on_the_timeline_and_in_the_panel_under_a_banner(
    page, open_atlas, live_server, django_user_model, draft
):
    _sign_in(page, live_server, django_user_model)
    page = open_atlas("?event=draft-armistice&preview=1&lang=en")
    expect(page.locator(".preview-banner")).to_contain_text("Draft preview")
    expect(page.locator(".panel-title")).to_have_text("Draft armistice")
    assert page.evaluate("() => window.chronoatlas.positionOf('draft-armistice')"), "the draft is not drawn"


def test_a_visitor_with_the_same_link_gets_the_published_atlas(page, open_atlas, draft):
    page = open_atlas("?event=draft-armistice&preview=1&lang=en")
    expect(page.locator(".panel-notice")).to_be_visible()
    assert page.locator(".preview-banner").count() == 0
    assert "Draft armistice" not in page.content()
    assert not page.evaluate("() => window.chronoatlas.positionOf('draft-armistice')")
