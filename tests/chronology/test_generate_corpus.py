import pytest
from django.core.management import CommandError, call_command

from chronology.models import Event


def _snapshot():
    return list(Event.objects.order_by("slug").values_list("slug", "date", "category", "significance"))


def test_generate_corpus_is_deterministic_and_replaces_the_previous_one(db):
    call_command("generate_corpus", events=40, seed=7)
    first = _snapshot()
    call_command("generate_corpus", events=40, seed=7)
    assert _snapshot() == first
    assert len(first) == 40
    call_command("generate_corpus", events=40, seed=8)
    assert _snapshot() != first


def test_generated_events_are_published_cited_and_placed(db, api):
    call_command("generate_corpus", events=25, seed=1)
    items = api.get("/api/v1/events/").json()
    assert len(items) == 25
    assert all(item["citations"] and item["places"] for item in items)


def test_generated_routes_and_areas_stand_on_days_for_measuring_the_map_at_a_date(db, api):
    call_command("generate_corpus", events=30, seed=3, routes=12, areas=8)
    routes = api.get("/api/v1/routes/").json()["features"]
    areas = api.get("/api/v1/areas/").json()["features"]
    assert len(routes) == 12 and len(areas) == 8
    assert all(route["properties"]["statuses"] for route in routes)
    standing = api.get(f"/api/v1/areas/?on={areas[0]['properties']['start']}").json()["features"]
    assert areas[0]["properties"]["slug"] in [area["properties"]["slug"] for area in standing]


def test_generate_corpus_refuses_a_negative_count_of_areas(db):
    with pytest.raises(CommandError, match="--areas"):
        call_command("generate_corpus", events=5, areas=-1)


def test_generated_events_have_their_people_themes_place_roles_and_cited_pages(db, api):
    call_command("generate_corpus", events=30, seed=2)
    items = api.get("/api/v1/events/?lang=en").json()
    assert all(len(item["people"]) == 1 and len(item["themes"]) == 1 for item in items)
    assert all(1 <= len(item["places"]) <= 3 for item in items)
    assert {role["role"] for item in items for role in item["place_roles"]} == {"at"}
    citations = [citation for item in items for citation in item["citations"]]
    assert len(citations) == 30 and all(c["locator"].startswith("p. ") and c["source"] for c in citations)
