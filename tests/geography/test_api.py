"""Places, routes and areas as GeoJSON: [longitude, latitude], names, lengths, citations."""

import pytest
from geopy.distance import geodesic

from sources.models import Citation
from tests.factories import make_area, make_place, make_route, make_source


def test_places_are_a_feature_collection_in_lon_lat_order(api):
    make_place(slug="baku", name={"tr": "Bakü", "en": "Baku"}, latitude=40.4093, longitude=49.8671)
    data = api.get("/api/v1/places/?lang=en").json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [49.8671, 40.4093]}
    assert feature["properties"]["slug"] == "baku" and feature["properties"]["name"] == "Baku"


def test_place_lists_its_names_through_time(api):
    from geography.models import PlaceName

    gyumri = make_place(slug="gyumri")
    PlaceName.objects.create(place=gyumri, name="Alexandropol", date="1837/1924")
    PlaceName.objects.create(place=gyumri, name="Leninakan", date="1924/1990")
    names = api.get("/api/v1/places/gyumri/").json()["properties"]["names"]
    assert [(n["name"], n["start"], n["end"]) for n in names] == [
        ("Alexandropol", "1837-01-01", "1924-12-31"),
        ("Leninakan", "1924-01-01", "1990-12-31"),
    ]


def test_route_is_a_line_through_its_stops_with_its_geodesic_length(api):
    moscow = make_place(slug="moscow", latitude=55.7558, longitude=37.6173)
    baku = make_place(slug="baku", latitude=40.4093, longitude=49.8671)
    kars = make_place(slug="kars", latitude=40.6013, longitude=43.0975)
    route = make_route(slug="aid-road", stops=[moscow, baku, kars], date="1920-11/1921-03")
    Citation.objects.create(
        owner=route,
        source=make_source(slug="bayur", label="Bayur, 1991"),
        locator="s. 12",
        evidence="Erzurum–Kars yolu ile gönderildi.",
        locator_estimated=True,
    )
    [feature] = api.get("/api/v1/routes/").json()["features"]
    assert feature["geometry"]["coordinates"] == [[37.6173, 55.7558], [49.8671, 40.4093], [43.0975, 40.6013]]
    props = feature["properties"]
    assert props["stops"] == ["moscow", "baku", "kars"]
    expected = geodesic((55.7558, 37.6173), (40.4093, 49.8671)).km + geodesic((40.4093, 49.8671), (40.6013, 43.0975)).km
    assert props["length_km"] == pytest.approx(expected, abs=0.1)
    assert 2400 < props["length_km"] < 2600  # Moscow–Baku is about 1,900 km, Baku–Kars about 570
    assert props["citations"] == [
        {
            "source": "bayur",
            "label": "Bayur, 1991",
            "locator": "s. 12",
            "evidence": "Erzurum–Kars yolu ile gönderildi.",
            "locator_estimated": True,
        }
    ]
    assert (props["start"], props["end"]) == ("1920-11-01", "1921-03-31")


def test_areas_carry_geometry_approximation_and_dates(api):
    make_area(slug="front", approximate=True)
    [feature] = api.get("/api/v1/areas/").json()["features"]
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["properties"]["approximate"] is True
    assert feature["properties"]["start"] == "1920-09-01"


def test_areas_filter_by_date_window(api):
    make_area(slug="early", date="1919")
    make_area(slug="late", date="1921-03/1921-10")
    features = api.get("/api/v1/areas/?date_after=1921-05-01&date_before=1921-05-01").json()["features"]
    assert [f["properties"]["slug"] for f in features] == ["late"]


def _gyumri():
    from geography.models import PlaceName

    gyumri = make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"})
    PlaceName.objects.create(place=gyumri, name="Gümrü", language="tr")
    PlaceName.objects.create(place=gyumri, name="Alexandropol", date="1837/1924")
    PlaceName.objects.create(place=gyumri, name="Leninakan", date="1924/1990")
    return gyumri


def test_places_on_a_day_bear_the_name_of_that_day(api):
    _gyumri()
    name = lambda query: api.get(f"/api/v1/places/?{query}").json()["features"][0]["properties"]["name"]  # noqa: E731
    assert name("lang=en&on=1920-12-02") == "Alexandropol"
    assert name("lang=en&on=1930-01-01") == "Leninakan"
    assert name("lang=tr&on=1920-12-02") == "Gümrü"
    assert name("lang=en") == "Gyumri"


def test_name_periods_let_the_page_look_a_day_up(api):
    _gyumri()
    periods = api.get("/api/v1/places/gyumri/?lang=en").json()["properties"]["name_periods"]
    assert ("1837-01-01", "1923-12-31", "Alexandropol") in [(p["start"], p["end"], p["name"]) for p in periods]


@pytest.mark.parametrize("query", ["alexandropol", "LENINAKAN", "gumru", "Gümrü", "gyum"])
def test_search_finds_a_place_by_any_of_its_names(api, query):
    _gyumri()
    make_place(slug="kars", name={"tr": "Kars", "en": "Kars"})
    features = api.get(f"/api/v1/places/?q={query}").json()["features"]
    assert [f["properties"]["slug"] for f in features] == ["gyumri"]


def test_a_bad_day_is_a_400_saying_how_to_write_it(api):
    response = api.get("/api/v1/places/?on=7.11.1920")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.json()["on"]
