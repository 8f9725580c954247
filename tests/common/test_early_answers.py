"""Anonymous repeats of a cached API answer come back before DRF (common/early_answers.py): the same
answer, the same throttle, and never a stale or another user's body."""

import gzip

import pytest
from django.test import Client
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from chronology.models import Event, Status
from tests.answers import asked_twice
from tests.factories import make_event, make_place

INDEX = "/api/v1/event-index/?lang=en"
PLACES = "/api/v1/places/"


@pytest.fixture
def dispatches(monkeypatch):
    """How many requests reached DRF's views."""
    count = [0]
    dispatch = APIView.dispatch

    def counted(self, request, *args, **kwargs):
        count[0] += 1
        return dispatch(self, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "dispatch", counted)
    return count


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gzip", ""])
@pytest.mark.parametrize("url", [INDEX, PLACES, "/api/v1/events/?fields=slug,title&lang=tr"])
def test_a_repeat_is_answered_early_with_the_same_status_headers_and_body(dispatches, url, encoding):
    make_event(slug="gumru", places=[make_place(slug="gumru-place")])
    reader = Client(HTTP_ACCEPT_ENCODING=encoding)
    first, repeat = asked_twice(reader, url)
    assert dispatches[0] == 1
    body = gzip.decompress(repeat.content) if encoding else repeat.content
    assert b"gumru" in body
    assert "Content-Security-Policy" in repeat and repeat["X-Frame-Options"] == "DENY"
    # Revalidation is answered early too.
    assert reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert dispatches[0] == 1


@pytest.mark.django_db
def test_a_write_is_seen_by_the_next_repeat(dispatches):
    event = make_event(slug="gumru")
    reader = Client()
    assert b"gumru" in reader.get(INDEX).content
    Event.objects.filter(pk=event.pk).update(slug="kars")
    assert b"kars" in reader.get(INDEX).content
    assert dispatches[0] == 2


@pytest.mark.django_db
def test_each_language_asked_gets_its_own_answer(dispatches):
    make_event(title={"tr": "Gümrü Antlaşması", "en": "Treaty of Gyumri"})
    reader = Client()
    for _ in range(2):
        english = reader.get("/api/v1/event-index/", HTTP_ACCEPT_LANGUAGE="en")
        turkish = reader.get("/api/v1/event-index/", HTTP_ACCEPT_LANGUAGE="tr")
        assert "Treaty of Gyumri" in english.content.decode()
        assert "Gümrü Antlaşması" in turkish.content.decode()
        assert (english["Content-Language"], turkish["Content-Language"]) == ("en", "tr")


@pytest.mark.django_db
def test_a_curator_previewing_never_gets_the_anonymous_answer(dispatches, django_user_model):
    make_event(slug="published-one")
    make_event(slug="draft-one", status=Status.DRAFT)
    url = "/api/v1/event-index/?preview=1"
    anonymous = Client()
    assert [b"draft-one" in anonymous.get(url).content for _ in range(2)] == [False, False]
    curator = Client()
    curator.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "pw"))
    assert b"draft-one" in curator.get(url).content


@pytest.mark.django_db
def test_a_host_not_allowed_is_refused_on_a_repeat_too(dispatches):
    make_event()
    assert Client().get(INDEX).status_code == 200
    assert Client(HTTP_HOST="evil.example").get(INDEX).status_code == 400


@pytest.mark.django_db
def test_early_answers_are_counted_by_the_throttle(monkeypatch, dispatches):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    make_event()
    reader = Client(REMOTE_ADDR="192.0.2.1")
    assert [reader.get(INDEX).status_code for _ in range(3)] == [200, 200, 200]
    assert dispatches[0] == 1  # two of the three were answered early, and counted
    refused = reader.get(INDEX)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="192.0.2.2").get(INDEX).status_code == 200
