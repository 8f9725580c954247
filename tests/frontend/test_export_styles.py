"""The downloaded map draws routes and areas as the page does: one style file (map-styles.json) read through
geography.styles, and one folium helper shared with the admin's previews."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from chronology.models import AidItem, Status
from geography.models import RouteStatus
from geography.styles import area_style, route_style
from tests.factories import make_area, make_event, make_place, make_route, make_source

pytestmark = pytest.mark.django_db


def _polyline_options(html: str) -> list[str]:
    return re.findall(r"L\.polyline\(\s*\[.*?\],\s*(\{.*?\})\s*\)", html, re.S)


def _export(client, **params) -> str:
    response = client.get(reverse("frontend:export-map"), params)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_a_route_closed_that_day_is_drawn_closed_and_heavier_for_its_aid(client):
    route = make_route(slug="nakhchivan-road", stops=[make_place(), make_place(latitude=41)], mode="road")
    RouteStatus.objects.create(route=route, status="closed", date="1920-11-20/1921-03-01")
    source = make_source()
    for status in (Status.PUBLISHED, Status.DRAFT):  # a draft's aid does not weigh on the public map
        event = make_event(status=status, routes=[route])
        AidItem.objects.create(event=event, route=route, kind="rifles", quantity=100, unit="pieces", source=source)

    closed = route_style(purpose="aid", mode="road", status="closed", aid_lines=1)
    html = _export(client, on="1920-12-01", lang="en")
    options = _polyline_options(html)
    assert len(options) == 1
    assert f'"color": "{closed["color"]}"' in options[0]
    assert f'"dashArray": "{closed["dashArray"]}"' in options[0]
    assert f'"weight": {closed["weight"]}' in options[0]

    summer = route_style(purpose="aid", mode="road", status="open", aid_lines=1)
    assert summer["color"] != closed["color"]
    assert f'"color": "{summer["color"]}"' in _polyline_options(_export(client, on="1920-07-01", lang="en"))[0]


def test_an_approximate_area_is_drawn_in_its_kinds_colour_and_dashed(client):
    make_area(slug="occupation-zone", kind="occupation", approximate=True, date="1920-06/1921-06")
    style = area_style(kind="occupation", approximate=True)
    html = _export(client, on="1920-12-01", lang="en")
    assert style["color"] in html and style["dashArray"] in html
    assert not re.search(r"https?://", html)
