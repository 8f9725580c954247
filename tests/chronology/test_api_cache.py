"""The cached event list never outlives a change to the data, and large lists travel compressed."""

import gzip
import json

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
    make_event(title={"tr": "Türkçe", "en": "English"})
    assert titles(api) == ["English"]
    assert [item["title"] for item in api.get(EVENTS + "?lang=tr&fields=title").json()] == ["Türkçe"]


def test_lists_are_gzipped_for_clients_that_accept_it(api):
    for day in range(1, 28):
        make_event(date=f"1920-03-{day:02d}")
    response = api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(response.content))) == 27


def test_a_repeated_request_with_the_etag_gets_304(api):
    make_event()
    first = api.get(EVENTS)
    again = api.get(EVENTS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
