"""The links a teacher shares for present mode."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from django.urls import reverse


def test_a_lessons_present_link_opens_present_mode_on_its_first_step(client, db):
    response = client.get(reverse("frontend:present", kwargs={"lesson": "road-to-moscow"}))
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("frontend:atlas")
    assert parse_qs(target.query) == {"mode": ["present"], "lesson": ["road-to-moscow"], "step": ["1"]}


def test_a_present_link_keeps_the_step_and_language_it_was_given(client, db):
    response = client.get("/present/road-to-moscow/?step=5&lang=en")
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["step"] == ["5"] and query["lang"] == ["en"] and query["mode"] == ["present"]


def test_the_page_tells_its_scripts_where_lessons_are(client, db):
    response = client.get("/?lang=en&mode=present&lesson=road-to-moscow")
    assert b'"lessons": "/api/v1/lessons/"' in response.content
    assert b'id="present"' in response.content and b'id="presenter"' in response.content
