"""The OpenAPI schema says what every operation really sends: schemathesis generates requests from the
schema for each of them and checks each response (status, content type, body) against it."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, assume
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chronology.models import Actor, AidItem, AlternativeDating, EventRelation
from tests.factories import make_area, make_event, make_person, make_place, make_route, make_source, make_theme

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/?format=json", APP)
# The WSGI client does not decompress; the gzip middleware is tested on its own (test_api_cache.py).
PLAIN = {"Accept-Encoding": "identity"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _small_corpus() -> dict[str, str]:
    """One record of every kind with every optional part filled; returns a real slug per endpoint."""
    from geography.models import PlaceName, RouteStatus

    kars = make_place(slug="kars", latitude=40.6, longitude=43.1)
    baku = make_place(slug="baku", latitude=40.4, longitude=49.9)
    PlaceName.objects.create(place=kars, name="Qars", language="ru", date="1878/1918")
    route = make_route(slug="baku-kars", stops=[baku, kars], date="1920-11/1921-03")
    RouteStatus.objects.create(route=route, status="open", date="1920-11", note={"en": "Open."})
    area = make_area(slug="front")
    source = make_source(slug="bayur")
    person = make_person(slug="stalin", born="1878-12-18")
    theme = make_theme(slug="aid")
    fall = make_event(slug="fall-of-kars", date="1920-10-30", places=[kars], routes=[route])
    interview = make_event(
        slug="interview",
        date="1920-10-18/1920-11-05",
        people=[person],
        themes=[theme],
        date_as_written="5 Teşrinisani 1336",
        date_calendar="rumi",
    )
    EventRelation.objects.create(event=interview, kind="after", other=fall)
    AlternativeDating.objects.create(event=interview, date="1920-08-12", note={"en": "Impossible."})
    moscow = Actor.objects.create(slug="moscow", name={"en": "Soviet Russia"}, description={"en": "RSFSR."})
    ankara = Actor.objects.create(slug="ankara", name={"en": "Ankara"})
    AidItem.objects.create(
        event=fall,
        donor=moscow,
        recipient=ankara,
        kind="rifles",
        quantity=6000,
        unit="pieces",
        route=route,
        source=source,
        evidence="6000 tüfek",
        locator_estimated=True,
    )
    AidItem.objects.create(
        event=interview, status="promised", kind="gold_rubles", quantity=5, unit="rubles", source=source, derived=True
    )
    make_event(slug="open-ended", date="1921-01/..")
    route.citations.create(source=source, locator="s. 1", evidence="Kars'a kadar demiryolu.")
    area.citations.create(source=source)
    _lesson(interview, route, source)
    return {
        "events": "interview",
        "people": "stalin",
        "sources": "bayur",
        "themes": "aid",
        "categories": "diplomacy",
        "places": "kars",
        "routes": "baku-kars",
        "areas": "front",
        "actors": "moscow",
        "lessons": "classroom",
        "collections": "turk-sovyet",
    }


def _lesson(event, route, source) -> None:
    """A lesson with a full step, a step whose event was deleted and one framed by a map view."""
    from lessons.models import Lesson, LessonStep

    lesson = Lesson.objects.create(slug="classroom", title={"tr": "Ders"}, status="published")
    full = LessonStep.objects.create(
        lesson=lesson, position=1, event=event, caption={"en": "Look."}, teacher_note={"en": "Ask."}, date="1920-11"
    )
    full.citations.create(source=source, locator="s. 1", evidence="Kars.")
    LessonStep.objects.create(lesson=lesson, position=2, event=None, frame_route=route)
    LessonStep.objects.create(lesson=lesson, position=3, event=event, map_latitude=40, map_longitude=44, map_zoom=6)


@pytest.fixture
def _connections_kept_open():
    # A raw WSGI call sends request_started/finished, whose handler closes the database connection; inside a
    # test's transaction that loses the test data (PostgreSQL). Django's test client turns it off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def corpus(db, settings, _connections_kept_open):
    # Generated requests carry made-up Basic credentials; checking each with the real hasher costs ~0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return _small_corpus()


@SCHEMA.parametrize()
@hypothesis_settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_sends_what_the_schema_says(case, corpus):
    # A slug with "." or "/" makes a URL no route matches (the router reads "." as a format suffix): Django's
    # own 404 page, not the API's. Those URLs are not the API's to answer.
    assume(not any(char in str(value) for value in (case.path_parameters or {}).values() for char in "./"))
    case.call_and_validate(checks=CHECKS, app=APP, headers=PLAIN)
    if case.method == "GET" and "slug" in (case.path_parameters or {}):
        # Random slugs only find 404s; ask for the real record too, with the same query.
        case.path_parameters = {"slug": corpus[case.path.split("/")[3]]}
        case.headers, case.cookies = {}, {}  # as a reader asks: made-up credentials are a 403
        response = case.call(app=APP, headers=PLAIN)
        assert response.status_code in (200, 400)
        case.validate_response(response, checks=CHECKS, headers=PLAIN)
