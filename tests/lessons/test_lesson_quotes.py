"""One quote per passage: works cited through one sentence of the article share its evidence, and the API
groups a step's citations by passage (`quotes`) while keeping `citations` as they were."""

import pytest

from chronology.corpus import CorpusInvalid, corpus_load
from chronology.models import Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event, make_source


def test_a_steps_citations_sharing_a_passage_are_one_quote_with_every_source_in_order(db, api):
    event = make_event()
    lesson = Lesson.objects.create(slug="road", title={"en": "Road"}, status=Status.PUBLISHED)
    step = LessonStep.objects.create(lesson=lesson, event=event, position=1)
    first, second, third = (make_source(label=label) for label in ("Tekinsoy 2025", "Bayur 1991", "Çelik 2023"))
    for position, (source, locator, evidence) in enumerate(
        [
            (first, "s. 192", "Moskova'dan 5 milyon altın istendi."),
            (second, "s. 40", "Lenin'e bir mektup yazıldı."),
            (third, "s. 7", "Moskova'dan 5 milyon altın istendi. "),  # the same sentence, a stray space after it
            (second, "s. 41", ""),
        ]
    ):
        step.citations.create(source=source, locator=locator, evidence=evidence, position=position)

    sent = api.get("/api/v1/lessons/road/?lang=en").json()["steps"][0]
    assert len(sent["citations"]) == 4  # the old field is untouched: readers of it keep working
    assert [quote["evidence"] for quote in sent["quotes"]] == [
        "Moskova'dan 5 milyon altın istendi.",
        "Lenin'e bir mektup yazıldı.",
        "",
    ]
    gold = sent["quotes"][0]["sources"]
    assert [(s["label"], s["locator"]) for s in gold] == [("Tekinsoy 2025", "s. 192"), ("Çelik 2023", "s. 7")]
    assert set(gold[0]) == {"source", "label", "locator", "locator_estimated"}
    assert [s["locator"] for s in sent["quotes"][2]["sources"]] == ["s. 41"]


def test_the_lesson_list_and_the_lesson_give_level_and_time_in_the_asked_language(db, api):
    Lesson.objects.create(
        slug="road",
        title={"tr": "Yol", "en": "Road"},
        level={"tr": "Lise", "en": "Upper secondary"},
        minutes=40,
        status=Status.PUBLISHED,
    )
    Lesson.objects.create(slug="bare", title={"en": "Bare"}, status=Status.PUBLISHED)
    listed = {row["slug"]: row for row in api.get("/api/v1/lessons/?lang=tr").json()}
    assert (listed["road"]["level"], listed["road"]["minutes"]) == ("Lise", 40)
    assert (listed["bare"]["level"], listed["bare"]["minutes"]) == ("", None)
    lesson = api.get("/api/v1/lessons/road/?lang=en").json()
    assert (lesson["level"], lesson["minutes"]) == ("Upper secondary", 40)


def test_a_corpus_lesson_with_an_impossible_time_names_the_field_and_loads_nothing(db, tmp_path):
    corpus = tmp_path / "lessons.yaml"
    corpus.write_text(
        "lessons:\n- slug: road\n  title: {en: Road}\n  level: {en: Upper secondary}\n  minutes: 0\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusInvalid) as error:
        corpus_load(path=corpus)
    assert "lessons 'road', field 'minutes'" in str(error.value) and "1 değerinden büyük veya eşit" in str(error.value)
    assert not Lesson.objects.filter(slug="road").exists()
    corpus.write_text(corpus.read_text(encoding="utf-8").replace("minutes: 0", "minutes: 40"), encoding="utf-8")
    corpus_load(path=corpus)
    road = Lesson.objects.get(slug="road")
    assert (road.level, road.minutes) == ({"en": "Upper secondary"}, 40)
