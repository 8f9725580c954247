"""The curators' geography admin: the place map's form, Find coordinates, route stops, and area shapes.
Every bad input is refused naming the record and field, and nothing is saved half-way."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from common.history import record_fingerprint
from geography.models import Area, Place, Route, RouteStop
from tests.factories import make_area, make_place, make_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "pass-for-tests"))
    return client


def _place_form(**overrides):
    data = {
        "slug": "baku",
        "name_0": "Bakü",
        "name_1": "Baku",
        "kind": "city",
        "latitude": "40.41",
        "longitude": "49.87",
        "description_0": "",
        "description_1": "",
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_place_form_shows_the_map_widget_with_local_assets_only(curator):
    page = curator.get(reverse("admin:geography_place_add")).content.decode()
    assert 'id="place-map"' in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    assert "/static/vendor/world-atlas/countries-50m.json" in page
    assert not re.search(r"(src|href)=\"https?://", page)


def test_place_saved_with_the_coordinates_the_widget_wrote(curator):
    response = curator.post(reverse("admin:geography_place_add"), _place_form())
    assert response.status_code == 302
    place = Place.objects.get(slug="baku")
    assert (place.latitude, place.longitude) == (40.41, 49.87)


def test_out_of_range_latitude_is_refused_naming_place_field_and_the_likely_swap(curator):
    response = curator.post(reverse("admin:geography_place_add"), _place_form(latitude="140", longitude="40"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "latitude" in errors
    assert "baku" in errors["latitude"][0]
    assert "swap" in errors["latitude"][0]
    assert not Place.objects.exists()


def test_a_pair_that_looks_swapped_is_saved_with_a_warning(curator):
    for slug, (lat, lon) in {"tiflis": (41.69, 44.8), "erivan": (40.18, 44.51), "ganja": (40.68, 46.36)}.items():
        make_place(slug=slug, latitude=lat, longitude=lon)
    response = curator.post(reverse("admin:geography_place_add"), _place_form(latitude="49.87", longitude="40.41"))
    assert response.status_code == 302
    assert Place.objects.filter(slug="baku").exists()
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "baku" in warnings[0]


def test_find_coordinates_answers_staff_with_candidates(curator, settings):
    settings.GEOCODER_ONLINE = False
    make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"}, latitude=40.79, longitude=43.85)
    answer = curator.get(reverse("admin:geography_place_geocode"), {"q": "gumru"}).json()
    assert [(c["place"], c["latitude"], c["longitude"]) for c in answer["candidates"]] == [("gyumri", 40.79, 43.85)]
    assert "gazetteer" in answer["notice"]


def test_find_coordinates_is_for_staff_only(client, django_user_model):
    url = reverse("admin:geography_place_geocode")
    assert client.get(url, {"q": "kars"}).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("visitor", password="pass-for-tests"))
    assert client.get(url, {"q": "kars"}).status_code == 302


def _route_form(route, stops, **overrides):
    """The route's change form as the admin posts it; `stops` are (stop id or None, place, position)."""
    data = {
        "slug": route.slug,
        "name_0": "Yol",
        "name_1": "Road",
        "description_0": "",
        "description_1": "",
        "mode": "rail",
        "purpose": "aid",
        "date": "",
        "stops-TOTAL_FORMS": str(len(stops)),
        "stops-INITIAL_FORMS": str(sum(1 for pk, _, _ in stops if pk)),
        "statuses-TOTAL_FORMS": "0",
        "statuses-INITIAL_FORMS": "0",
        "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
        # As the change form carries it: the route as the curator opened it (stale edits are refused).
        "edit_fingerprint": record_fingerprint(route),
    }
    for index, (pk, place, position) in enumerate(stops):
        data |= {
            f"stops-{index}-id": str(pk or ""),
            f"stops-{index}-route": str(route.pk),
            f"stops-{index}-place": str(place.pk),
            f"stops-{index}-position": str(position),
        }
    return {**data, **overrides}


def _stops(route):
    return [(s.position, s.place.slug) for s in RouteStop.objects.filter(route=route).order_by("position")]


def test_route_stops_reordered_by_position_are_saved_in_the_new_order(curator):
    kars, tiflis, baku = (make_place(slug=s) for s in ("kars", "tiflis", "baku"))
    route = make_route(slug="aid-road", stops=[kars, tiflis, baku])
    first, second, third = RouteStop.objects.filter(route=route).order_by("position")
    # The first and last stops exchanged, as the drag or the ↑/↓ buttons leave the positions.
    data = _route_form(route, [(first.pk, kars, 3), (second.pk, tiflis, 2), (third.pk, baku, 1)])
    response = curator.post(reverse("admin:geography_route_change", args=[route.pk]), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert _stops(route) == [(1, "baku"), (2, "tiflis"), (3, "kars")]


def test_a_route_with_fewer_than_two_stops_is_refused_and_nothing_is_saved(curator):
    kars, tiflis = make_place(slug="kars"), make_place(slug="tiflis")
    route = make_route(slug="aid-road", stops=[kars, tiflis])
    first, second = RouteStop.objects.filter(route=route).order_by("position")
    data = _route_form(route, [(first.pk, kars, 1), (second.pk, tiflis, 2)], **{"stops-1-DELETE": "on"})
    data["slug"] = "renamed-road"
    response = curator.post(reverse("admin:geography_route_change", args=[route.pk]), data)
    assert response.status_code == 200
    errors = " ".join(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert "renamed-road" in errors  # the route as the form names it
    assert "at least two" in errors
    assert Route.objects.get(pk=route.pk).slug == "aid-road"  # the route's own fields were not saved either
    assert _stops(route) == [(1, "kars"), (2, "tiflis")]


def test_two_stops_at_one_position_are_refused(curator):
    kars, tiflis = make_place(slug="kars"), make_place(slug="tiflis")
    route = make_route(slug="aid-road", stops=[kars, tiflis])
    first, second = RouteStop.objects.filter(route=route).order_by("position")
    data = _route_form(route, [(first.pk, kars, 1), (second.pk, tiflis, 1)])
    response = curator.post(reverse("admin:geography_route_change", args=[route.pk]), data)
    assert response.status_code == 200
    assert "position 1" in " ".join(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert _stops(route) == [(1, "kars"), (2, "tiflis")]


def _no_remote_url(html: str) -> None:
    assert not re.search(r"https?://", html), re.findall(r"https?://\S+", html)[:5]


def test_route_preview_draws_its_stops_and_length_from_local_assets_only(curator):
    kars = make_place(slug="kars", latitude=40.6013, longitude=43.0975)
    baku = make_place(slug="baku", latitude=40.4093, longitude=49.8671)
    route = make_route(slug="aid-road", stops=[kars, baku])
    change = curator.get(reverse("admin:geography_route_change", args=[route.pk])).content.decode()
    preview_url = reverse("admin:geography_route_preview", args=[route.pk])
    assert f'src="{preview_url}"' in change
    response = curator.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    _no_remote_url(html)
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "43.0975" in html and "40.6013" in html and "49.8671" in html
    length = curator.get(reverse("route-detail", args=[route.slug])).json()["properties"]["length_km"]
    assert f"{length:.1f} km" in html
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_previews_are_for_staff_only(client):
    route = make_route(slug="aid-road", stops=[make_place(), make_place()])
    assert client.get(reverse("admin:geography_route_preview", args=[route.pk])).status_code == 302


def _area_form(**overrides):
    data = {
        "slug": "eastern-front",
        "name_0": "Doğu Cephesi",
        "name_1": "Eastern Front",
        "description_0": "",
        "description_1": "",
        "kind": "front",
        "date": "1920-09/1920-12",
        "geometry": json.dumps(
            {"type": "Polygon", "coordinates": [[[42, 40], [44, 40], [44, 41], [42, 41], [42, 40]]]}
        ),
        "approximate": "on",
        "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_pasted_geojson_is_saved(curator):
    response = curator.post(reverse("admin:geography_area_add"), _area_form())
    assert response.status_code == 302
    assert Area.objects.get(slug="eastern-front").geometry["type"] == "Polygon"


BAD_SHAPES = {
    "not JSON": ('{"type": "Polygon", "coordinates": [[[42, 40], [44, 40]', "not JSON"),
    "open ring": (
        {"type": "Polygon", "coordinates": [[[42, 40], [44, 40], [44, 41], [42, 41]]]},
        "end where it starts",
    ),
    "swapped ring": (
        {"type": "Polygon", "coordinates": [[[40, 142], [40, 144], [41, 144], [41, 142], [40, 142]]]},
        "[latitude, longitude]",
    ),
    "self-intersecting": (
        {"type": "Polygon", "coordinates": [[[42, 40], [44, 41], [44, 40], [42, 41], [42, 40]]]},
        "crosses itself",
    ),
    "around the world": (
        {"type": "Polygon", "coordinates": [[[-170, 40], [170, 40], [170, 41], [-170, 41], [-170, 40]]]},
        "180th meridian",
    ),
}


@pytest.mark.parametrize("case", BAD_SHAPES)
def test_bad_geojson_is_refused_naming_area_field_and_fix(curator, case):
    geometry, reason = BAD_SHAPES[case]
    text = geometry if isinstance(geometry, str) else json.dumps(geometry)
    response = curator.post(reverse("admin:geography_area_add"), _area_form(geometry=text))
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.errors["geometry"])
    assert reason in message
    assert "eastern-front" in message
    assert not Area.objects.exists()


def test_area_preview_draws_the_shape_from_local_assets_only(curator):
    area = make_area(
        slug="zone",
        kind="occupation",
        geometry={"type": "Polygon", "coordinates": [[[26.5, 38.1], [28.2, 38.1], [28.2, 39.4], [26.5, 38.1]]]},
    )
    change = curator.get(reverse("admin:geography_area_change", args=[area.pk])).content.decode()
    assert reverse("admin:geography_area_preview", args=[area.pk]) in change
    html = curator.get(reverse("admin:geography_area_preview", args=[area.pk])).content.decode()
    _no_remote_url(html)
    assert "26.5" in html and "39.4" in html


def test_a_ring_in_latitude_longitude_order_is_refused_against_the_atlas_places(curator):
    for slug, (lat, lon) in {"baku": (40.41, 49.87), "ganja": (40.68, 46.36), "derbent": (42.06, 48.29)}.items():
        make_place(slug=slug, latitude=lat, longitude=lon)
    # Around Baku, but each pair written latitude first: in range either way, so only the places can tell.
    swapped = {"type": "Polygon", "coordinates": [[[40, 49], [40, 50.5], [41, 50.5], [41, 49], [40, 49]]]}
    response = curator.post(reverse("admin:geography_area_add"), _area_form(geometry=json.dumps(swapped)))
    message = " ".join(response.context["adminform"].form.errors["geometry"])
    assert "eastern-front" in message
    assert "swap the two numbers" in message
    assert not Area.objects.exists()
    # The same ring the right way round is kept.
    right = {"type": "Polygon", "coordinates": [[[lat, lon] for lon, lat in swapped["coordinates"][0]]]}
    assert curator.post(reverse("admin:geography_area_add"), _area_form(geometry=json.dumps(right))).status_code == 302


def test_the_page_and_the_previews_draw_from_one_style_definition(client, curator):
    """The page gets map-styles.json with its config; a preview of a route shows the same colour and dash."""
    from tests.frontend.test_page import config_of

    styles = config_of(client.get("/?lang=en"))["mapStyles"]
    route = make_route(slug="by-sea", stops=[make_place(), make_place(latitude=41)], mode="sea", purpose="mission")
    html = curator.get(reverse("admin:geography_route_preview", args=[route.pk])).content.decode()
    assert styles["purpose"]["normal"]["mission"] in html
    assert styles["mode"]["sea"]["dash"] in html
