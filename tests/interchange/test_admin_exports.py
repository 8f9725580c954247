"""Every export format is a button in the admin: the source, route, area and place lists export their files,
and a collection's page exports that collection in each format."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from chronology.models import Collection
from tests.factories import make_area, make_event, make_place, make_route, make_source


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    return client


@pytest.fixture
def computing(db):
    computing = Collection.objects.create(slug="computing", title={"en": "Women in computing"})
    kars, baku = make_place(slug="kars"), make_place(slug="baku")
    make_area(slug="eastern-front")
    make_event(slug="kars-taken", places=[kars], routes=[make_route(slug="kars-baku", stops=[kars, baku])])
    make_event(slug="eniac", collection=computing, places=[baku], sources=[make_source(slug="light-2021")])
    make_event(slug="eniac-draft", collection=computing, places=[baku], status="draft")
    return computing


def _buttons(page: str) -> dict[str, str]:
    """The object tools' and the export box's links, by their words."""
    return {
        unescape(words): unescape(href)
        for href, words in re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', page)
        if "export" in href or "/api/v1/" in href
    }


def _downloaded(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response.get("Content-Disposition", "").startswith("attachment") or "/api/v1/" in url
    return response.content


@pytest.mark.parametrize(
    ("admin_list", "served"),
    [
        ("admin:sources_source_changelist", ["/api/v1/sources.csl.json", "/api/v1/sources.bib"]),
        ("admin:geography_route_changelist", ["/api/v1/routes.geojson"]),
        ("admin:geography_area_changelist", ["/api/v1/areas.geojson"]),
        (
            "admin:geography_place_changelist",
            ["/api/v1/places.lpf.json", "/api/v1/atlas.kml", "/api/v1/places.geojson"],
        ),
    ],
)
def test_each_list_exports_its_files_with_the_apis_bytes(curator, computing, admin_list, served):
    buttons = _buttons(curator.get(reverse(admin_list)).content.decode())
    exported = [_downloaded(curator, url) for url in buttons.values()]
    for address in served:
        assert curator.get(address, HTTP_ACCEPT_ENCODING="identity").content in exported, address


def test_a_collections_page_exports_it_in_every_format(curator, computing):
    page = curator.get(reverse("admin:chronology_collection_change", args=[computing.pk])).content.decode()
    buttons = _buttons(page)
    formats = {re.search(r"format=([^&]+)", url).group(1) for url in buttons.values()}
    assert formats == {"csv", "timelinejs", "timelinejs-csv", "geojson", "kml", "lpf", "csl-json", "bibtex"}
    assert all("collection=computing" in url for url in buttons.values())
    timeline_url = next(url for url in buttons.values() if "format=timelinejs&" in url)
    # The admin's exports hold drafts, as the event list's do; only this collection's events.
    slides = json.loads(_downloaded(curator, timeline_url))["events"]
    assert sorted(slide["unique_id"] for slide in slides) == ["eniac", "eniac-draft"]
    places_url = next(url for url in buttons.values() if "layer=places" in url)
    assert [f["id"] for f in json.loads(_downloaded(curator, places_url))["features"]] == ["baku"]
    for url in buttons.values():
        _downloaded(curator, url)


def test_the_export_address_says_what_to_fix(curator, computing):
    export = reverse("admin:chronology_event_export")
    for query, words in [
        ("format=shapefile", b"Unknown format; use one of corpus, csv"),
        ("format=geojson", b"Unknown layer; use one of places, routes, areas"),
        ("format=csv&collection=nowhere", b"No collection 'nowhere'"),
        ("format=kml&layer=places", b"leave --layer out"),
    ]:
        response = curator.get(f"{export}?{query}")
        assert response.status_code == 400 and words in response.content, (query, response.content)
