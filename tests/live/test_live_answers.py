"""Quick questions in a live class: the phones answer the current step's question, once each, and only the
teacher (with the class's token) reads the tally."""

import pytest
from rest_framework.test import APIClient

from live.models import LiveAnswer

pytestmark = pytest.mark.django_db

PHONE_A = "a" * 32
PHONE_B = "b" * 32


@pytest.fixture
def question(lesson):
    """Step 2 asks where the treaty was signed, in three choices."""
    step = lesson.steps.get(position=2)
    step.question = {"en": "Where was the treaty signed?", "tr": "Antlaşma nerede imzalandı?"}
    step.question_choices = {"en": "Moscow\nKars\nBaku", "tr": "Moskova\nKars\nBakü"}
    step.full_clean()
    step.save()
    return step


@pytest.fixture
def answer(started):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")

    def send(body, code=started["code"]):
        return client.post(f"/api/v1/live/{code}/answers/", body, format="json")

    return send


def _tally(teacher_token, code):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Bearer {teacher_token}")
    return client.get(f"/api/v1/live/{code}/answers/")


def test_phones_answer_the_current_question_and_the_teacher_sees_the_tally(question, started, teacher, answer):
    teacher("step", {"step": 2})
    assert answer({"step": 2, "choice": 1, "device": PHONE_A}).status_code == 201
    assert answer({"step": 2, "choice": 3, "device": PHONE_B}).status_code == 201
    tally = _tally(started["token"], started["code"])
    assert tally.status_code == 200
    assert tally.json() == {
        "step": 2,
        "version": 2,
        # In the class's language (Turkish: the atlas's default, the class was started without one).
        "question": {"prompt": "Antlaşma nerede imzalandı?", "choices": ["Moskova", "Kars", "Bakü"]},
        "counts": [1, 0, 1],
        "total": 2,
    }
    assert "no-store" in tally["Cache-Control"]


def test_a_phone_that_answers_twice_is_told_so_and_counted_once(question, started, teacher, answer):
    teacher("step", {"step": 2})
    assert answer({"step": 2, "choice": 1, "device": PHONE_A}).status_code == 201
    again = answer({"step": 2, "choice": 2, "device": PHONE_A})
    assert again.status_code == 409
    assert (
        again.json()["detail"] == "This phone has already answered this question; its first answer is the one counted."
    )
    assert _tally(started["token"], started["code"]).json()["counts"] == [1, 0, 0]


def test_nothing_about_the_phone_is_kept_but_a_hash_that_differs_between_classes(
    question, api, lesson, answer, teacher
):
    teacher("step", {"step": 2})
    answer({"step": 2, "choice": 1, "device": PHONE_A})
    other = api.post("/api/v1/live/", {"lesson": lesson.slug, "step": 2}, format="json").json()
    answer({"step": 2, "choice": 1, "device": PHONE_A}, code=other["code"])
    first, second = LiveAnswer.objects.values_list("device", flat=True)
    assert PHONE_A not in first and first != second


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"step": 2, "choice": 4, "device": PHONE_A}, 400, "one of the 3 choices (1 to 3)"),
        ({"step": 2, "choice": 0, "device": PHONE_A}, 400, "one of the 3 choices"),
        ({"step": 2, "choice": "1", "device": PHONE_A}, 400, "one of the 3 choices"),
        ({"step": 2, "choice": True, "device": PHONE_A}, 400, "one of the 3 choices"),
        ({"step": 2, "choice": 1}, 400, "answer token"),
        ({"step": 2, "choice": 1, "device": "short"}, 400, "answer token"),
        ({"step": 2, "choice": 1, "device": "<script>" * 4}, 400, "answer token"),
        ({"step": "2", "choice": 1, "device": PHONE_A}, 400, "whole number"),
        ({"step": 1, "choice": 1, "device": PHONE_A}, 409, "moved on to step 2: the question of step 1 is closed"),
        ([2, 1], 400, "Send a JSON object"),
    ],
)
def test_a_wrong_answer_says_what_to_fix_and_counts_nothing(question, started, teacher, answer, body, status, says):
    teacher("step", {"step": 2})
    response = answer(body)
    assert response.status_code == status and says in response.json()["detail"]
    assert _tally(started["token"], started["code"]).json()["total"] == 0


def test_an_answer_that_is_not_json_says_so(question, started, teacher):
    teacher("step", {"step": 2})
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/live/{started['code']}/answers/", data="choice=1", content_type="application/json"
    )
    assert response.status_code == 400 and "Send a JSON object" in response.json()["detail"]


def test_a_step_without_a_question_cannot_be_answered(question, started, answer):
    response = answer({"step": 1, "choice": 1, "device": PHONE_A})
    assert response.status_code == 400 and response.json()["detail"] == "Step 1 has no question to answer."
    assert _tally(started["token"], started["code"]).json() == {
        "step": 1,
        "version": 1,
        "question": None,
        "counts": [],
        "total": 0,
    }


def test_an_ended_or_unknown_class_takes_no_answers(question, started, teacher, answer):
    teacher("step", {"step": 2})
    teacher("end")
    ended = answer({"step": 2, "choice": 1, "device": PHONE_A})
    assert ended.status_code == 410 and ended.json()["detail"] == "This live class has ended."
    unknown = answer({"step": 2, "choice": 1, "device": PHONE_A}, code="QQQQQQ")
    assert unknown.status_code == 404 and "no live class with the code" in unknown.json()["detail"]
    assert not LiveAnswer.objects.exists()


def test_only_the_teacher_reads_the_tally(question, started):
    for token in ("", "a-guess"):
        response = _tally(token, started["code"])
        assert response.status_code == 403 and "token" in response.json()["detail"]


def test_answers_to_a_choice_the_curator_removed_mid_class_count_no_more(question, started, teacher, answer):
    teacher("step", {"step": 2})
    answer({"step": 2, "choice": 3, "device": PHONE_A})
    answer({"step": 2, "choice": 1, "device": PHONE_B})
    question.question_choices = {"en": "Moscow\nKars", "tr": "Moskova\nKars"}
    question.save()
    tally = _tally(started["token"], started["code"]).json()
    assert (tally["question"]["choices"], tally["counts"], tally["total"]) == (["Moskova", "Kars"], [1, 0], 1)
