"""Events before the common era and in years 0001–0999 through the API: kept, ordered, filtered, named."""

import pytest

from geography.models import PlaceName
from tests.factories import make_event, make_place

EVENTS = "/api/v1/events/"


def test_bce_events_come_back_with_extended_year_bounds_in_time_order(api):
    make_event(slug="hijra", date="0622")
    make_event(slug="ides-of-march", date="-0043-03-15")
    make_event(slug="marathon", date="-0489-09")
    make_event(slug="ankara-treaty", date="1921-10-20")
    rows = api.get(EVENTS + "?fields=slug,date,start,end,precision").json()
    assert [row["slug"] for row in rows] == ["marathon", "ides-of-march", "hijra", "ankara-treaty"]
    assert rows[0] == {
        "slug": "marathon", "date": "-0489-09", "start": "-0489-09-01", "end": "-0489-09-30", "precision": "month",
    }  # fmt: skip
    assert (rows[1]["start"], rows[2]["start"], rows[2]["end"]) == ("-0043-03-15", "0622-01-01", "0622-12-31")


def test_a_bce_event_has_its_julian_day_beside_it_and_no_calendar_before_its_epoch(api):
    make_event(slug="ides-of-march", date="-0043-03-15")
    [row] = api.get(EVENTS + "?fields=slug,calendars&lang=en").json()
    assert row["calendars"] == {"julian": "17 March 44 BC (Old Style)"}
    [row] = api.get(EVENTS + "?fields=slug,calendars&lang=tr").json()
    assert row["calendars"] == {"julian": "17 Mart MÖ 44 (Jülyen)"}


@pytest.mark.parametrize(
    ("window", "found"),
    [
        ("date_after=-0044-01-01&date_before=-0043-12-31", {"ides-of-march", "open-from-bce"}),
        ("date_before=-0100-01-01", {"marathon"}),
        ("date_after=0001-01-01", {"open-from-bce", "moscow"}),
    ],
)
def test_date_windows_reach_before_the_common_era(api, window, found):
    make_event(slug="marathon", date="-0489-09")
    make_event(slug="ides-of-march", date="-0043-03-15")
    make_event(slug="open-from-bce", date="-0043-06/..")
    make_event(slug="moscow", date="1921-03-16")
    rows = api.get(f"{EVENTS}?{window}&fields=slug").json()
    assert {row["slug"] for row in rows} == found


def test_a_window_before_the_era_says_which_events_surely_fall_in_it(api):
    make_event(slug="ides-of-march", date="-0043-03-15")
    make_event(slug="that-year", date="-0043")
    rows = api.get(EVENTS + "?date_after=-0043-03-01&date_before=-0043-03-31&fields=slug").json()
    assert {row["slug"]: row["match"] for row in rows} == {"ides-of-march": "certain", "that-year": "possible"}


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("date_after=-43-03-15", "date_after", "write it as YYYY-MM-DD"),
        ("date_before=-0043-02-29", "date_before", "does not exist"),
        ("date_after=0000-13-01", "date_after", "does not exist"),
    ],
)
def test_a_bad_day_in_a_window_is_a_400_naming_the_parameter_and_the_fix(api, query, parameter, says):
    response = api.get(f"{EVENTS}?{query}")
    assert response.status_code == 400
    message = " ".join(response.json()["date"])
    assert parameter in message and says in message


def test_places_are_named_as_they_were_on_a_day_before_the_era(api):
    istanbul = make_place(slug="istanbul", name={"en": "Istanbul", "tr": "İstanbul"})
    PlaceName.objects.create(place=istanbul, name="Byzantion", language="en", date="-0666/0329")
    [feature] = api.get("/api/v1/places/?on=-0043-03-15&lang=en").json()["features"]
    assert feature["properties"]["name"] == "Byzantion"
    assert feature["properties"]["names"][0]["start"] == "-0666-01-01"
    [feature] = api.get("/api/v1/places/?on=1921-03-16&lang=en").json()["features"]
    assert feature["properties"]["name"] == "Istanbul"


def test_a_bad_day_for_place_names_says_how_to_write_one(api):
    response = api.get("/api/v1/places/?on=44BC")
    assert response.status_code == 400
    assert "-0043-03-15" in response.json()["on"]
