"""Cached response bodies: built once per data version and query, revalidated with 304, the same JSON
gzipped or not, retired by a curator's save, and never holding a curator's drafts."""

import contextlib
import gzip
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import RequestFactory
from django.urls import reverse

from common import response_cache
from common.epoch import new_epoch
from common.response_cache import cached_bytes_response
from tests.admin_forms import admin_form_data
from tests.factories import make_area, make_event, make_person, make_place, make_route

EVENTS = "/api/v1/events/"
LISTS = ["/api/v1/events/", "/api/v1/places/", "/api/v1/routes/", "/api/v1/areas/", "/api/v1/people/"]


def _atlas():
    """Something in each list: an event at a place on a route, with a person, and an area."""
    kars, gyumri = make_place(slug="kars"), make_place(slug="gyumri")
    make_area()
    return make_event(places=[kars], people=[make_person()], routes=[make_route(stops=[kars, gyumri])])


def _body(response) -> bytes:
    content = response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"built": self.calls}


@pytest.mark.django_db
def test_a_body_is_built_once_per_data_epoch_and_query():
    build, factory = Builder(), RequestFactory()
    first = cached_bytes_response(factory.get("/x"), ["list", "en"], build)
    again = cached_bytes_response(factory.get("/x"), ["list", "en"], build)
    other_language = cached_bytes_response(factory.get("/x"), ["list", "tr"], build)
    assert json.loads(_body(first)) == json.loads(_body(again)) == {"built": 1}
    assert json.loads(_body(other_language)) == {"built": 2}
    new_epoch()
    assert json.loads(_body(cached_bytes_response(factory.get("/x"), ["list", "en"], build))) == {"built": 3}


@pytest.mark.django_db
def test_the_cached_body_is_not_compressed_twice_by_the_middleware(api):
    make_event(title={"en": "Kars " * 100})
    cold = api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")
    warm = api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")
    for response in (cold, warm):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"] and "Accept-Language" in response["Vary"]
        assert json.loads(gzip.decompress(response.content))[0]["title"].startswith("Kars")


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_gzip_and_identity_bodies_are_the_same_json(api, url):
    _atlas()
    zipped = api.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = api.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert zipped["Content-Encoding"] == "gzip" and not plain.has_header("Content-Encoding")
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] == plain["ETag"]
    data = json.loads(plain.content)
    assert data if isinstance(data, list) else data["features"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_a_revalidation_with_the_etag_is_answered_304_until_the_data_changes(api, url):
    event = _atlas()
    etag = api.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    again = api.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content and again["ETag"] == etag
    event.title = {"tr": "Yeni", "en": "New"}
    event.save()
    # Only the event list shows the title, but any write retires every cached body: the ETag is checked afresh.
    after = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == (200 if url == EVENTS else 304)


@pytest.mark.django_db
def test_a_curators_save_in_the_admin_shows_in_the_next_cached_list(api, client, django_user_model):
    event = make_event(title={"tr": "Önce", "en": "Before"})
    before = api.get(EVENTS + "?lang=en&fields=title", HTTP_ACCEPT_ENCODING="gzip")
    assert json.loads(gzip.decompress(before.content)) == [{"title": "Before"}]
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "pw"))
    url = reverse("admin:chronology_event_change", args=[event.pk])
    data = admin_form_data(client.get(url))
    data["title_1"] = "After"
    assert client.post(url, data).status_code == 302
    after = api.get(EVENTS + "?lang=en&fields=title", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and json.loads(gzip.decompress(after.content)) == [{"title": "After"}]


@pytest.mark.django_db
def test_a_curators_preview_of_drafts_never_reaches_an_anonymous_reader(api, client, django_user_model):
    make_event(slug="published", title={"en": "Published"})
    make_event(slug="draft", status="draft", title={"en": "Draft"})
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "pw"))
    preview = client.get(EVENTS + "?fields=slug&preview=1", HTTP_ACCEPT_ENCODING="gzip")
    assert sorted(row["slug"] for row in json.loads(_body(preview))) == ["draft", "published"]
    assert "private" in preview["Cache-Control"]
    for asked in (EVENTS + "?fields=slug&preview=1", EVENTS + "?fields=slug"):
        seen = api.get(asked, HTTP_ACCEPT_ENCODING="gzip")
        assert [row["slug"] for row in json.loads(_body(seen))] == ["published"]
    # The curator's own list without preview is the published one, served from the shared cache.
    assert [row["slug"] for row in json.loads(_body(client.get(EVENTS + "?fields=slug")))] == ["published"]


@pytest.mark.django_db
def test_an_events_detail_is_cached_until_it_changes_and_a_draft_stays_hidden(api, client, django_user_model):
    event = make_event(slug="kars", title={"en": "Kars falls"})
    make_event(slug="draft", status="draft")
    first = api.get("/api/v1/events/kars/?lang=en", HTTP_ACCEPT_ENCODING="gzip")
    assert json.loads(_body(first))["title"] == "Kars falls"
    assert api.get("/api/v1/events/kars/?lang=en", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    event.title = {"en": "Kars is taken"}
    event.save()
    assert json.loads(_body(api.get("/api/v1/events/kars/?lang=en")))["title"] == "Kars is taken"
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "pw"))
    assert client.get("/api/v1/events/draft/?preview=1").status_code == 200
    for _ in range(2):  # a made-up or hidden slug is answered 404 every time, never from a cached body
        assert api.get("/api/v1/events/draft/?preview=1").status_code == 404
        assert api.get("/api/v1/events/draft/").status_code == 404


class SlowBuilder(Builder):
    """A body that takes a while to build, as the 10,000-event list does; fails when told to."""

    def __init__(self, seconds: float, fail_first: bool = False):
        super().__init__()
        self.seconds, self.fail_first = seconds, fail_first

    def __call__(self):
        time.sleep(self.seconds)
        if self.fail_first and self.calls == 0:
            self.calls += 1
            raise RuntimeError("the database went away")
        return super().__call__()


@pytest.fixture
def one_epoch(monkeypatch):
    """The readers' threads have no test database: they all read one epoch, each build its own snapshot."""
    monkeypatch.setattr(response_cache, "data_epoch", lambda: "one-epoch")
    monkeypatch.setattr(response_cache, "consistent_snapshot", contextlib.nullcontext)


def _ask_at_once(build, askers: int = 6, shared: bool = True) -> list:
    ask = f"same-ask-{time.monotonic_ns()}"  # no body kept by an earlier test
    with ThreadPoolExecutor(askers) as pool:
        jobs = [pool.submit(response_cache.stored_body, ask, build, shared) for _ in range(askers)]
    return [job.exception() or json.loads(gzip.decompress(job.result()[1])) for job in jobs]


@pytest.mark.parametrize("shared", [True, False])
def test_readers_asking_at_once_for_a_missing_body_wait_for_one_build(one_epoch, shared):
    build = SlowBuilder(0.3)
    assert _ask_at_once(build, shared=shared) == [{"built": 1}] * 6
    assert build.calls == 1


def test_when_the_one_build_fails_the_waiting_readers_build_it_themselves_at_once(one_epoch):
    build = SlowBuilder(0.2, fail_first=True)
    started = time.monotonic()
    answers = _ask_at_once(build, askers=3)
    assert sum(isinstance(answer, RuntimeError) for answer in answers) == 1
    assert all(answer in ({"built": 2}, {"built": 3}) for answer in answers if not isinstance(answer, RuntimeError))
    assert time.monotonic() - started < response_cache.BUILD_WAIT_SECONDS  # not left waiting for the failed build
