"""GeoJSON of places, routes and areas: valid RFC 7946, flat columns, the same bytes everywhere, inert text."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from shapely.geometry import LinearRing, shape

from chronology.corpus import corpus_load
from geography.models import Place, PlaceName, RouteStatus
from interchange.services import geography_export
from sources.models import Citation
from tests.factories import make_area, make_place, make_route, make_source
from tests.xss_payloads import PAYLOADS, translated

pytestmark = pytest.mark.django_db


def _rfc7946_problems(collection: dict) -> list[str]:
    """What a GeoJSON reader may refuse or misread: RFC 7946's rules checked by hand (no validator needed)."""
    problems = []
    if collection.get("type") != "FeatureCollection":
        problems.append("not a FeatureCollection")
    if "crs" in collection:
        problems.append("a crs member (RFC 7946 §4 removed it)")
    for feature in collection["features"]:
        where = feature.get("id")
        if feature.get("type") != "Feature" or not isinstance(where, str | int):
            problems.append(f"{where}: not a Feature with a string or number id")
        for name, value in feature["properties"].items():
            if isinstance(value, dict | list):
                problems.append(f"{where}: property {name} is not flat")
        geometry = feature["geometry"]
        if geometry is None:
            continue
        for lon, lat, *_ in _positions(geometry["coordinates"]):
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems.append(f"{where}: {lon},{lat} is not longitude, latitude")
        polygons = {"Polygon": [geometry["coordinates"]], "MultiPolygon": geometry["coordinates"]}
        for rings in polygons.get(geometry["type"], []):
            for index, ring in enumerate(rings):
                clockwise = not LinearRing(ring).is_ccw
                if clockwise != (index > 0):  # exterior counter-clockwise, holes clockwise (§3.1.6)
                    problems.append(f"{where}: ring {index} breaks the right-hand rule")
    return problems


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates
        return
    for part in coordinates:
        yield from _positions(part)


def _layer(name: str) -> dict:
    return json.loads(geography_export(layer=name))


@pytest.fixture
def seeded():
    corpus_load(path=settings.CORPUS_DIR)


@pytest.mark.parametrize("layer", ["places", "routes", "areas"])
def test_every_layer_of_the_seed_corpus_is_valid_rfc_7946(seeded, layer):
    collection = _layer(layer)
    assert collection["features"]
    assert _rfc7946_problems(collection) == []


def test_the_seed_places_come_back_as_they_are_in_the_atlas(seeded):
    features = {feature["id"]: feature for feature in _layer("places")["features"]}
    assert set(features) == set(Place.objects.values_list("slug", flat=True))
    for place in Place.objects.all():
        properties = features[place.slug]["properties"]
        assert features[place.slug]["geometry"]["coordinates"] == [place.longitude, place.latitude]
        assert (properties["kind"], properties["name_tr"], properties["name_en"]) == (
            place.kind,
            place.name.get("tr"),
            place.name.get("en"),
        )


def test_a_clockwise_area_is_written_counter_clockwise_covering_the_same_ground():
    clockwise = [[42, 40], [42, 41], [44, 41], [44, 40], [42, 40]]
    make_area(slug="front", geometry={"type": "Polygon", "coordinates": [clockwise]})
    written = _layer("areas")
    assert _rfc7946_problems(written) == []
    geometry = written["features"][0]["geometry"]
    assert shape(geometry).equals(shape({"type": "Polygon", "coordinates": [clockwise]}))


def test_a_route_has_a_feature_a_status_period_so_a_time_slider_plays_it():
    road = make_route(slug="nakhchivan-road", stops=[make_place(longitude=44.8), make_place(longitude=45.4)])
    RouteStatus.objects.create(route=road, status="open", date="1920-07/1920-11")
    RouteStatus.objects.create(route=road, status="closed", date="1920-12/1921-03", note={"en": "Snow."})
    make_route(slug="no-status", stops=[make_place(), make_place(latitude=41)])
    features = _layer("routes")["features"]
    assert [(f["id"], f["properties"]["status"], f["properties"]["status_start"]) for f in features] == [
        ("nakhchivan-road.1", "open", "1920-07-01"),
        ("nakhchivan-road.2", "closed", "1920-12-01"),
        ("no-status", None, None),
    ]
    assert features[1]["properties"]["status_note_en"] == "Snow."
    assert features[1]["geometry"]["coordinates"] == features[0]["geometry"]["coordinates"]


def test_names_through_time_and_citations_are_text_columns():
    place = make_place(slug="gyumri")
    PlaceName.objects.create(place=place, name="Alexandropol", language="ru", date="1837/1924-01")
    area = make_area(slug="front")
    Citation.objects.create(owner=area, source=make_source(slug="bayur-1991"), locator="s. 12", evidence="x")
    assert _layer("places")["features"][0]["properties"]["names"] == "Alexandropol [ru] 1837/1924-01"
    assert _layer("areas")["features"][0]["properties"]["citations"] == "bayur-1991:s. 12"


def test_curator_markup_stays_text_and_no_markup_reaches_the_bytes():
    make_place(slug="kars", name=translated("name"), description=translated("description"))
    data = geography_export(layer="places")
    assert b"<" not in data and b">" not in data
    properties = json.loads(data)["features"][0]["properties"]
    assert properties["name_en"] == translated("name")["en"]
    assert all(payload in properties["description_tr"] for payload in PAYLOADS)


@pytest.mark.parametrize("layer", ["places", "routes", "areas"])
def test_the_api_the_command_and_the_admin_give_the_same_bytes(client, admin_client, seeded, layer):
    command = io.StringIO()
    call_command("export_geography", layer=layer, stdout=command)
    api = client.get(f"/api/v1/{layer}.geojson")
    admin = admin_client.get("/admin/chronology/event/export/", {"format": "geojson", "layer": layer})
    assert api["Content-Type"] == "application/geo+json"
    assert api.content == admin.content == command.getvalue().encode("utf-8") == geography_export(layer=layer)
    assert f"chronoatlas-geojson-{layer}-" in admin["Content-Disposition"]


def test_an_unknown_layer_is_refused_saying_which_exist(client, admin_client):
    assert client.get("/api/v1/rivers.geojson").status_code == 404
    refused = admin_client.get("/admin/chronology/event/export/", {"format": "geojson", "layer": "rivers"})
    assert refused.status_code == 400
    assert b"places, routes, areas" in refused.content


def test_the_api_answers_with_the_data_after_a_change(client):
    make_place(slug="kars")
    assert [f["id"] for f in json.loads(client.get("/api/v1/places.geojson").content)["features"]] == ["kars"]
    make_place(slug="sarikamis")
    assert len(json.loads(client.get("/api/v1/places.geojson").content)["features"]) == 2


def test_the_page_links_each_layer(client):
    page = client.get("/").content.decode()
    for layer in ("places", "routes", "areas"):
        assert f'href="/api/v1/{layer}.geojson" download' in page


def test_the_columns_are_the_documented_ones_and_nothing_nested():
    """Aid shipments and the dates a route reached each stop are left out (docs/interchange.md says so)."""
    make_route(slug="r", stops=[make_place(), make_place(latitude=41)])
    assert list(_layer("routes")["features"][0]["properties"]) == [
        "slug", "name_tr", "name_en", "mode", "purpose", "date", "start", "end", "stops", "length_km",
        "citations", "status", "status_date", "status_start", "status_end", "status_note_tr", "status_note_en",
    ]  # fmt: skip
