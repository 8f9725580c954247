"""Curators author lessons in the admin: steps inline in order, both languages, history kept."""

import pytest
from django.urls import reverse
from reversion.models import Version

from chronology.models import Status
from lessons.models import Lesson, LessonStep
from tests.admin_forms import admin_form_data
from tests.factories import make_event


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    return client


@pytest.fixture
def lesson(db):
    lesson = Lesson.objects.create(slug="road", title={"tr": "Yol", "en": "The road"}, status=Status.DRAFT)
    for position, slug in enumerate(("first", "second"), start=1):
        LessonStep.objects.create(lesson=lesson, event=make_event(slug=slug), position=position)
    return lesson


def test_the_lesson_form_lists_its_steps_with_reordering_and_both_languages(curator, lesson):
    page = curator.get(reverse("admin:lessons_lesson_change", args=[lesson.pk])).content.decode()
    assert "lessons/step_order.js" in page  # the up/down buttons
    assert 'name="steps-0-position"' in page and 'name="steps-1-position"' in page
    assert 'name="title_0"' in page and 'name="title_1"' in page  # Turkish and English boxes


def test_reordering_steps_and_publishing_saves_and_keeps_history(curator, lesson):
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = admin_form_data(curator.get(url))
    data["steps-0-position"], data["steps-1-position"] = ["2"], ["1"]
    data["status"] = [Status.PUBLISHED]
    response = curator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    assert lesson.status == Status.PUBLISHED
    assert list(lesson.steps.order_by("position").values_list("event__slug", flat=True)) == ["second", "first"]
    assert Version.objects.get_for_object(lesson).count() == 1


def test_a_half_given_map_view_is_refused_naming_what_is_missing(curator, lesson):
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = admin_form_data(curator.get(url))
    data["steps-0-map_latitude"] = ["40.1"]
    page = curator.post(url, data).content.decode()
    assert "centre latitude, centre longitude and zoom" in page or "merkez enlemi" in page
    assert not LessonStep.objects.filter(map_latitude=40.1).exists()


def test_a_curator_gives_level_and_time_and_an_impossible_time_is_refused_saving_nothing(curator, lesson):
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = admin_form_data(curator.get(url))
    data["level_0"], data["level_1"], data["minutes"] = ["Lise"], ["Upper secondary"], ["0"]
    page = curator.post(url, data).content.decode()
    assert 'name="minutes"' in page and ("greater than or equal to 1" in page or "1 değerinden büyük" in page)
    lesson.refresh_from_db()
    assert (lesson.level, lesson.minutes) == ({}, None)
    data["minutes"] = ["40"]
    assert curator.post(url, data).status_code == 302
    lesson.refresh_from_db()
    assert (lesson.level, lesson.minutes) == ({"tr": "Lise", "en": "Upper secondary"}, 40)


def test_a_curator_writes_a_quick_question_beside_the_step_in_both_languages(curator, lesson):
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = admin_form_data(curator.get(url))
    data["steps-0-question_0"], data["steps-0-question_1"] = ["Nerede?"], ["Where?"]
    data["steps-0-question_choices_0"] = ["Moskova\nKars\n\nBakü"]
    data["steps-0-question_choices_1"] = ["Moscow\nKars\nBaku"]
    assert curator.post(url, data).status_code == 302
    step = lesson.steps.get(position=1)
    assert step.question == {"tr": "Nerede?", "en": "Where?"}
    assert step.choices("en") == ["Moscow", "Kars", "Baku"] and step.choices("tr") == ["Moskova", "Kars", "Bakü"]


@pytest.mark.parametrize(
    ("question", "choices", "says"),
    [
        (["Nerede?", ""], ["Moskova\nKars", "Moscow\nKars"], "Write the question in English too."),
        (["Nerede?", "Where?"], ["Moskova", "Moscow"], "English: 1 choices; write 2 to 6, one a line."),
        (["Nerede?", "Where?"], ["a\nb\nc\nd\ne\nf\ng", "a\nb\nc\nd\ne\nf\ng"], "Türkçe: 7 choices"),
        (["Nerede?", "Where?"], ["Moskova\nKars\nBakü", "Moscow\nKars"], "Every language needs the same number"),
        (["", ""], ["Moskova\nKars", "Moscow\nKars"], "Write the question in Türkçe too."),
    ],
)
def test_a_question_that_a_class_could_not_answer_is_refused_saving_nothing(curator, lesson, question, choices, says):
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = admin_form_data(curator.get(url))
    data["steps-0-question_0"], data["steps-0-question_1"] = [question[0]], [question[1]]
    data["steps-0-question_choices_0"], data["steps-0-question_choices_1"] = [choices[0]], [choices[1]]
    page = curator.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert says in page.replace("&quot;", '"')
    assert lesson.steps.get(position=1).question == {}
