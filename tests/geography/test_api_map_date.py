"""The map at a date from the API: routes and areas standing on a day or reaching into a box, aid on routes."""

from chronology.models import AidItem, Event, Status
from chronology.services import event_publish
from geography.models import RouteStatus
from tests.factories import make_area, make_event, make_place, make_route, make_source

SQUARE = {"type": "Polygon", "coordinates": [[[42, 40], [44, 40], [44, 41], [42, 41], [42, 40]]]}


def _slugs(response):
    assert response.status_code == 200, response.content
    return [feature["properties"]["slug"] for feature in response.json()["features"]]


def test_areas_on_a_day_are_those_standing_that_day(api):
    make_area(slug="zone-1920", date="1920-09/1920-12", geometry=SQUARE)
    make_area(slug="zone-1922", date="1922", geometry=SQUARE)
    assert _slugs(api.get("/api/v1/areas/?on=1920-11-05")) == ["zone-1920"]
    assert _slugs(api.get("/api/v1/areas/?on=1922-06-01")) == ["zone-1922"]
    assert _slugs(api.get("/api/v1/areas/?on=1921-06-01")) == []


def test_routes_in_a_box_are_those_with_a_stop_inside_it(api):
    kars = make_place(slug="kars", latitude=40.6, longitude=43.1)
    baku = make_place(slug="baku", latitude=40.4, longitude=49.9)
    moscow = make_place(slug="moscow", latitude=55.8, longitude=37.6)
    make_route(slug="caucasus", stops=[kars, baku])
    make_route(slug="north", stops=[moscow, make_place(slug="tver", latitude=56.9, longitude=35.9)])
    assert _slugs(api.get("/api/v1/routes/?bbox=40,38,46,42")) == ["caucasus"]
    assert _slugs(api.get("/api/v1/places/?bbox=40,38,46,42")) == ["kars"]


def test_a_box_that_is_not_four_numbers_is_a_400_naming_bbox(api):
    response = api.get("/api/v1/routes/?bbox=east-anatolia")
    assert response.status_code == 400
    assert "west,south,east,north" in str(response.json()["bbox"])
    assert api.get("/api/v1/areas/?bbox=0,50,10,40").status_code == 400  # south above north


def test_a_route_carries_its_statuses_and_the_aid_that_moved_on_it(api):
    route = make_route(slug="sea", stops=[make_place(), make_place()], date="1921")
    RouteStatus.objects.create(route=route, status="dangerous", date="1921-01")
    source = make_source(slug="bayur", label="Bayur, 1991")
    event = make_event(slug="rifles-arrive", date="1921-02", sources=[source])
    AidItem.objects.create(event=event, kind="rifles", quantity=6000, unit="pieces", route=route, source=source)
    properties = api.get("/api/v1/routes/sea/?lang=en").json()["properties"]
    assert [s["status"] for s in properties["statuses"]] == ["dangerous"]
    [shipment] = properties["aid"]
    assert (shipment["event"], shipment["kind"], shipment["quantity"], shipment["unit"]) == (
        "rifles-arrive",
        "rifles",
        6000.0,
        "pieces",
    )
    assert shipment["source_label"] == "Bayur, 1991"


def test_a_drafts_aid_stays_off_the_route_until_the_draft_is_published(api):
    route = make_route(slug="sea", stops=[make_place(), make_place()], date="1921")
    source = make_source(slug="bayur")
    draft = make_event(slug="guns-promised", date="1921-02", sources=[source], status=Status.DRAFT)
    AidItem.objects.create(event=draft, kind="guns", quantity=40, unit="pieces", route=route, source=source)
    assert api.get("/api/v1/routes/sea/").json()["properties"]["aid"] == []
    [feature] = api.get("/api/v1/routes/").json()["features"]
    assert feature["properties"]["aid"] == []
    assert api.get("/api/v1/routes/?preview=1").json()["features"][0]["properties"]["aid"] == []

    assert event_publish(events=Event.objects.filter(pk=draft.pk)) == 1
    [feature] = api.get("/api/v1/routes/").json()["features"]  # the cached list is not served stale
    assert [line["event"] for line in feature["properties"]["aid"]] == ["guns-promised"]


def test_a_cached_route_list_shows_a_status_added_after_it_was_first_asked_for(api):
    route = make_route(slug="road", stops=[make_place(), make_place()])
    assert api.get("/api/v1/routes/").json()["features"][0]["properties"]["statuses"] == []
    RouteStatus.objects.create(route=route, status="closed", date="1920-11/1921-03")
    [feature] = api.get("/api/v1/routes/").json()["features"]
    assert [s["status"] for s in feature["properties"]["statuses"]] == ["closed"]
    assert _slugs(api.get("/api/v1/routes/?on=1920-12-01")) == ["road"]


def test_places_named_on_different_days_are_not_served_from_one_cached_copy(api):
    from geography.models import PlaceName

    gyumri = make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"})
    PlaceName.objects.create(place=gyumri, name="Alexandropol", date="1837/1924")
    PlaceName.objects.create(place=gyumri, name="Leninakan", date="1924/1990")
    names = [
        api.get(f"/api/v1/places/?on={day}&lang=en").json()["features"][0]["properties"]["name"]
        for day in ("1920-01-01", "1930-01-01")
    ]
    assert names == ["Alexandropol", "Leninakan"]
