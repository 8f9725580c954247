"""The atlas page is kept per data version and language: a repeat is the same page, answered before
sessions and authentication, and a write, a curator's preview or an unknown event is never served stale."""

import gzip

import pytest
from django.test import Client

import frontend.views
from chronology.models import Event, Status
from tests.answers import asked_twice
from tests.factories import make_event


@pytest.fixture
def builds(monkeypatch):
    """How many times the page was built rather than taken from the cache."""
    count = [0]
    build = frontend.views._atlas_page

    def counted(*args, **kwargs):
        count[0] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(frontend.views, "_atlas_page", counted)
    return count


def _text(response) -> str:
    body = response.content
    return (gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body).decode()


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gzip", ""])
@pytest.mark.parametrize("url", ["/", "/?event=gumru&lang=en"])
def test_a_repeat_is_the_same_page_built_once(builds, url, encoding):
    make_event(slug="gumru", title={"tr": "Gümrü Antlaşması", "en": "Treaty of Gyumri"})
    visitor = Client(HTTP_ACCEPT_ENCODING=encoding)
    first, repeat = asked_twice(visitor, url)
    assert builds[0] == 1
    assert repeat["Content-Type"] == "text/html; charset=utf-8"
    assert "<html" in _text(repeat)
    assert visitor.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
def test_the_page_follows_a_write_and_the_language(builds):
    event = make_event(slug="gumru", title={"tr": "Gümrü Antlaşması", "en": "Treaty of Gyumri"})
    visitor = Client()
    assert "Treaty of Gyumri" in _text(visitor.get("/?event=gumru&lang=en"))
    assert "Gümrü Antlaşması" in _text(visitor.get("/?event=gumru", HTTP_ACCEPT_LANGUAGE="tr"))
    Event.objects.filter(pk=event.pk).update(title={"tr": "Gümrü", "en": "Peace of Alexandropol"})
    assert "Peace of Alexandropol" in _text(visitor.get("/?event=gumru&lang=en"))


@pytest.mark.django_db
def test_an_unknown_event_is_a_404_every_time_and_a_preview_is_never_kept(builds, django_user_model):
    make_event(slug="draft-one", status=Status.DRAFT, title={"tr": "Taslak", "en": "Draft treaty"})
    visitor = Client()
    assert [visitor.get("/?event=draft-one&preview=1").status_code for _ in range(2)] == [404, 404]
    curator = Client()
    curator.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "pw"))
    previewed = curator.get("/?event=draft-one&preview=1&lang=en")
    assert previewed.status_code == 200 and "Draft treaty" in _text(previewed)
    assert "no-store" in previewed["Cache-Control"] and "private" in previewed["Cache-Control"]
    assert visitor.get("/?event=draft-one&preview=1&lang=en").status_code == 404
