"""/api/v1/search/ (one search over events, places, people, sources) and /api/v1/events/<slug>/related/."""

import pytest

from chronology.models import EventRelation, Status
from geography.models import PlaceName
from tests.factories import make_event, make_person, make_place, make_route, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def gyumri():
    place = make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"})
    PlaceName.objects.create(place=place, name="Alexandropol", language="", date="/1924-01-31")
    PlaceName.objects.create(place=place, name="Gümrü", language="tr")
    return place


def search(api, **params):
    return api.get("/api/v1/search/", params)


@pytest.mark.parametrize("query", ["gumru", "Gümrü", "GÜMRÜ", "alexandropol", "ALEXANDROPOL"])
def test_any_name_in_any_case_or_accent_finds_the_place(api, gyumri, query):
    body = search(api, q=query, lang="en").json()
    assert [place["slug"] for place in body["places"]] == ["gyumri"]
    assert "Alexandropol" in body["places"][0]["names"]


@pytest.mark.parametrize("query", ["Kars", "kars", "KARS"])
def test_event_titles_are_found_whatever_the_case(api, query):
    make_event(slug="fall-of-kars", title={"tr": "Kars'ın düşüşü", "en": "Fall of Kars"})
    make_event(slug="other", title={"tr": "Başka", "en": "Other"})
    assert [event["slug"] for event in search(api, q=query).json()["events"]] == ["fall-of-kars"]


@pytest.mark.parametrize("query", ["İstanbul", "istanbul", "ISTANBUL", "Istanbul"])
def test_the_turkish_dotted_capital_i_is_the_same_letter(api, query):
    make_event(slug="istanbul-occupied", title={"tr": "İstanbul'un işgali", "en": "Occupation of Constantinople"})
    assert [event["slug"] for event in search(api, q=query).json()["events"]] == ["istanbul-occupied"]


def test_people_and_sources_are_found_and_drafts_are_not(api):
    make_person(slug="memduh-sevket", name={"tr": "Memduh Şevket", "en": "Memduh Şevket"})
    make_source(slug="tekinsoy-2020", label="Tekinsoy, 2020", title="Memduh Şevket Bey'in Stalin ile mülakatı")
    make_event(slug="draft", title={"tr": "Memduh taslak", "en": "Memduh draft"}, status=Status.DRAFT)
    body = search(api, q="memduh sevket").json()
    assert [p["slug"] for p in body["people"]] == ["memduh-sevket"]
    assert [s["slug"] for s in body["sources"]] == ["tekinsoy-2020"]
    assert body["events"] == []


def test_filters_narrow_the_events_found(api):
    route = make_route(stops=[make_place(), make_place()], slug="batum-road")
    make_event(slug="on-road", title={"tr": "Silah", "en": "Rifles"}, routes=[route], category="aid")
    make_event(slug="off-road", title={"tr": "Silah", "en": "Rifles"}, category="aid")
    assert [e["slug"] for e in search(api, q="rifles", route="batum-road").json()["events"]] == ["on-road"]
    assert {e["slug"] for e in search(api, q="rifles", category="aid").json()["events"]} == {"on-road", "off-road"}
    assert "route" in search(api, q="rifles", route="nowhere").json()


def test_results_are_bounded_per_kind_and_say_how_many_there_were(api):
    for n in range(7):
        make_event(slug=f"rifles-{n}", title={"tr": "Tüfek", "en": "Rifles"})
    body = search(api, q="rifles", limit=3).json()
    assert len(body["events"]) == 3
    assert body["totals"]["events"] == 7


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"q": "x" * 10_000}, "at most"),
        ({"q": "?!.,;-–"}, "letter or digit"),
        ({"q": "   "}, "Write what to search for"),
        ({}, "Write what to search for"),
        ({"q": "kars", "limit": "many"}, "whole number"),
    ],
)
def test_a_search_that_cannot_be_made_is_a_400_saying_what_to_write(api, params, named):
    response = search(api, **params)
    assert response.status_code == 400
    assert named in str(response.json())


def test_related_events_follow_places_people_routes_relations_and_time(api):
    kars, baku = make_place(slug="kars"), make_place(slug="baku")
    enver = make_person(slug="enver")
    road = make_route(stops=[kars, baku])
    event = make_event(slug="centre", date="1920-10-30", places=[kars], people=[enver], routes=[road])
    same_place = make_event(slug="same-place", date="1921-03-01", places=[kars])
    make_event(slug="same-person", date="1919-05-01", people=[enver])
    make_event(slug="same-route", date="1922-01-01", routes=[road])
    make_event(slug="elsewhere", date="1920-10-31", places=[baku])
    make_event(slug="hidden", date="1920-10-29", places=[kars], status=Status.DRAFT)
    EventRelation.objects.create(event=same_place, kind="after", other=event)

    body = api.get("/api/v1/events/centre/related/", {"lang": "en"}).json()
    assert [e["slug"] for e in body["places"]] == ["same-place"]
    assert [e["slug"] for e in body["people"]] == ["same-person"]
    assert [e["slug"] for e in body["routes"]] == ["same-route"]
    assert [e["slug"] for e in body["relations"]] == ["same-place"]
    assert body["previous"]["slug"] == "same-person"
    assert body["next"]["slug"] == "elsewhere"


def test_related_events_of_a_missing_event_is_a_404(api):
    assert api.get("/api/v1/events/nowhere/related/").status_code == 404


def test_events_are_found_by_the_source_they_cite(api):
    cited = make_source(slug="bayur-1991")
    make_event(slug="citing", sources=[cited])
    make_event(slug="not-citing")
    rows = api.get("/api/v1/events/", {"source": "bayur-1991", "fields": "slug"}).json()
    assert [row["slug"] for row in rows] == ["citing"]
