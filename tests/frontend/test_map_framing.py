"""The map opens on where an event happened, not on every place it mentions (issue 18): a linked event,
the first view and a lesson step frame pins and journeys, and leave out the places an event only concerns."""

from chronology.models import EventPlace, Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event, make_place
from tests.frontend.test_page import config_of

BAKU, BERLIN, IZMIR = (40.41, 49.87), (52.52, 13.4), (38.42, 27.14)


def _interview():
    """Held in Baku; Berlin and İzmir only named in it."""
    baku, berlin, izmir = (
        make_place(slug=slug, latitude=lat, longitude=lng)
        for slug, (lat, lng) in (("baku", BAKU), ("berlin", BERLIN), ("izmir", IZMIR))
    )
    event = make_event(slug="interview", significance=3)
    EventPlace.objects.create(event=event, place=baku, role="at")
    EventPlace.objects.create(event=event, place=berlin, role="concerns")
    EventPlace.objects.create(event=event, place=izmir, role="concerns")
    return event


def test_a_linked_event_opens_on_where_it_happened(client, db):
    _interview()
    assert config_of(client.get("/?event=interview"))["view"] == [list(BAKU)]


def test_an_event_that_only_concerns_places_still_opens_on_them(client, db):
    event = make_event(slug="barrier-plan")
    for slug, (lat, lng) in (("baku", BAKU), ("izmir", IZMIR)):
        place = make_place(slug=slug, latitude=lat, longitude=lng)
        EventPlace.objects.create(event=event, place=place, role="concerns")
    assert sorted(config_of(client.get("/?event=barrier-plan"))["view"]) == sorted([list(BAKU), list(IZMIR)])


def test_a_journey_frames_both_ends(client, db):
    ankara, moscow = make_place(slug="ankara", latitude=39.93, longitude=32.86), make_place(slug="moscow")
    event = make_event(slug="delegation")
    EventPlace.objects.create(event=event, place=ankara, role="departed_from")
    EventPlace.objects.create(event=event, place=moscow, role="arrived_at")
    assert len(config_of(client.get("/?event=delegation"))["view"]) == 2


def test_the_first_view_frames_where_the_key_events_happened(client, db):
    _interview()
    assert config_of(client.get("/"))["view"] == [list(BAKU), list(BAKU)]


def test_a_lesson_step_frames_where_its_event_happened(api, db):
    event = _interview()
    lesson = Lesson.objects.create(slug="talk", title={"tr": "Görüşme", "en": "The talk"}, status=Status.PUBLISHED)
    step = LessonStep.objects.create(lesson=lesson, event=event, position=1, caption={"tr": "Bakü", "en": "Baku"})
    step.citations.create(source=event.citations.first().source, locator="s. 1", evidence="Kanıt")
    [shown] = api.get("/api/v1/lessons/talk/?lang=en").json()["steps"]
    assert shown["map"]["points"] == [list(BAKU)]
