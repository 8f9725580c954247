"""Lessons through the API: a broken lesson still says something a class can read rather than failing."""

import json

from chronology.models import Event, Status
from lessons.models import Lesson, LessonStep
from sources.models import Citation
from tests.factories import make_event


def lesson_with(*events, **fields):
    lesson = Lesson.objects.create(
        slug=fields.pop("slug", "test-lesson"),
        title=fields.pop("title", {"tr": "Ders", "en": "Lesson"}),
        status=Status.PUBLISHED,
        **fields,
    )
    for position, event in enumerate(events, start=1):
        LessonStep.objects.create(lesson=lesson, event=event, position=position, caption={"tr": "Adım", "en": "Step"})
    return lesson


def test_a_step_whose_event_was_deleted_or_unpublished_says_so_and_the_others_still_show(db, api):
    kept, deleted, hidden = make_event(), make_event(), make_event()
    lesson_with(kept, deleted, hidden)
    deleted.delete()
    Event.objects.filter(pk=hidden.pk).update(status=Status.DRAFT)
    steps = api.get("/api/v1/lessons/test-lesson/?lang=en").json()["steps"]
    assert len(steps) == 3 and steps[0]["event"]["slug"] == kept.slug and steps[0]["message"] == ""
    assert steps[1]["event"] is None and steps[1]["event_slug"] is None and "removed" in steps[1]["message"]
    assert (
        steps[2]["event"] is None and steps[2]["event_slug"] == hidden.slug and "not published" in steps[2]["message"]
    )
    turkish = api.get("/api/v1/lessons/test-lesson/?lang=tr").json()["steps"]
    assert turkish[1]["message"] and turkish[1]["message"] != steps[1]["message"]


def test_a_lesson_with_no_steps_says_so(db, api):
    lesson_with()
    lesson = api.get("/api/v1/lessons/test-lesson/?lang=en").json()
    assert lesson["steps"] == [] and lesson["message"] == "This lesson has no steps yet."


def test_a_lesson_without_text_in_the_asked_language_falls_back_and_flags_it(db, api):
    lesson_with(make_event(), title={"tr": "Yalnız Türkçe"})
    lesson = api.get("/api/v1/lessons/test-lesson/?lang=en").json()
    assert lesson["title"] == "Yalnız Türkçe" and lesson["fallback"] is True and lesson["fallback_message"]
    listed = api.get("/api/v1/lessons/?lang=en").json()[0]
    assert listed["fallback"] is True and listed["language"] == "tr"
    assert api.get("/api/v1/lessons/test-lesson/?lang=tr").json()["fallback"] is False


def test_drafts_and_unknown_lessons_are_not_found_and_a_bad_language_is_named(db, api):
    lesson_with(make_event(), slug="draft-lesson").__class__.objects.filter(slug="draft-lesson").update(status="draft")
    assert api.get("/api/v1/lessons/draft-lesson/").status_code == 404
    assert api.get("/api/v1/lessons/").json() == []
    response = api.get("/api/v1/lessons/?lang=xx")
    assert response.status_code == 400 and "lang" in response.json()


def test_deleting_a_step_deletes_its_citations(db):
    lesson = lesson_with(make_event())
    step = lesson.steps.get()
    step.citations.create(source=Citation.objects.first().source, evidence="x")
    step.delete()
    assert not Citation.objects.filter(object_id=step.pk, content_type__model="lessonstep").exists()


def test_the_api_sends_a_lesson_in_the_shape_the_page_reads(db, api):
    """tests/cases/lesson_api.json is the shape present-steps.js is tested on (tests/js): the API sends exactly
    its keys, so the page cannot read a field the server does not send."""
    from pathlib import Path

    case = json.loads((Path(__file__).parents[1] / "cases" / "lesson_api.json").read_text(encoding="utf-8"))["lesson"]
    kept, hidden = make_event(), make_event()
    lesson_with(kept, hidden)
    Event.objects.filter(pk=hidden.pk).update(status=Status.DRAFT)
    sent = api.get("/api/v1/lessons/test-lesson/?lang=en").json()
    assert set(sent) == set(case)
    assert set(sent["steps"][0]) == set(case["steps"][0]) and set(sent["steps"][0]["map"]) == set(
        case["steps"][0]["map"]
    )
    assert set(sent["steps"][0]["event"]) == set(case["steps"][0]["event"])
    assert sent["steps"][1]["event"] is None and set(sent["steps"][1]) == set(case["steps"][2])


def test_a_steps_quick_question_is_sent_in_the_asked_language_and_a_step_without_one_says_null(db, api):
    lesson = lesson_with(make_event(), make_event())
    LessonStep.objects.filter(lesson=lesson, position=1).update(
        question={"tr": "Nerede?", "en": "Where?"}, question_choices={"tr": "Moskova\nKars", "en": "Moscow\nKars"}
    )
    english = api.get("/api/v1/lessons/test-lesson/?lang=en").json()["steps"]
    assert english[0]["question"] == {"prompt": "Where?", "choices": ["Moscow", "Kars"]}
    assert english[1]["question"] is None
    turkish = api.get("/api/v1/lessons/test-lesson/?lang=tr").json()["steps"]
    assert turkish[0]["question"] == {"prompt": "Nerede?", "choices": ["Moskova", "Kars"]}
