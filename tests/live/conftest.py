import pytest
from django.test import Client
from rest_framework.test import APIClient

from chronology.models import Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event


@pytest.fixture
def api(db):
    """The API client, asking for English answers (the atlas's default language is Turkish)."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def client(db):
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def lesson(db):
    """A published lesson of three steps (the second's event is "The second step")."""
    lesson = Lesson.objects.create(
        slug="road-to-moscow", title={"tr": "Moskova yolu", "en": "Road"}, status=Status.PUBLISHED
    )
    for position, title in enumerate(["The first step", "The second step", "The third step"], start=1):
        event = make_event(slug=f"step-{position}", title={"en": title, "tr": title}, date=f"1920-1{position - 1}")
        LessonStep.objects.create(lesson=lesson, event=event, position=position, caption={"en": f"Caption {position}"})
    return lesson


@pytest.fixture
def started(api, lesson):
    """A class started on the lesson's first step: the start answer (code, token, …)."""
    response = api.post("/api/v1/live/", {"lesson": lesson.slug}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def teacher(started):
    """POST a move as the teacher: teacher("step", {"step": 2})."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")

    def move(action: str, body: dict | None = None, token: str | None = started["token"]):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        return client.post(f"/api/v1/live/{started['code']}/{action}/", body or {}, format="json", **headers)

    return move
