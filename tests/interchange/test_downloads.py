"""Every download format is offered, with the size of the bytes the visitor gets."""

import re

import pytest

from tests.factories import make_place, make_source


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
