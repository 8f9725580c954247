"""/export/map.html: a folium map in one file, nothing outside it, and clear pages for what cannot be made."""

import re

import pytest

from geography.models import PlaceName, RouteStatus
from tests.factories import make_area, make_place, make_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def road():
    kars = make_place(slug="kars", name={"tr": "Kars", "en": "Kars"}, latitude=40.6, longitude=43.1)
    gyumri = make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"}, latitude=40.8, longitude=43.8)
    PlaceName.objects.create(place=gyumri, name="Alexandropol", language="en", date="/1924-01-31")
    route = make_route(stops=[kars, gyumri], slug="kars-road", name={"tr": "Kars yolu", "en": "Kars road"})
    RouteStatus.objects.create(route=route, status="closed", date="1920-12")
    make_area(slug="front-1920", name={"tr": "Cephe", "en": "Eastern front"}, date="1920-09/1920-12")
    return route


def test_the_file_holds_leaflet_and_the_layers_and_links_nothing_outside(client, road):
    response = client.get("/export/map.html", {"on": "1920-12-10", "lang": "en"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    html = response.content.decode()
    assert re.search(r"https?://", html) is None
    assert re.search(r"<(script|link)[^>]+(src|href)=", html) is None  # every asset inlined
    assert "L.map" in html and "topojson" in html
    assert "Alexandropol" in html  # the name Gyumri bore that day
    assert "Kars road — closed" in html
    assert "Eastern front" in html


def test_a_day_outside_an_area_leaves_it_out(client, road):
    html = client.get("/export/map.html", {"on": "1921-06-01", "lang": "en"}).content.decode()
    assert "Eastern front" not in html
    assert "Kars road — open" in html


def test_one_route_is_framed_alone(client, road):
    response = client.get("/export/map.html", {"route": "kars-road", "lang": "en"})
    assert response.status_code == 200
    assert 'filename="chronoatlas-kars-road.html"' in response["Content-Disposition"]
    assert "Eastern front" not in response.content.decode()


def test_a_route_that_does_not_exist_is_a_404_page_naming_it(client, road):
    response = client.get("/export/map.html", {"route": "nowhere"})
    assert response.status_code == 404
    assert "nowhere" in response.content.decode()


def test_a_day_that_does_not_parse_is_a_400_page_saying_how_to_write_it(client, road):
    response = client.get("/export/map.html", {"on": "1920-13-45"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()
