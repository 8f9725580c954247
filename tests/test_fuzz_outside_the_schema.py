"""What the OpenAPI schema does not describe, fuzzed as tests/chronology/test_api_schema.py fuzzes what it does:
the downloads, the pages and embeds, and the live class's API. Whatever a link, a bookmarklet or a phone sends,
the answer is never a server error; a refusal says what was wrong (a message, not an empty body), and what
succeeds is of the type the address promises."""

import json
import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import make_one_of_every_kind

FUZZ = hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What a query value may be: real slugs and languages, and what a hand-edited address or an attacker sends.
VALUES = st.one_of(
    st.sampled_from(["", "tr", "en", "de", "turk-sovyet", "interview", "classroom", "kars", "1", "0", "-1", "99999"]),
    st.text(alphabet=string.printable + "çğıöşüİ☃\x00", max_size=40),
)
PARAMETERS = ["lang", "collection", "event", "lesson", "step", "place", "mode", "format", "layer", "drafts"]

# Each address and the content types its answer may have when it is not refused.
DOWNLOADS = {
    "/api/v1/places.geojson": "application/geo+json",
    "/api/v1/routes.geojson": "application/geo+json",
    "/api/v1/areas.geojson": "application/geo+json",
    "/api/v1/downloads/": "application/json",
    "/api/v1/sources.csl.json": "application/vnd.citationstyles.csl+json",
    "/api/v1/sources.bib": "application/x-bibtex",
    "/api/v1/atlas.kml": "application/vnd.google-earth.kml+xml",
    "/api/v1/places.lpf.json": "application/ld+json",
    "/api/v1/events.timeline.json": "application/json",
    "/api/v1/events.csv": "text/csv",
    "/api/v1/lessons/classroom/storymap.json": "application/json",
}
PAGES = [
    "/",
    "/lessons/",
    "/lessons/classroom/",
    "/lessons/classroom/handout/",
    "/lessons/classroom/offline.html",
    "/present/classroom/",
    "/embed/",
    "/embed/events/interview/",
    "/embed/lessons/classroom/",
    "/oembed",
    "/join/",
    "/export/map.html",
]


@pytest.fixture
def corpus(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    return make_one_of_every_kind()


def _says_what_is_wrong(response) -> bool:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body.strip()) > 0


def _check(response, promised: str | None, refusals=()) -> None:
    assert response.status_code < 500 or response.status_code in refusals, (
        response.status_code,
        response.content[:500],
    )
    if response.status_code >= 400:
        assert _says_what_is_wrong(response), response.status_code
    elif response.status_code == 200 and promised:
        assert response["Content-Type"].split(";")[0] == promised, response["Content-Type"]


@pytest.mark.parametrize("address", DOWNLOADS)
@FUZZ
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4))
def test_downloads_answer_any_query_with_their_format_or_a_message(corpus, address, query):
    _check(Client().get(address, query), DOWNLOADS[address])


@pytest.mark.parametrize("address", PAGES)
@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from([*PARAMETERS, "url", "maxwidth", "maxheight", "code", "q"]), VALUES, max_size=4
    ),
)
def test_pages_and_embeds_answer_any_query_without_a_server_error(corpus, address, query):
    if address == "/oembed" and "url" in query:
        query["url"] = "http://testserver/?" + query["url"]  # also asked about the atlas's own addresses
    # oEmbed's own answer to a format it does not serve is 501 (oEmbed 1.0, section 2.3.4).
    _check(Client().get(address, query), None, refusals=(501,) if address == "/oembed" else ())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
LIVE_BODIES = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "lesson": st.sampled_from(["classroom", "nope", ""]) | JSON_VALUES,
            "step": st.integers(-3, 9) | JSON_VALUES,
            "choice": st.integers(-3, 9) | JSON_VALUES,
            "device": st.text(max_size=80) | JSON_VALUES,
            "lang": st.sampled_from(["tr", "en", "xx"]) | JSON_VALUES,
        },
    ),
    JSON_VALUES,
)


@pytest.fixture
def live_class(corpus):
    started = Client().post("/api/v1/live/", {"lesson": "classroom"}, content_type="application/json")
    assert started.status_code == 201, started.content
    return started.json()


@FUZZ
@given(
    action=st.sampled_from(["", "step/", "release/", "recall/", "end/", "answers/"]),
    body=LIVE_BODIES,
    raw=st.booleans(),
    as_teacher=st.booleans(),
    code=st.sampled_from(["own", "ABCDEF", "x", "%00"]),
)
def test_the_live_api_refuses_any_body_with_a_json_message(live_class, action, body, raw, as_teacher, code):
    address = f"/api/v1/live/{live_class['code'] if code == 'own' else code}/{action}"
    if not action and code == "own":
        address = "/api/v1/live/"  # starting a class is the one POST without a code
    headers = {"HTTP_AUTHORIZATION": f"Bearer {live_class['token']}"} if as_teacher else {}
    data = json.dumps(body)[:-1] if raw else json.dumps(body)  # raw: cut short, not JSON at all
    response = Client().post(address, data, content_type="application/json", **headers)
    assert response.status_code < 500, (response.status_code, response.content[:500])
    if response.status_code >= 400 and response.status_code != 404:
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].strip(), response.content
