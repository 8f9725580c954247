"""Whatever a curator writes is shown as text: escaped in the admin, a plain JSON string in the API."""

import html

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from chronology.models import Actor, AidItem, EventMedia, Person
from geography.models import PlaceName
from sources.models import Citation
from tests.factories import make_area, make_event, make_person, make_place, make_route, make_source
from tests.xss_payloads import ONERROR, PAYLOADS, hostile, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_atlas():
    """One record of each curated kind with markup in every text field a curator can write."""
    source = make_source(
        label=hostile("source-label"),
        author=hostile("source-author"),
        title=hostile("source-title"),
        archive_ref=hostile("source-archive"),
        note=translated("source-note"),
    )
    place = make_place(slug="kars", name=translated("place-name"), description=translated("place-description"))
    PlaceName.objects.create(place=place, name=hostile("placename"), note=translated("placename-note"))
    person = make_person(slug="stalin", name=translated("person-name"), description=translated("person-desc"))
    route = make_route(
        slug="baku-road",
        stops=[place, make_place()],
        name=translated("route-name"),
        description=translated("route-description"),
    )
    area = make_area(slug="front", name=translated("area-name"), description=translated("area-description"))
    event = make_event(
        slug="interview",
        title=translated("event-title"),
        summary=translated("event-summary"),
        note=translated("event-note"),
        places=[place],
        people=[person],
        routes=[route],
        sources=[],
    )
    Citation.objects.create(owner=event, source=source, locator=hostile("locator"), evidence=hostile("evidence"))
    AidItem.objects.create(event=event, kind="rifles", quantity=1, unit=ONERROR, source=source)
    EventMedia.objects.create(
        event=event,
        kind="video",
        url="https://example.org/film",
        caption=translated("media-caption"),
        credit=hostile("media-credit"),
        alt=translated("media-alt"),
    )
    return {"event": event, "place": place, "person": person, "route": route, "area": area, "source": source}


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "unused"))
    return client


def _assert_inert(text: str, where: str):
    for payload in PAYLOADS:
        assert payload not in text, f"{payload!r} reached {where} as markup"
    assert 'href="javascript:' not in text, where


@pytest.mark.parametrize("name", ["event", "place", "person", "route", "area", "source"])
def test_admin_changelist_and_change_form_show_markup_as_text(curator, hostile_atlas, name):
    record = hostile_atlas[name]
    opts = record._meta
    pages = {
        "changelist": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        "change form": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
    }
    for where, url in pages.items():
        response = curator.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        _assert_inert(text, f"{name} {where}")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, f"{name} {where} hides the text"


def test_the_history_diff_shows_markup_as_text(curator, hostile_atlas):
    event = hostile_atlas["event"]
    with reversion.create_revision():
        event.save()
    with reversion.create_revision():
        event.title = translated("event-title-changed")
        event.save()
    newer, older = Version.objects.get_for_object(event)[:2]
    for url, query in [
        (reverse("admin:chronology_event_history", args=[event.pk]), {}),
        (
            reverse("admin:chronology_event_compare", args=[event.pk]),
            {"version_id1": older.pk, "version_id2": newer.pk},
        ),
    ]:
        response = curator.get(url, query)
        assert response.status_code == 200
        _assert_inert(response.content.decode(), url)
    assert "event-title-<ins>changed-</ins>en &lt;script&gt;" in response.content.decode()  # the change, marked


def test_the_change_form_shows_every_field_escaped_so_the_curator_reads_what_was_written(curator, hostile_atlas):
    event = hostile_atlas["event"]
    text = curator.get(reverse("admin:chronology_event_change", args=[event.pk])).content.decode()
    # The form widgets are written by Jinja2 (common/form_rendering.py), which writes " and ' as &#34; and
    # &#39; where Django's templates and html.escape write &quot; and &#x27;: the same escapes.
    text = text.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    for label in ("event-title-en", "event-summary-tr", "event-note-en", "locator", "evidence", "media-caption-en"):
        assert html.escape(hostile(label)) in text, label
    assert html.escape(ONERROR) in text  # the aid line's unit


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        (
            "/api/v1/events/interview/?lang=en",
            ["event-title-en", "event-summary-en", "event-note-en", "evidence", "media-caption-en", "media-credit"],
        ),
        ("/api/v1/events/?lang=tr", ["event-title-tr"]),
        ("/api/v1/places/?lang=en", ["place-name-en", "placename"]),
        ("/api/v1/routes/?lang=en", ["route-name-en", "route-description-en"]),
        ("/api/v1/areas/?lang=en", ["area-name-en", "area-description-en"]),
        ("/api/v1/people/?lang=en", ["person-name-en", "person-desc-en"]),
        ("/api/v1/sources/?lang=en", ["source-label", "source-author"]),
    ],
)
def test_the_api_gives_markup_back_as_json_strings_exactly_as_written(client, hostile_atlas, url, labels):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    strings = set(_strings(response.json()))
    for label in labels:
        assert hostile(label) in strings, f"{label} not given back as written by {url}"


def test_a_person_name_with_markup_is_a_plain_string_in_the_event_too(client, hostile_atlas):
    assert Person.objects.get(slug="stalin").name["en"] == hostile("person-name-en")
    assert "stalin" in client.get("/api/v1/events/interview/").json()["people"]


def test_aid_lines_and_their_actors_come_back_from_the_api_as_plain_strings(client, hostile_atlas):
    donor = Actor.objects.create(slug="donor", name=translated("actor-name"), description=translated("actor-desc"))
    AidItem.objects.filter(event=hostile_atlas["event"]).update(donor=donor)

    aid = client.get("/api/v1/aid/?lang=en")
    actors = client.get("/api/v1/actors/?lang=en")

    assert aid.status_code == actors.status_code == 200
    assert aid["Content-Type"].startswith("application/json")
    assert ONERROR in set(_strings(aid.json())), "the aid line's unit was not given back as written"
    actor_strings = set(_strings(actors.json()))
    for label in ("actor-name-en", "actor-desc-en"):
        assert hostile(label) in actor_strings, f"{label} not given back as written by /api/v1/actors/"
