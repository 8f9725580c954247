"""Every download format is offered, with the size of the bytes the visitor gets."""

import json
import re
from html import unescape

import pytest

from chronology.models import SEED_COLLECTION, Collection
from tests.factories import make_area, make_event, make_place, make_route, make_source


@pytest.fixture
def atlas(db):
    make_place(slug="kars")
    make_source(slug="bayur-1991", label="Bayur, 1991", author="Yusuf Hikmet Bayur", title="Türk İnkılâbı Tarihi")


def _offered(client) -> list[dict]:
    return client.get("/api/v1/downloads/?lang=en").json()


def test_every_format_is_offered_with_the_size_the_api_serves(client, atlas):
    offered = _offered(client)

    assert [row["label"] for row in offered] == [
        "download_places_geojson",
        "download_routes_geojson",
        "download_areas_geojson",
        "download_kml",
        "download_lpf",
        "download_csl_json",
        "download_bibtex",
        "download_timelinejs",
        "download_events_csv",
    ]
    for row in offered:
        body = client.get(row["url"], HTTP_ACCEPT_ENCODING="identity").content
        assert row["size"] == len(body), row


def test_the_page_links_each_download_where_the_box_fills_its_size(client, atlas):
    html = client.get("/?lang=en").content.decode()
    linked = re.findall(r'<a href="([^"]+)" download data-i18n="([^"]+)">', html)
    assert [label for _url, label in linked] == [row["label"] for row in _offered(client)]
    for url, _label in linked:
        assert f'data-size-of="{url}"' in html


def test_a_sources_size_changes_when_a_curator_adds_a_source(client, atlas):
    before = {row["label"]: row["size"] for row in _offered(client)}
    make_source(slug="gurun-1991", label="Gürün, 1991", author="Kâmuran Gürün", title="Türk-Sovyet İlişkileri")
    after = {row["label"]: row["size"] for row in _offered(client)}

    assert after["download_csl_json"] > before["download_csl_json"]
    assert after["download_places_geojson"] == before["download_places_geojson"]


def test_the_kml_download_is_in_the_asked_language_and_a_wrong_one_is_refused(client, atlas):
    assert {row["label"]: row["url"] for row in _offered(client)}["download_kml"].endswith("?lang=en")
    assert client.get("/api/v1/downloads/?lang=xx").status_code == 400


@pytest.fixture
def two_collections(db):
    """The seed collection with an event at Kars on a route, and another collection with one event at Baku."""
    computing = Collection.objects.create(slug="computing", title={"en": "Women in computing"})
    kars, tiflis, baku = make_place(slug="kars"), make_place(slug="tiflis"), make_place(slug="baku")
    road = make_route(slug="kars-tiflis", stops=[kars, tiflis])
    make_area(slug="eastern-front")
    seed_source = make_source(slug="bayur-1991", label="Bayur, 1991", title="Türk İnkılâbı Tarihi")
    make_event(slug="kars-taken", places=[kars], routes=[road], sources=[seed_source])
    make_event(slug="eniac", collection=computing, places=[baku], sources=[make_source(slug="light-2021")])
    make_event(slug="eniac-draft", collection=computing, places=[tiflis], status="draft")
    return computing


def _slugs(client, url) -> list[str]:
    body = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert body.status_code == 200, body.content
    return [feature["properties"]["slug"] for feature in json.loads(body.content)["features"]]


def test_a_collections_page_lists_its_own_files_and_each_holds_what_its_events_use(client, two_collections):
    offered = client.get("/api/v1/downloads/?lang=en&collection=computing").json()
    labels = [row["label"] for row in offered]
    # Fronts and zones belong to no event: a collection's page offers no areas file.
    assert "download_areas_geojson" not in labels and "download_timelinejs" in labels
    urls = {row["label"]: row["url"] for row in offered}
    assert all("collection=computing" in url for url in urls.values())
    # Its places are the ones its published events stand at; its routes none (eniac travels nowhere).
    assert _slugs(client, urls["download_places_geojson"]) == ["baku"]
    assert _slugs(client, urls["download_routes_geojson"]) == []
    assert [f["properties"]["slug"] for f in json.loads(client.get(urls["download_lpf"]).content)["features"]] == [
        "baku"
    ]
    assert "<name>Baku</name>" in client.get(urls["download_kml"]).content.decode()
    assert "Kars" not in client.get(urls["download_kml"]).content.decode()
    assert [item["id"] for item in json.loads(client.get(urls["download_csl_json"]).content)] == ["light-2021"]
    timeline = json.loads(client.get(urls["download_timelinejs"]).content)
    assert [slide["unique_id"] for slide in timeline["events"]] == ["eniac"]
    assert "eniac" in client.get(urls["download_events_csv"]).content.decode()
    assert "kars-taken" not in client.get(urls["download_events_csv"]).content.decode()
    for row in offered:
        assert row["size"] == len(client.get(row["url"], HTTP_ACCEPT_ENCODING="identity").content), row


def test_the_seed_collections_files_are_the_whole_geography_and_its_own_events(client, two_collections):
    offered = client.get(f"/api/v1/downloads/?lang=en&collection={SEED_COLLECTION}").json()
    urls = {row["label"]: row["url"] for row in offered}
    assert urls["download_places_geojson"] == "/api/v1/places.geojson"  # the atlas's own address and bytes
    assert _slugs(client, urls["download_areas_geojson"]) == ["eastern-front"]
    assert _slugs(client, urls["download_places_geojson"]) == ["baku", "kars", "tiflis"]
    timeline = json.loads(client.get(urls["download_timelinejs"]).content)
    assert [slide["unique_id"] for slide in timeline["events"]] == ["kars-taken"]


def test_each_page_links_its_collections_files(client, two_collections):
    html = client.get("/?collection=computing&lang=en").content.decode()
    linked = re.findall(r'<a href="([^"]+)" download data-i18n="([^"]+)">', html)
    offered = client.get("/api/v1/downloads/?lang=en&collection=computing").json()
    assert [(unescape(url), label) for url, label in linked] == [(row["url"], row["label"]) for row in offered]
    seed_links = re.findall(
        r'<a href="([^"]+)" download data-i18n="download_timelinejs">', client.get("/").content.decode()
    )
    assert seed_links and f"collection={SEED_COLLECTION}" in seed_links[0]


def test_an_unknown_collection_is_refused_naming_the_collections(client, two_collections):
    for url in ("/api/v1/downloads/?collection=nowhere", "/api/v1/places.geojson?collection=nowhere",
                "/api/v1/atlas.kml?collection=nowhere", "/api/v1/sources.bib?collection=nowhere",
                "/api/v1/events.timeline.json?collection=nowhere"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 400 and b"computing" in response.content and b"nowhere" in response.content


def test_the_geography_api_takes_the_collection_as_its_downloads_do(client, two_collections):
    def slugs(layer, collection):
        response = client.get(f"/api/v1/{layer}/?collection={collection}&lang=en")
        assert response.status_code == 200, response.content
        return [feature["properties"]["slug"] for feature in response.json()["features"]]

    assert slugs("places", "computing") == ["baku"]  # not tiflis: only a draft stands there
    assert slugs("routes", "computing") == [] and slugs("areas", "computing") == []
    assert slugs("places", SEED_COLLECTION) == ["baku", "kars", "tiflis"]
    assert slugs("areas", SEED_COLLECTION) == ["eastern-front"]
    refused = client.get("/api/v1/places/?collection=nowhere")
    assert refused.status_code == 400 and "the collections are: computing" in str(refused.json()["collection"])
