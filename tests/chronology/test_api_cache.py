"""The cached event list never outlives a change to the data (gzip and 304s: tests/common/test_response_cache.py)."""

from django.urls import reverse

from tests.factories import make_event, make_place

EVENTS = "/api/v1/events/"


def titles(api):
    return [item["title"] for item in api.get(EVENTS + "?lang=en&fields=title").json()]


def test_an_edited_event_shows_in_the_next_list(api):
    event = make_event(title={"en": "Before"})
    assert titles(api) == ["Before"]
    event.title = {"en": "After"}
    event.save()
    assert titles(api) == ["After"]


def test_a_renamed_place_shows_in_the_next_list_of_its_events(api):
    kars = make_place(slug="kars")
    make_event(places=[kars])
    assert api.get(EVENTS + "?fields=places").json() == [{"places": ["kars"]}]
    kars.slug = "kars-city"
    kars.save()
    assert api.get(EVENTS + "?fields=places").json() == [{"places": ["kars-city"]}]


def test_publishing_in_bulk_from_the_admin_shows_in_the_next_list(api, client, django_user_model):
    draft = make_event(status="draft", title={"en": "Draft"})
    assert titles(api) == []
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "pw"))
    client.post(reverse("admin:chronology_event_changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    assert titles(api) == ["Draft"]


def test_generated_events_show_in_the_next_list(api):
    from django.core.management import call_command

    assert titles(api) == []
    call_command("generate_corpus", events=3, seed=1)
    assert len(titles(api)) == 3


def test_each_language_and_query_has_its_own_list(api):
    make_event(slug="x", title={"tr": "Türkçe", "en": "English"})
    assert titles(api) == ["English"]
    assert [item["title"] for item in api.get(EVENTS + "?lang=tr&fields=title").json()] == ["Türkçe"]
    assert api.get(EVENTS + "?lang=en&fields=slug").json() == [{"slug": "x"}]


def test_the_same_filters_written_differently_share_one_list(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_event(category="treaty")
    make_event(category="military")
    api.get(EVENTS + "?category=treaty&category=military&fields=slug,title")
    with CaptureQueriesContext(connection) as warm:
        api.get(EVENTS + "?fields=slug,title&category=military&category=treaty")
    assert not [q for q in warm.captured_queries if "chronology_event" in q["sql"]]


def test_page_links_follow_the_request_not_the_cached_copy(api):
    for day in range(1, 5):
        make_event(date=f"1920-01-0{day}")
    api.get(EVENTS + "?limit=2&fields=slug", HTTP_HOST="localhost")
    page = api.get(EVENTS + "?limit=2&fields=slug", HTTP_HOST="127.0.0.1").json()
    assert page["next"].startswith("http://127.0.0.1/") and "offset=2" in page["next"]
