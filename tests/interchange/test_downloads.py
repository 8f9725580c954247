"""The atlas page offers every download format with the size of the bytes the visitor gets."""

import re

import pytest

from tests.factories import make_place, make_source


@pytest.fixture
def atlas(db):
    make_place(slug="kars")
    make_source(slug="bayur-1991", label="Bayur, 1991", author="Yusuf Hikmet Bayur", title="Türk İnkılâbı Tarihi")


def _offered(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<li><a href="([^"]+)" download data-i18n="([^"]+)">[^<]*</a> <span class="download-size">([^<]+)</span></li>',
        html,
    )


def test_the_page_lists_every_format_with_the_size_the_api_serves(client, atlas):
    offered = _offered(client.get("/?lang=en").content.decode())

    labels = [label for _url, label, _size in offered]
    assert labels == [
        "download_places_geojson",
        "download_routes_geojson",
        "download_areas_geojson",
        "download_kml",
        "download_lpf",
        "download_csl_json",
        "download_bibtex",
    ]
    for url, _label, size in offered:
        body = client.get(url.replace("&amp;", "&"), HTTP_ACCEPT_ENCODING="identity").content
        # filesizeformat's words: "412 bytes", "1.2 KB"
        number, unit = size.replace("\xa0", " ").split(" ")
        expected = len(body) if unit == "bytes" else len(body) / 1024 if unit == "KB" else len(body) / 1024**2
        assert float(number) == pytest.approx(expected, abs=0.1), (url, size, len(body))


def test_a_sources_size_changes_when_a_curator_adds_a_source(client, atlas):
    before = dict((label, size) for _url, label, size in _offered(client.get("/?lang=en").content.decode()))
    make_source(slug="gurun-1991", label="Gürün, 1991", author="Kâmuran Gürün", title="Türk-Sovyet İlişkileri")
    after = dict((label, size) for _url, label, size in _offered(client.get("/?lang=en").content.decode()))

    assert after["download_csl_json"] != before["download_csl_json"]
    assert after["download_places_geojson"] == before["download_places_geojson"]


def test_the_kml_download_is_in_the_pages_language(client, atlas):
    urls = {label: url for url, label, _size in _offered(client.get("/?lang=en").content.decode())}
    assert urls["download_kml"].endswith("?lang=en")
