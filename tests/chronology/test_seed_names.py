"""One rule for names in prose and on the map (issue 18): a text about a day names each place as the map
labels it that day, in the text's language (Smyrna and Constantinople in English for 1920), with today's
name in parentheses at its first mention. The rule is `geography.names.prose_names`; `audit_corpus`
reports the events, routes and areas that break it."""

import pytest

from chronology.audit import corpus_audit, place_namings
from chronology.models import Event
from common.dates import iso_day, parse_date
from geography.names import prose_names
from lessons.models import LessonStep


def test_no_seed_record_names_a_place_otherwise_than_its_map(seed):
    broken = [str(f) for f in corpus_audit() if f.kind == "name not of its day"]
    assert not broken, "\n".join(broken)


def test_every_lesson_caption_names_places_as_the_steps_map_labels_them(seed):
    places = place_namings()
    broken = []
    for step in LessonStep.objects.select_related("lesson", "event").order_by("lesson__slug", "position"):
        day = parse_date(step.date).start if step.date else step.event.day_start
        for lang, caption in sorted((step.caption or {}).items()):
            broken += [
                f"lesson {step.lesson.slug}, step {step.position + 1} ({lang}): {problem}"
                for problem in prose_names(caption, lang, day, places)
            ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    ("event", "place", "lang", "first_mention"),
    [
        ("stalin-memduh-sevket-interview-1920", "izmir", "en", "Smyrna (Izmir)"),
        ("stalin-memduh-sevket-interview-1920", "istanbul", "en", "Constantinople (Istanbul)"),
        ("stalin-memduh-sevket-interview-1920", "izmir", "tr", "İzmir"),
        ("treaty-of-gumru-1920", "gyumri", "en", "Alexandropol (Gyumri)"),
        ("treaty-of-gumru-1920", "gyumri", "tr", "Gümrü"),
    ],
)
def test_the_panels_summary_says_the_name_the_map_labels_on_the_events_day(
    seed, client, event, place, lang, first_mention
):
    """What a reader sees side by side: the map's label for the event's day, and the summary under it."""
    record = Event.objects.get(slug=event)
    places = client.get("/api/v1/places/", {"on": iso_day(record.day_start), "lang": lang}).json()["features"]
    label = next(f["properties"]["name"] for f in places if f["properties"]["slug"] == place)
    summary = client.get(f"/api/v1/events/{event}/", {"lang": lang}).json()["summary"]
    assert first_mention.startswith(label)
    assert first_mention in summary
