"""KML for Google Earth: a Folder a layer, placemarks dated for the time slider, citations, inert text."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from chronology.corpus import corpus_load
from geography.models import Area, Place, PlaceName, Route, RouteStatus
from interchange.geography_services import kml_export
from sources.models import Citation
from tests.factories import make_area, make_place, make_route, make_source
from tests.xss_payloads import PAYLOADS, translated

pytestmark = pytest.mark.django_db

NS = {"k": "http://www.opengis.net/kml/2.2"}


def _kml(language: str = "") -> ET.Element:
    return ET.fromstring(kml_export(language=language))


def _folder(root: ET.Element, folder_id: str) -> ET.Element:
    return root.find(f"k:Document/k:Folder[@id='{folder_id}']", NS)


def _placemarks(root: ET.Element, folder_id: str) -> dict[str, ET.Element]:
    return {p.get("id"): p for p in _folder(root, folder_id).findall("k:Placemark", NS)}


def _span(placemark: ET.Element) -> tuple[str | None, str | None]:
    stamp = placemark.findtext("k:TimeStamp/k:when", namespaces=NS)
    if stamp is not None:
        return stamp, stamp
    begin = placemark.findtext("k:TimeSpan/k:begin", namespaces=NS)
    return begin, placemark.findtext("k:TimeSpan/k:end", namespaces=NS)


def test_the_seed_corpus_has_a_placemark_for_every_place_route_period_and_area_dated_as_in_the_atlas():
    corpus_load(path=settings.CORPUS_DIR)
    root = _kml()
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    assert [f.get("id") for f in root.findall("k:Document/k:Folder", NS)] == ["places", "routes", "areas"]

    places = _placemarks(root, "places")
    assert set(places) == {f"place-{slug}" for slug in Place.objects.values_list("slug", flat=True)}
    for place in Place.objects.all():
        lon, lat = map(float, places[f"place-{place.slug}"].findtext("k:Point/k:coordinates", namespaces=NS).split(","))
        assert (lon, lat) == pytest.approx((place.longitude, place.latitude))

    routes = _placemarks(root, "routes")
    expected = sum(max(route.statuses.count(), 1) for route in Route.objects.all())
    assert len(routes) == expected
    for status in RouteStatus.objects.select_related("route"):
        number = list(status.route.statuses.all()).index(status) + 1
        assert _span(routes[f"route-{status.route.slug}.{number}"]) == (status.start_iso, status.end_iso)

    areas = _placemarks(root, "areas")
    assert len(areas) == Area.objects.count()
    for area in Area.objects.all():
        assert _span(areas[f"area-{area.slug}"]) == (area.start_iso, area.end_iso)


def test_a_period_is_a_time_span_a_single_day_a_time_stamp_an_open_side_is_left_out():
    stops = [make_place(longitude=44.8), make_place(longitude=45.4)]
    road = make_route(slug="road", stops=stops)
    RouteStatus.objects.create(route=road, status="closed", date="1920-12/1921-03")
    RouteStatus.objects.create(route=road, status="open", date="1921-04-02")
    make_area(slug="front", date="1920-09/..")
    make_area(slug="zone", date="")
    root = _kml()
    routes = _placemarks(root, "routes")
    assert _span(routes["route-road.1"]) == ("1920-12-01", "1921-03-31")
    assert routes["route-road.2"].find("k:TimeStamp", NS) is not None
    assert _span(routes["route-road.2"]) == ("1921-04-02", "1921-04-02")
    line = routes["route-road.1"].findtext("k:LineString/k:coordinates", namespaces=NS)
    assert [[float(n) for n in p.split(",")] for p in line.split()] == [[44.8, 40], [45.4, 40]]
    areas = _placemarks(root, "areas")
    assert _span(areas["area-front"]) == ("1920-09-01", None)
    assert areas["area-zone"].find("k:TimeSpan", NS) is None and areas["area-zone"].find("k:TimeStamp", NS) is None


def test_an_area_is_a_polygon_with_its_holes_and_a_multipolygon_a_multigeometry():
    outer = [[42, 40], [44, 40], [44, 42], [42, 42], [42, 40]]
    hole = [[42.5, 40.5], [42.5, 41], [43, 41], [43, 40.5], [42.5, 40.5]]
    make_area(slug="a-holed", geometry={"type": "Polygon", "coordinates": [outer, hole]})
    other = [[46, 40], [47, 40], [47, 41], [46, 41], [46, 40]]
    make_area(slug="b-split", geometry={"type": "MultiPolygon", "coordinates": [[outer], [other]]})
    areas = _placemarks(_kml(), "areas")
    holed = areas["area-a-holed"].find("k:Polygon", NS)
    ring = holed.findtext("k:outerBoundaryIs/k:LinearRing/k:coordinates", namespaces=NS)
    assert ring.startswith("42,40 44,40")  # the positions as the curator gave them
    assert len(holed.findall("k:innerBoundaryIs", NS)) == 1
    assert len(areas["area-b-split"].findall("k:MultiGeometry/k:Polygon", NS)) == 2


def test_the_description_carries_each_citation_with_its_locator_and_passage():
    area = make_area(slug="front")
    source = make_source(slug="bayur-1991", label="Bayur, 1991")
    Citation.objects.create(owner=area, source=source, locator="s. 12", evidence="cephe çekildi", position=0)
    place = make_place(slug="gyumri")
    PlaceName.objects.create(place=place, name="Alexandropol", language="ru", date="1837/1924-01")
    root = _kml("en")
    area_text = _placemarks(root, "areas")["area-front"].findtext("k:description", namespaces=NS)
    assert "Bayur, 1991, s. 12: “cephe çekildi”" in area_text

    place_text = _placemarks(root, "places")["place-gyumri"].findtext("k:description", namespaces=NS)
    assert "Alexandropol (ru, 1837/1924-01)" in place_text


def test_an_archive_file_number_in_the_label_is_not_repeated_by_its_locator():
    area = make_area(slug="front")
    source = make_source(slug="tda", kind="archive", label="TDA, 571/3424", archive_ref="571/3424")
    Citation.objects.create(owner=area, source=source, locator="571/3424")
    text = _placemarks(_kml("en"), "areas")["area-front"].findtext("k:description", namespaces=NS)
    assert "TDA, 571/3424" in text and "571/3424, 571/3424" not in text


def test_curator_markup_stays_text_in_names_and_in_the_balloon_earth_renders_as_html():
    make_place(slug="kars", name=translated("name"), description=translated("description"))
    area = make_area(slug="front", name=translated("area"))
    Citation.objects.create(owner=area, source=make_source(label="<b>x</b>"), evidence=PAYLOADS[0])
    data = kml_export(language="en")
    root = ET.fromstring(data)  # well-formed: no payload closed an element
    place = _placemarks(root, "places")["place-kars"]
    assert place.findtext("k:name", namespaces=NS) == translated("name")["en"]
    description = place.findtext("k:description", namespaces=NS)
    # Earth parses the description as HTML: every payload must arrive there escaped, as characters.
    assert "<script" not in description and "<img" not in description and "<a " not in description
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description
    balloon = _placemarks(root, "areas")["area-front"].findtext("k:description", namespaces=NS)
    assert "<b>" not in balloon and "<script" not in balloon
    for element in root.iter():
        assert not [tag for tag in ("script", "img", "a", "b") if element.tag.endswith("}" + tag)]


def test_names_are_in_the_language_asked_for():
    make_place(slug="izmir", name={"tr": "İzmir", "en": "Smyrna"})
    assert _placemarks(_kml("tr"), "places")["place-izmir"].findtext("k:name", namespaces=NS) == "İzmir"
    assert _placemarks(_kml("en"), "places")["place-izmir"].findtext("k:name", namespaces=NS) == "Smyrna"
    assert _kml("tr").findtext("k:Document/k:Folder/k:name", namespaces=NS) == "Yerler"


def test_the_api_and_the_command_give_the_same_kml(client, admin_client):
    make_place(slug="kars")
    command = io.StringIO()
    call_command("export_geography", format="kml", stdout=command)
    api = client.get("/api/v1/atlas.kml")
    assert api["Content-Type"] == "application/vnd.google-earth.kml+xml"
    assert api.content == command.getvalue().encode("utf-8") == kml_export()
    admin = admin_client.get("/admin/chronology/event/export/", {"format": "kml"})
    assert admin.content == api.content and admin["Content-Disposition"].endswith('.kml"')
    assert client.get("/api/v1/atlas.kml", {"lang": "en"}).content == kml_export(language="en")


def test_a_wrong_language_or_a_layer_for_kml_is_refused_saying_what_to_do(client):
    refused = client.get("/api/v1/atlas.kml", {"lang": "xx"})
    assert refused.status_code == 400 and b"tr, en" in refused.content
    with pytest.raises(CommandError, match="leave --layer out"):
        call_command("export_geography", format="kml", layer="places", stdout=io.StringIO())
    with pytest.raises(CommandError, match="give --layer"):
        call_command("export_geography", format="geojson", stdout=io.StringIO())
