"""The cached bodies' key cannot lie (common/response_cache.py): whatever changed the code or the data, and by
whatever path, the very next answer is the one the code and the database give now."""

import gzip
import json
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from common import release as release_module
from common import response_cache
from common.backup import backup, restore
from geography.api import PlaceFeatureSerializer as PlaceSerializer
from tests.factories import make_event, make_place
from tests.private_redis import PrivateRedis

PLACES = "/api/v1/places/?lang=en"
EVENTS = "/api/v1/events/?lang=en&fields=slug,title"


def _json(response):
    content = response.content
    return json.loads(gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content)


def _titles(api) -> list[str]:
    return sorted(event["title"] for event in _json(api.get(EVENTS)))


def _as_release(monkeypatch, name: str) -> None:
    monkeypatch.setattr(release_module, "release", lambda: name)
    monkeypatch.setattr(response_cache, "release", lambda: name)
    response_cache.forget_recent_bodies()  # another process: the new release's own, empty copies


@pytest.fixture
def private_redis():
    """A Redis of this test's own (never the shared one on 6379), removed afterwards."""
    with PrivateRedis() as server:
        yield server.url


@pytest.mark.django_db
def test_two_releases_sharing_one_redis_never_serve_each_others_bodies(api, monkeypatch, private_redis):
    make_place(slug="kars", name={"en": "Kars"})
    shared = {"default": {"BACKEND": "common.cache.RedisCache", "LOCATION": private_redis}}
    with override_settings(CACHES=shared):
        try:
            _as_release(monkeypatch, "release-a")
            old_shape = _json(api.get(PLACES))
            assert "release" not in old_shape["features"][0]

            # The next release adds a field; its workers share the same Redis, and no data changed.
            _as_release(monkeypatch, "release-b")
            original = PlaceSerializer.to_representation
            monkeypatch.setattr(
                PlaceSerializer, "to_representation", lambda self, place: {**original(self, place), "release": "b"}
            )
            assert _json(api.get(PLACES))["features"][0]["release"] == "b"

            # A worker of the old release still running answers in its own shape, not the new one's.
            monkeypatch.setattr(PlaceSerializer, "to_representation", original)
            _as_release(monkeypatch, "release-a")
            assert _json(api.get(PLACES)) == old_shape
        finally:
            caches["default"].clear()


@pytest.mark.django_db(transaction=True)
def test_after_flush_and_another_corpus_the_next_answer_is_the_new_corpus(api, tmp_path):
    make_event(slug="brest", title={"en": "Brest-Litovsk"})
    assert _titles(api) == ["Brest-Litovsk"]
    call_command("flush", interactive=False, verbosity=0)
    corpus = tmp_path / "other.yaml"
    corpus.write_text(
        """
sources:
  - slug: diary
    label: A diary
    kind: book
    title: A diary
places:
  - slug: lyon
    name: {en: Lyon, tr: Lyon}
    kind: city
    latitude: 45.76
    longitude: 4.83
categories:
  - slug: revolt
    name: {en: revolt, tr: isyan}
    colour: "#a23b2a"
events:
  - slug: silk-strike
    date: "1831-11"
    title: {en: The silk workers' revolt, tr: İpek işçileri isyanı}
    summary: {en: Weavers rose in Lyon., tr: Dokumacılar Lyon'da ayaklandı.}
    category: revolt
    places: [lyon]
    citations:
      - {source: diary, locator: "p. 1", evidence: "they rose"}
""",
        encoding="utf-8",
    )
    call_command("load_corpus", str(corpus), verbosity=0)
    assert _titles(api) == ["The silk workers' revolt"]


@pytest.mark.django_db(transaction=True)
def test_after_restoring_an_earlier_dump_the_next_answer_is_the_restored_data(api, tmp_path):
    make_event(slug="gumru", title={"en": "Gümrü"})
    dump = backup(tmp_path / ("atlas.sqlite3" if connection.vendor == "sqlite" else "atlas.dump"))
    make_event(slug="kars", title={"en": "Kars"})
    assert _titles(api) == ["Gümrü", "Kars"]  # cached under the epoch after the dump

    restore(dump)
    assert _titles(api) == ["Gümrü"]
    # The restored database goes on from the dump's epoch; its next write must not meet the bodies cached
    # for the other timeline (a counter would have come back to the very number they were kept under).
    make_event(slug="moscow", title={"en": "Moscow"})
    assert _titles(api) == ["Gümrü", "Moscow"]


@pytest.mark.django_db
def test_raw_sql_and_truncate_through_djangos_connection_are_seen_at_once(api):
    make_event(slug="kars", title={"en": "Kars"})
    assert _titles(api) == ["Kars"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE chronology_event SET title = %s", [json.dumps({"en": "Kars, taken"})])
    assert _titles(api) == ["Kars, taken"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's one transaction still holds the event's deferred foreign-key checks, which TRUNCATE
            # refuses to run past; a real TRUNCATE runs in its own transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "TRUNCATE chronology_event CASCADE" if connection.vendor == "postgresql" else "DELETE FROM chronology_event"
        )
    assert _titles(api) == []


def _cached_entries() -> int:
    """Bodies and data kept, in the shared cache and in this process (not the throttle's counters)."""
    shared = [key for key in cache._cache if ":body:" in key]
    return len(shared) + len(response_cache._recent.entries)


@pytest.mark.django_db
def test_parameters_the_view_does_not_read_make_no_new_entries(api, client):
    make_event(slug="kars", title={"en": "Kars"})
    api.get(EVENTS), api.get(PLACES), client.get("/?lang=en")
    entries = _cached_entries()
    for number in range(200):
        tracking = f"utm_source=newsletter{number}&utm_campaign=c{number}"
        assert api.get(f"{EVENTS}&{tracking}").status_code == 200
        assert api.get(f"{PLACES}&{tracking}").status_code == 200
        assert client.get(f"/?lang=en&{tracking}").status_code == 200
    assert _cached_entries() == entries


@pytest.mark.django_db
def test_answers_from_the_cache_carry_the_security_and_caching_headers(api, client):
    make_event(slug="kars")
    for url, reader in [(PLACES, api), (EVENTS, api), ("/?lang=en", client)]:
        first, cached = reader.get(url), reader.get(url)
        assert cached.content == first.content
        for response in (first, cached):
            assert "default-src" in response["Content-Security-Policy"]
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "frame-ancestors" in response["Content-Security-Policy"] or response.has_header("X-Frame-Options")
            assert response["Cache-Control"] == "public, max-age=60"
            assert response.has_header("ETag")
        revalidated = reader.get(url, HTTP_IF_NONE_MATCH=cached["ETag"])
        assert revalidated.status_code == 304


@pytest.mark.django_db
def test_a_signed_in_curator_always_revalidates(api, django_user_model):
    make_event(slug="kars")
    curator = django_user_model.objects.create_user("selin", password="x", is_staff=True)
    api.force_login(curator)
    response = api.get(PLACES)
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_every_app_of_the_project_is_part_of_the_release():
    # A change in any app's code or templates (the live class's, say) changes what an answer looks like, so it
    # must change the release that keys the cached bodies.
    from django.apps import apps

    covered = {path.resolve() for path in release_module._code_files()}
    for app in apps.get_app_configs():
        folder = Path(app.path).resolve()
        if folder.parent != release_module.ROOT.resolve():
            continue  # Django's and the libraries' apps (in .venv) are covered by the lock files
        own = [path.resolve() for path in folder.rglob("*.py") if "__pycache__" not in path.parts]
        assert own and set(own) <= covered, f"{app.label}'s code is not part of the release"
