"""Drafts stay out of the API and the page; a curator previews them on the real page with `?preview=1`."""

import pytest
from django.test import Client
from django.urls import reverse

from chronology.models import EventRelation
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "unused"))
    return client


@pytest.fixture
def events():
    published = make_event(slug="kars-falls", title={"tr": "Kars düştü", "en": "Kars falls"})
    draft = make_event(slug="secret-draft", status="draft", title={"tr": "Taslak olay", "en": "Draft event"})
    EventRelation.objects.create(event=published, kind="before", other=draft)
    return published, draft


def _slugs(response):
    return [row["slug"] for row in response.json()]


@pytest.mark.parametrize("query", ["", "?preview=1"])
def test_visitors_never_get_drafts_from_the_api_even_asking_for_a_preview(client, events, query):
    assert _slugs(client.get(reverse("event-list") + query)) == ["kars-falls"]
    assert client.get(reverse("event-detail", args=["secret-draft"]) + query).status_code == 404
    assert client.get(reverse("event-list") + "?limit=5" + query.replace("?", "&")).json()["count"] == 1


def test_a_published_event_does_not_name_a_draft_it_is_related_to(client, events):
    detail = client.get(reverse("event-detail", args=["kars-falls"])).json()
    assert detail["relations"] == []
    assert "secret-draft" not in client.get(reverse("event-list")).content.decode()


def test_staff_without_the_preview_parameter_see_the_published_atlas(curator, events):
    assert _slugs(curator.get(reverse("event-list"))) == ["kars-falls"]
    response = curator.get("/?event=secret-draft")
    assert response.status_code == 404 and b"preview-banner" not in response.content


def test_a_curator_previews_a_draft_on_the_page_with_a_banner(curator, events):
    response = curator.get("/?event=secret-draft&preview=1&lang=en")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Draft event" in text and 'data-preview="draft"' in text and "Draft preview" in text
    assert "private" in response["Cache-Control"]
    config = response.context["config"]["api"]
    assert "&preview=1" in config["events"] and config["event"].endswith("?preview=1")
    listed = curator.get(config["events"])
    assert _slugs(listed) == ["kars-falls", "secret-draft"] and "private" in listed["Cache-Control"]
    assert curator.get(config["event"].replace("SLUG", "secret-draft")).json()["title"] == "Taslak olay"


def test_a_preview_is_not_cached_for_visitors(curator, events):
    url = reverse("event-list") + "?preview=1"
    assert _slugs(curator.get(url)) == ["kars-falls", "secret-draft"]
    assert _slugs(Client().get(url)) == ["kars-falls"]


def test_anonymous_preview_of_a_draft_is_the_published_page_saying_not_found(client, events):
    response = client.get("/?event=secret-draft&preview=1")
    assert response.status_code == 404
    assert b"Taslak olay" not in response.content and b"preview-banner" not in response.content


def test_staff_without_permission_to_see_events_cannot_preview(client, events, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get("/?event=secret-draft&preview=1").status_code == 404
    assert _slugs(client.get(reverse("event-list") + "?preview=1")) == ["kars-falls"]


def test_publishing_in_the_admin_puts_the_draft_on_the_public_api(curator, client, events):
    draft = events[1]
    curator.post(reverse("admin:chronology_event_changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    assert _slugs(Client().get(reverse("event-list"))) == ["kars-falls", "secret-draft"]
