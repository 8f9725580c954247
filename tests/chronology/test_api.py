"""The read API for events, people and sources: shapes, languages, filters, errors and query counts."""

import pytest
from django.contrib.auth.models import User

from chronology.models import Event, Status
from tests.factories import make_event, make_person, make_place, make_route, make_source, make_theme

EVENTS = "/api/v1/events/"


def test_event_item_has_the_documented_shape(api):
    baku = make_place(slug="baku")
    stalin = make_person(slug="stalin")
    source = make_source(slug="bayur-1991", label="Bayur, 1991")
    make_event(slug="interview", date="1920-11-05", places=[baku], people=[stalin], sources=[source])
    [item] = api.get(EVENTS).json()
    assert item["slug"] == "interview"
    assert (item["date"], item["start"], item["end"], item["precision"]) == (
        "1920-11-05",
        "1920-11-05",
        "1920-11-05",
        "day",
    )
    assert item["places"] == ["baku"] and item["people"] == ["stalin"]
    assert item["citations"] == [
        {
            "source": "bayur-1991",
            "label": "Bayur, 1991",
            "locator": "s. 190",
            "evidence": "The passage on interview.",
            "locator_estimated": False,
        }
    ]
    assert {"title", "summary", "category", "significance", "approximate", "uncertain", "aid"} <= set(item)


def test_month_precision_event_exposes_its_whole_month(api):
    make_event(date="1921-10")
    [item] = api.get(EVENTS).json()
    assert (item["start"], item["end"], item["precision"]) == ("1921-10-01", "1921-10-31", "month")


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        ("?lang=en", {}, "Event x"),
        ("?lang=tr", {"HTTP_ACCEPT_LANGUAGE": "en"}, "Olay x"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "Event x"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "de"}, "Olay x"),
        ("", {}, "Olay x"),
    ],
)
def test_language_comes_from_lang_then_accept_language_then_turkish(api, query, headers, expected):
    make_event(slug="x")
    response = api.get(EVENTS + query, **headers)
    assert response.json()[0]["title"] == expected
    assert response["Content-Language"] == ("en" if expected.startswith("Event") else "tr")


def test_missing_translation_falls_back_to_the_other_language(api):
    make_event(title={"tr": "Yalnız Türkçe"})
    assert api.get(EVENTS + "?lang=en").json()[0]["title"] == "Yalnız Türkçe"


def test_unknown_language_is_a_400_that_lists_the_choices(api):
    response = api.get(EVENTS + "?lang=fr")
    assert response.status_code == 400
    assert "tr, en" in response.json()["lang"]


def test_drafts_are_not_public(api):
    make_event(slug="draft", status=Status.DRAFT)
    make_event(slug="public")
    assert [item["slug"] for item in api.get(EVENTS).json()] == ["public"]
    assert api.get(EVENTS + "draft/").status_code == 404


def test_events_come_in_time_order_with_coarser_dates_placed_by_their_first_day(api):
    make_event(slug="c", date="1921-03-16")
    make_event(slug="a", date="1920")
    make_event(slug="b", date="1920-11-05")
    assert [item["slug"] for item in api.get(EVENTS).json()] == ["a", "b", "c"]


def test_date_window_includes_events_that_could_fall_in_it(api):
    make_event(slug="october", date="1921-10")
    make_event(slug="kars-treaty", date="1921-10-13")
    make_event(slug="moscow-treaty", date="1921-03-16")
    make_event(slug="open-ended", date="1921-01/..")
    response = api.get(EVENTS + "?date_after=1921-10-10&date_before=1921-10-20")
    assert {item["slug"] for item in response.json()} == {"october", "kars-treaty", "open-ended"}


@pytest.mark.parametrize(
    ("param", "maker", "relation"),
    [("place", make_place, "places"), ("person", make_person, "people"), ("theme", make_theme, "themes")],
)
def test_filter_by_related_slug(api, param, maker, relation):
    wanted, other = maker(slug="wanted"), maker(slug="other")
    make_event(slug="yes", **{relation: [wanted, other]})
    make_event(slug="no", **{relation: [other]})
    assert [item["slug"] for item in api.get(f"{EVENTS}?{param}=wanted").json()] == ["yes"]


def test_filter_by_categories(api):
    make_event(slug="t", category="treaty")
    make_event(slug="m", category="military")
    make_event(slug="d", category="diplomacy")
    response = api.get(EVENTS + "?category=treaty&category=military")
    assert {item["slug"] for item in response.json()} == {"t", "m"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?place=atlantis", "place"),
        ("?date_after=1921-13-01", "date"),
        ("?category=party", "category"),
        ("?fields=slug,colour", "fields"),
    ],
)
def test_bad_filters_are_400s_naming_the_parameter(api, query, field):
    response = api.get(EVENTS + query)
    assert response.status_code == 400
    assert field in response.json()


def test_without_limit_the_list_is_whole_and_with_limit_it_is_a_page(api):
    for day in range(1, 8):
        make_event(slug=f"e{day}", date=f"1920-01-0{day}")
    assert len(api.get(EVENTS).json()) == 7
    page = api.get(EVENTS + "?limit=3&offset=2").json()
    assert page["count"] == 7
    assert [item["slug"] for item in page["results"]] == ["e3", "e4", "e5"]
    assert "offset=5" in page["next"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?limit=-5", "limit"),
        ("?limit=abc", "limit"),
        ("?limit=0", "limit"),
        ("?limit=2&offset=false", "offset"),
        ("?limit=2&offset=-1", "offset"),
        ("?offset=3", "offset"),
    ],
)
@pytest.mark.parametrize("url", [EVENTS, "/api/v1/people/", "/api/v1/sources/", "/api/v1/themes/"])
def test_paging_it_cannot_read_is_a_400_naming_the_parameter(api, url, query, parameter):
    make_event()
    response = api.get(url + query)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert f"{parameter}=10" in response.json()[parameter]


def test_sparse_fieldset_returns_only_the_fields_asked_for(api):
    make_event(slug="x", places=[make_place(slug="kars")])
    assert api.get(EVENTS + "?fields=slug,start,places").json() == [
        {"slug": "x", "start": "1920-11-05", "places": ["kars"]}
    ]


def test_single_event_matches_its_list_item(api):
    make_event(slug="x", places=[make_place()], people=[make_person()])
    assert api.get(EVENTS + "x/?lang=en").json() == api.get(EVENTS + "?lang=en").json()[0]


def test_aid_lines_are_listed_with_route_and_source(api):
    from chronology.models import Actor, AidItem

    kars, baku = make_place(slug="kars"), make_place(slug="baku")
    route = make_route(slug="kars-road", stops=[baku, kars])
    source = make_source(slug="s")
    event = make_event(routes=[route])
    moscow = Actor.objects.create(slug="moscow", name={"en": "Moscow"})
    ankara = Actor.objects.create(slug="ankara", name={"en": "Ankara"})
    AidItem.objects.create(
        event=event,
        donor=moscow,
        recipient=ankara,
        status="delivered",
        kind="gold_rubles",
        quantity=1_000_000,
        unit="rubles",
        route=route,
        source=source,
        locator="s. 197",
        evidence="bir milyon altın ruble",
        locator_estimated=True,
    )
    [item] = api.get(EVENTS).json()
    assert item["aid"] == [
        {
            "donor": "moscow",
            "recipient": "ankara",
            "status": "delivered",
            "kind": "gold_rubles",
            "quantity": 1_000_000.0,
            "unit": "rubles",
            "approximate": False,
            "derived": False,
            "route": "kars-road",
            "source": "s",
            "locator": "s. 197",
            "evidence": "bir milyon altın ruble",
            "locator_estimated": True,
            "note": "",
        }
    ]


def _rich_events(count: int) -> None:
    places = [make_place() for _ in range(3)]
    people = [make_person() for _ in range(2)]
    themes = [make_theme()]
    route = make_route(stops=places[:2])
    for _ in range(count):
        make_event(places=places, people=people, themes=themes, routes=[route], sources=[make_source(), make_source()])


@pytest.mark.parametrize(
    "url", [EVENTS, "/api/v1/places/", "/api/v1/routes/", "/api/v1/areas/", "/api/v1/people/", "/api/v1/sources/"]
)
def test_query_count_does_not_grow_with_rows(api, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _rich_events(2)
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    _rich_events(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(url).status_code == 200


def test_writes_are_refused_to_anonymous_users_and_readers_and_unrouted_for_curators(api, django_user_model):
    make_event(slug="x")

    def write_statuses():
        return api.post(EVENTS, {"slug": "y"}, format="json").status_code, api.delete(EVENTS + "x/").status_code

    # Permission is checked before the method: a refusal is 403, whatever the viewset offers.
    assert write_statuses() == (403, 403)
    api.force_authenticate(django_user_model.objects.create_user("reader"))
    assert write_statuses() == (403, 403)
    # A curator passes the permission check and meets the read-only API: curators write in the admin.
    api.force_authenticate(django_user_model.objects.create_superuser("curator"))
    assert write_statuses() == (405, 405)
    assert Event.objects.filter(slug="x").exists()


def test_people_and_sources_lists(api):
    make_person(slug="stalin", name={"tr": "Josef Stalin", "en": "Joseph Stalin"})
    make_source(
        slug="tda", kind="archive", label="TDA, 571/3424-136608-31", archive_ref="571/3424-136608-31", date="1920-12-04"
    )
    assert api.get("/api/v1/people/?lang=en").json()[0]["name"] == "Joseph Stalin"
    [source] = api.get("/api/v1/sources/").json()
    assert (source["kind"], source["archive_ref"], source["date"]) == ("archive", "571/3424-136608-31", "1920-12-04")


def test_openapi_schema_is_served_and_describes_the_event_list(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = (
        response.json() if response["Content-Type"].endswith("json") else __import__("yaml").safe_load(response.content)
    )
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/events/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"lang", "fields", "limit", "offset", "place", "person", "category", "date_after", "date_before"} <= params


def test_staff_see_the_same_public_list(api):
    curator = User.objects.create_superuser("curator", "c@example.org", "pw")
    make_event(slug="draft", status=Status.DRAFT)
    api.force_login(curator)
    assert api.get(EVENTS).json() == []


def test_a_disputed_event_lists_each_reading_with_its_sources(api):
    from chronology.models import AlternativeDating
    from sources.models import Citation

    event = make_event(slug="interview", date="1920-10-18/1920-11-05")
    alternative = AlternativeDating.objects.create(
        event=event, date="1920-08-12", note={"en": "The conclusion's date; impossible.", "tr": "Sonuç."}
    )
    Citation.objects.create(
        owner=alternative, source=make_source(slug="tekinsoy", label="Tekinsoy, 2025"), locator="s. 200"
    )
    item = api.get(EVENTS + "interview/?lang=en").json()
    assert item["disputed"] is True
    assert item["alternatives"] == [
        {
            "date": "1920-08-12",
            "start": "1920-08-12",
            "end": "1920-08-12",
            "precision": "day",
            "place": None,
            "note": "The conclusion's date; impossible.",
            "citations": [
                {
                    "source": "tekinsoy",
                    "label": "Tekinsoy, 2025",
                    "locator": "s. 200",
                    "evidence": "",
                    "locator_estimated": False,
                }
            ],
        }
    ]
    assert api.get(EVENTS + "?fields=slug,disputed").json() == [{"slug": "interview", "disputed": True}]


def test_a_day_is_also_given_in_the_calendars_in_use_then(api):
    make_event(slug="report", date="1920-11-05")
    make_event(slug="revolution", date="1917-11-07")
    make_event(slug="month", date="1920-11")
    calendars = {item["slug"]: item["calendars"] for item in api.get(EVENTS + "?lang=tr&fields=slug,calendars").json()}
    assert calendars["report"]["rumi"] == "5 Teşrinisani 1336 (Rumî)"
    assert "julian" not in calendars["report"]  # Russia had left the Old Style by 1920
    assert calendars["revolution"]["julian"].startswith("25 Ekim 1917")
    assert calendars["month"] == {}


def test_a_date_written_in_rumi_shows_both_readings_where_the_year_start_is_ambiguous(api):
    make_event(slug="x", date="1920-01-20", date_as_written="20 Kânunusani 1336", date_calendar="rumi")
    written = api.get(EVENTS + "x/").json()["written"]
    assert written["text"] == "20 Kânunusani 1336" and written["calendar"] == "rumi"
    assert written["readings"] == ["1920-01-20", "1921-01-20"]


def test_relations_are_listed_with_the_event_they_point_to(api):
    from chronology.models import EventRelation

    kars = make_event(slug="kars", date="1920-10-30")
    event = make_event(slug="x", date="1920")
    EventRelation.objects.create(event=event, kind="after", other=kars)
    assert api.get(EVENTS + "x/?fields=relations").json() == {"relations": [{"kind": "after", "event": "kars"}]}


def test_a_month_precision_event_matches_a_ten_day_window_only_possibly(api):
    make_event(slug="october", date="1921-10")
    make_event(slug="kars-treaty", date="1921-10-13")
    rows = api.get(EVENTS + "?date_after=1921-10-10&date_before=1921-10-20&fields=slug").json()
    assert {row["slug"]: row["match"] for row in rows} == {"october": "possible", "kars-treaty": "certain"}
    assert "match" not in api.get(EVENTS + "?fields=slug").json()[0]
