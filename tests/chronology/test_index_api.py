"""/api/v1/event-index/: the page's columnar index says what the events list says, in fewer bytes."""

import gzip
import json

from chronology.api.index import UNIX_EPOCH_DAY, index_body
from chronology.models import AlternativeDating, EventRelation, Status
from common.dates import iso_day
from frontend.views import INDEX_FIELDS
from tests.factories import make_event, make_place, make_route

INDEX = "/api/v1/event-index/"
EVENTS = "/api/v1/events/"


def _body(response) -> dict:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return json.loads(raw)


def _iso(day):
    """The index's day (days since 1970) as the events list writes it, years before 1 included."""
    return None if day is None else iso_day(day + UNIX_EPOCH_DAY)


def _decoded(index: dict) -> list[dict]:
    """The index back as rows of the events list, as atlas-data.js reads it."""
    rows = []
    for i in range(index["count"]):
        flags = index["flags"][i]
        places = index["placeRefs"][index["placeOffsets"][i] : index["placeOffsets"][i + 1]]
        routes = index["routeRefs"][index["routeOffsets"][i] : index["routeOffsets"][i + 1]]
        rows.append(
            {
                "slug": index["slug"][i],
                "title": index["title"][i],
                "date": index["date"][i],
                "start": _iso(index["start"][i]),
                "end": _iso(index["end"][i]),
                "precision": index["precisions"][index["precision"][i]],
                "approximate": bool(flags & 1),
                "uncertain": bool(flags & 2),
                "category": index["categories"][index["category"][i]],
                "significance": index["significance"][i],
                "places": [index["places"][n] for n in places],
                "routes": [index["routes"][n] for n in routes],
                "disputed": bool(flags & 4),
                "window": bool(flags & 8),
            }
        )
    return rows


def _corpus():
    baku, kars = make_place(slug="baku"), make_place(slug="kars")
    road = make_route(slug="batum-road", stops=[baku, kars])
    fall = make_event(slug="kars-falls", date="1920-10-30", places=[kars], category="military", significance=3)
    between = make_event(slug="between", date="1920-10-30/1920-12-02", places=[baku, kars], routes=[road])
    EventRelation.objects.create(event=between, kind="after", other=fall)
    guessed = make_event(slug="guessed", date="1921-03~", category="treaty")
    AlternativeDating.objects.create(event=guessed, date="1921-04", note={"en": "Later.", "tr": "Sonra."})
    make_event(slug="uncertain-year", date="1919?")
    make_event(slug="open-end", date="1920-11-05/..")
    make_event(slug="caesar", date="-0043-03-15")
    make_event(slug="a-draft", status=Status.DRAFT)


def test_the_index_says_what_the_events_list_says_in_both_languages(api):
    _corpus()
    fields = ",".join(INDEX_FIELDS)
    for lang in ("tr", "en"):
        index = _body(api.get(f"{INDEX}?lang={lang}"))
        listed = api.get(f"{EVENTS}?fields={fields}&lang={lang}").json()
        assert index["lang"] == lang
        assert _decoded(index) == listed
    assert "a-draft" not in index["slug"]
    assert index["title"][index["slug"].index("between")] == "Event between"


def test_the_index_is_sent_gzipped_with_an_etag_and_a_repeat_is_answered_304(api):
    make_event(slug="x")
    response = api.get(INDEX, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert _body(response)["slug"] == ["x"]
    repeated = api.get(INDEX, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert repeated.status_code == 304


def test_a_change_to_the_events_retires_the_cached_index(api):
    make_event(slug="x")
    first = api.get(INDEX)
    make_event(slug="y")
    second = api.get(INDEX, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert _body(second)["slug"] == ["x", "y"]


def test_a_client_without_gzip_gets_plain_json(api):
    make_event(slug="x")
    response = api.get(INDEX, HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in response
    assert json.loads(response.content)["slug"] == ["x"]


def test_a_curators_preview_lists_drafts_and_is_never_cached(client, django_user_model):
    from django.contrib.auth.models import Permission

    make_event(slug="a-draft", status=Status.DRAFT)
    curator = django_user_model.objects.create_user("curator", password="x", is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(curator)
    response = client.get(f"{INDEX}?preview=1")
    assert _body(response)["slug"] == ["a-draft"]
    assert "private" in response["Cache-Control"] and "ETag" not in response
    client.logout()
    assert _body(client.get(f"{INDEX}?preview=1"))["slug"] == []


def test_the_query_count_does_not_grow_with_the_events(api, django_assert_max_num_queries):
    place = make_place(slug="p")
    for n in range(30):
        make_event(slug=f"e{n}", places=[place])
    with django_assert_max_num_queries(12):
        assert _body(api.get(INDEX))["count"] == 30


def test_index_body_is_pure_and_lists_each_place_once_in_a_table():
    row = (1, "a", "A", "1920", 2443000, 2443364, "year", False, True, "aid", 2, False, False)
    other = (2, "b", "B", "1921", None, None, "year", False, False, "treaty", 1, False, True)
    links = [(1, "kars"), (2, "baku"), (1, "baku")]
    body = json.loads(index_body([row, other], places=links, routes=[], categories=["aid", "treaty"], lang="en"))
    assert body == json.loads(
        index_body([row, other], places=links, routes=[], categories=["aid", "treaty"], lang="en")
    )
    assert body["places"] == ["baku", "kars"]
    assert (body["placeOffsets"], body["placeRefs"]) == ([0, 2, 3], [0, 1, 0])
    assert [body["start"], body["end"]] == [[2443000 - 2440588, None], [2443364 - 2440588, None]]
    assert body["flags"] == [2, 4]
