"""The curators' maps in a real browser: clicking the Place form's map writes the coordinates, and saving
stores them; the route preview draws under the admin's policy."""

from __future__ import annotations

import json

import pytest

from geography.models import Area, Place, Route

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("mapper", "mapper@example.org", "mapper-password")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "mapper")
    page.fill("#id_password", "mapper-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_clicking_the_place_map_sets_the_coordinates_and_saving_stores_them(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server.url}/admin/geography/place/add/")
    page.wait_for_selector("#place-map[data-ready]")
    assert page.locator("#place-map").get_attribute("data-basemap-error") is None
    page.fill("#id_slug", "clicked-town")
    page.fill("[name=name_0]", "Tıklanan")
    page.fill("[name=name_1]", "Clicked")
    # The empty form opens on 42 N, 40 E: a click a quarter of the way in from the left and top lands
    # north-west of that.
    box = page.locator("#place-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 4, box["y"] + box["height"] / 4)
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert 42 < latitude < 60
    assert 10 < longitude < 40
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geography/place/")
    place = Place.objects.get(slug="clicked-town")
    assert (place.latitude, place.longitude) == (latitude, longitude)


def test_find_coordinates_fills_the_coordinates_from_the_gazetteer(admin_page, live_server, settings):
    settings.GEOCODER_ONLINE = False
    page = admin_page
    page.goto(f"{live_server.url}/admin/geography/place/add/")
    page.wait_for_selector("#place-map[data-ready]")
    page.fill("#place-geocode-query", "gumru")
    page.click("#place-geocode-button")
    page.locator("#place-geocode-results button").first.click()
    gyumri = Place.objects.get(slug="test-gyumri")
    assert float(page.input_value("#id_latitude")) == pytest.approx(gyumri.latitude, abs=1e-4)
    assert float(page.input_value("#id_longitude")) == pytest.approx(gyumri.longitude, abs=1e-4)
    assert "gazetteer" in page.text_content("#place-geocode-notice")


def test_route_preview_draws_in_the_change_form(admin_page, live_server):
    page = admin_page
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    route = Route.objects.filter(stops__isnull=False).distinct().first()
    page.goto(f"{live_server.url}/admin/geography/route/{route.pk}/change/")
    frame = page.frame_locator("iframe.geography-preview")
    frame.locator(".leaflet-container").wait_for()
    frame.locator("path.leaflet-interactive, canvas").first.wait_for()
    assert "km" in frame.locator(".length").text_content()
    assert errors == []


def test_moving_a_stop_down_with_its_button_saves_the_new_order(admin_page, live_server):
    page = admin_page
    route = Route.objects.filter(stops__isnull=False).distinct().first()
    before = list(route.stops.order_by("position").values_list("place__slug", flat=True))
    assert len(before) >= 2
    page.goto(f"{live_server.url}/admin/geography/route/{route.pk}/change/")
    page.locator(".route-stops tr.form-row:not(.empty-form)").first.get_by_role(
        "button", name="Move this stop down"
    ).click()
    assert page.input_value(".route-stops tr.form-row:not(.empty-form) >> nth=0 >> input[name$='-position']") == "1"
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    after = list(route.stops.order_by("position").values_list("place__slug", flat=True))
    assert after == [before[1], before[0], *before[2:]]


def test_the_map_forms_and_previews_run_under_the_policy(admin_page, live_server):
    page = admin_page
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/admin/geography/place/add/")
    page.wait_for_selector("#place-map[data-ready]")
    route = Route.objects.filter(stops__isnull=False).distinct().first()
    page.goto(f"{live_server.url}/admin/geography/route/{route.pk}/change/")
    page.frame_locator("iframe.geography-preview").locator(".leaflet-container").wait_for()
    assert blocked == []


def test_corners_clicked_on_the_area_map_become_its_saved_polygon(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server.url}/admin/geography/area/add/")
    page.wait_for_selector("#area-map[data-ready]")
    page.fill("#id_slug", "drawn-zone")
    page.fill("[name=name_0]", "Çizilen bölge")
    page.fill("[name=name_1]", "Drawn zone")
    page.select_option("#id_kind", "occupation")
    page.click("#area-draw")
    box = page.locator("#area-map").bounding_box()
    for fx, fy in ((0.4, 0.4), (0.6, 0.4), (0.5, 0.6)):
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    geometry = json.loads(page.input_value("#id_geometry"))
    ring = geometry["coordinates"][0]
    assert geometry["type"] == "Polygon"
    assert len(ring) == 4 and ring[0] == ring[-1]
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geography/area/")
    assert Area.objects.get(slug="drawn-zone").geometry == geometry
