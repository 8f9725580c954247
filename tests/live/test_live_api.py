"""The live class's API: the teacher starts and moves a class with a token; nobody else can move it."""

import pytest
from rest_framework.test import APIClient

from live.models import CODE_ALPHABET, IDLE_LIMIT, LiveClass

pytestmark = pytest.mark.django_db


def test_starting_gives_a_short_unambiguous_code_a_token_and_the_join_address(api, started):
    assert len(started["code"]) == 6 and set(started["code"]) <= set(CODE_ALPHABET)
    assert not set(started["code"]) & set("0O1IL2Z5S8B")
    assert len(started["token"]) >= 40
    assert started["join_url"] == f"http://testserver/join/{started['code']}/"
    assert started["events_url"] == f"/live/{started['code']}/events"
    assert (started["lesson"], started["step"], started["released"], started["ended"]) == (
        "road-to-moscow",
        1,
        False,
        False,
    )
    # The token is shown once and never kept: only its hash is in the database, and no one else is told it.
    live = LiveClass.objects.get(code=started["code"])
    assert started["token"] not in live.token_hash
    state = api.get(f"/api/v1/live/{started['code']}/")
    assert "token" not in state.json()
    assert "no-store" in state["Cache-Control"]  # a phone asking why its stream stopped reads the state now


def test_the_teacher_moves_releases_recalls_and_ends_the_class_and_each_move_raises_the_version(teacher, started):
    moved = teacher("step", {"step": 3}).json()
    assert (moved["step"], moved["version"]) == (3, started["version"] + 1)
    released = teacher("release").json()
    assert (released["released"], released["step"]) == (True, 3)
    recalled = teacher("recall").json()
    assert (recalled["released"], recalled["version"]) == (False, started["version"] + 3)
    ended = teacher("end")
    assert ended.status_code == 200 and ended.json()["ended"] is True
    again = teacher("step", {"step": 1})
    assert again.status_code == 410 and "ended" in again.json()["detail"]


def test_a_student_cannot_move_the_class(teacher, api, started):
    for token in (None, "a-guess", started["token"][:-1]):
        for action in ("step", "release", "recall", "end"):
            response = teacher(action, {"step": 2}, token=token)
            assert response.status_code == 403, (action, token)
            assert "token" in response.json()["detail"]
    state = api.get(f"/api/v1/live/{started['code']}/").json()
    assert (state["step"], state["released"], state["ended"], state["version"]) == (1, False, False, 1)


def test_another_classes_token_does_not_move_this_one(api, teacher, lesson):
    other = api.post("/api/v1/live/", {"lesson": lesson.slug}, format="json").json()
    assert teacher("step", {"step": 2}, token=other["token"]).status_code == 403


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"step": 4}, "there is no step 4"),
        ({"step": 0}, "there is no step 0"),
        ({"step": "2"}, "whole number"),
        ({"step": True}, "whole number"),
        ({}, "whole number"),
    ],
)
def test_a_step_the_lesson_does_not_have_is_refused_and_the_class_stays(teacher, api, started, body, says):
    response = teacher("step", body)
    assert response.status_code == 400 and says in response.json()["detail"]
    assert api.get(f"/api/v1/live/{started['code']}/").json()["step"] == 1


def test_a_body_that_is_not_json_is_refused(teacher, started):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/live/{started['code']}/step/",
        data="step=2",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {started['token']}",
    )
    assert response.status_code == 400
    assert teacher("step", [2]).status_code == 400


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "Say which lesson"),
        ({"lesson": "no-such-lesson"}, "no published lesson “no-such-lesson”"),
        ({"lesson": "road-to-moscow", "step": 9}, "there is no step 9"),
        ({"lesson": "road-to-moscow", "lang": "fr"}, "not a language"),
    ],
)
def test_a_class_on_a_lesson_or_step_that_does_not_exist_is_not_started(api, lesson, body, says):
    response = api.post("/api/v1/live/", body, format="json")
    assert response.status_code == 400 and says in response.json()["detail"]
    assert not LiveClass.objects.exists()


def test_a_draft_lesson_cannot_be_followed(api, lesson):
    lesson.status = "draft"
    lesson.save()
    assert api.post("/api/v1/live/", {"lesson": lesson.slug}, format="json").status_code == 400


def test_a_wrong_code_is_not_found_and_a_code_is_read_as_typed(api, started):
    assert api.get("/api/v1/live/QQQQQQ/").status_code == 404
    typed = started["code"][:3].lower() + " " + started["code"][3:]
    assert api.get(f"/api/v1/live/{typed}/").json()["code"] == started["code"]


def test_a_class_left_unmoved_for_hours_has_expired(api, teacher, started):
    LiveClass.objects.update(changed_at=LiveClass.objects.get().changed_at - IDLE_LIMIT)
    assert api.get(f"/api/v1/live/{started['code']}/").json()["ended"] is True
    assert teacher("step", {"step": 2}).status_code == 410
