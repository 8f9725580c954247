"""The seed lessons load and read through the API in both languages, each step citing its sources."""

from lessons.models import LessonStep


def test_the_seed_ships_three_published_lessons_listed_with_their_step_counts(seed, api):
    rows = api.get("/api/v1/lessons/?lang=en").json()
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {
        "road-to-the-moscow-treaty",
        "soviet-aid-roads-and-obstacles",
        "stalin-memduh-sevket-interview",
    }
    for slug, row in by_slug.items():
        assert row["step_count"] == LessonStep.objects.filter(lesson__slug=slug).count() >= 5
        assert row["fallback"] is False
    assert by_slug["road-to-the-moscow-treaty"]["title"].startswith("The road to the Moscow Treaty")


def test_a_lesson_gives_each_step_its_event_as_the_atlas_does_with_caption_note_and_sources(seed, api):
    lesson = api.get("/api/v1/lessons/stalin-memduh-sevket-interview/?lang=tr").json()
    event = api.get("/api/v1/events/stalin-memduh-sevket-interview-1920/?lang=tr").json()
    steps = lesson["steps"]
    assert [step["number"] for step in steps] == list(range(1, len(steps) + 1))
    interview = next(step for step in steps if step["event_slug"] == "stalin-memduh-sevket-interview-1920")
    assert interview["event"]["title"] == event["title"] and interview["event"]["date"] == event["date"]
    assert interview["event"]["citations"] == event["citations"]
    assert interview["caption"] and interview["teacher_note"] is not None and interview["message"] == ""
    assert all(step["citations"] and all(c["evidence"] for c in step["citations"]) for step in steps)
    # The step about the disputed date cites the conclusion's impossible 12 August as well.
    dispute = [step for step in steps if "12 Ağustos" in step["caption"]]
    assert dispute and any("12 Ağustos 1920" in c["evidence"] for c in dispute[0]["citations"])
    # The aid lesson frames the Nakhchivan road when Stalin names it.
    aid = api.get("/api/v1/lessons/soviet-aid-roads-and-obstacles/?lang=en").json()
    framed = [step["map"] for step in aid["steps"] if step["map"]["route"] == "nakhchivan-road"]
    assert framed and len(framed[0]["points"]) >= 2


def test_captions_follow_the_asked_language(seed, api):
    english = api.get("/api/v1/lessons/road-to-the-moscow-treaty/?lang=en").json()
    turkish = api.get("/api/v1/lessons/road-to-the-moscow-treaty/?lang=tr").json()
    assert english["steps"][0]["caption"] != turkish["steps"][0]["caption"]
    assert "Lenin" in turkish["steps"][0]["caption"] and turkish["title"].startswith("Moskova")
