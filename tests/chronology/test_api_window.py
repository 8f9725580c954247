"""Each event row says, from its own bounds, whether it is a window of possible days (`window`) and
whether it falls in a date window asked for (`match`)."""

from django.db import connection

from chronology.models import Event, EventRelation, Status
from chronology.services import event_relative_bounds_refresh
from frontend.views import INDEX_FIELDS
from tests.factories import make_event

EVENTS = "/api/v1/events/"


def _windows(api) -> dict[str, bool]:
    return {row["slug"]: row["window"] for row in api.get(EVENTS + "?fields=slug,window").json()}


def test_an_event_placed_between_others_is_a_window_and_a_conference_is_not(api):
    kars = make_event(slug="fall-of-kars", date="1920-10-30")
    gumru = make_event(slug="gumru", date="1920-11-07")
    interview = make_event(slug="interview", date="1920-10-18/1920-11-05")
    EventRelation.objects.create(event=interview, kind="after", other=kars)
    EventRelation.objects.create(event=interview, kind="before", other=gumru)
    event_relative_bounds_refresh()
    make_event(slug="conference", date="1920-05-11/1920-07-19")
    make_event(slug="october", date="1921-10")
    assert _windows(api) == {
        "fall-of-kars": False,
        "gumru": False,
        "interview": True,
        "conference": False,
        "october": False,
    }


def test_an_undated_event_placed_by_relations_is_a_window(api):
    kars = make_event(slug="fall-of-kars", date="1920-10-30")
    gumru = make_event(slug="gumru", date="1920-11-07")
    undated = make_event(slug="undated", date="")
    EventRelation.objects.create(event=undated, kind="after", other=kars)
    EventRelation.objects.create(event=undated, kind="before", other=gumru)
    event_relative_bounds_refresh()
    row = api.get(EVENTS + "undated/?fields=start,end,precision,window").json()
    assert row == {"start": "1920-10-30", "end": "1920-11-07", "precision": "range", "window": True}


def test_relations_that_pin_the_event_to_one_day_leave_no_window(api):
    kars = make_event(slug="fall-of-kars", date="1920-10-30")
    event = make_event(slug="same-day", date="1920-10-30")
    EventRelation.objects.create(event=event, kind="after", other=kars)
    assert _windows(api)["same-day"] is False


def test_the_page_index_carries_the_window_flag(api):
    assert "window" in INDEX_FIELDS
    make_event(slug="x")
    assert set(api.get(EVENTS + "?fields=" + ",".join(INDEX_FIELDS)).json()[0]) == set(INDEX_FIELDS)


class PublishAfterTheRowQuery:
    """Publishes a draft before whatever query follows the one that read the event rows, as a curator
    saving at that moment would."""

    rows_read = False

    def __call__(self, execute, sql, params, many, context):
        if self.rows_read:
            self.rows_read = False
            Event.objects.filter(status=Status.DRAFT).update(status=Status.PUBLISHED)
        self.rows_read = sql.startswith('SELECT "chronology_event"."id"')
        return execute(sql, params, many, context)


def test_match_belongs_to_its_own_row_even_when_the_data_changes_meanwhile(api):
    make_event(slug="october", date="1921-10")
    make_event(slug="kars-treaty", date="1921-10-13")
    make_event(slug="late-draft", date="1921-10-15", status=Status.DRAFT)
    with connection.execute_wrapper(PublishAfterTheRowQuery()):
        response = api.get(EVENTS + "?date_after=1921-10-10&date_before=1921-10-20&fields=slug")
    assert response.status_code == 200
    assert {row["slug"]: row["match"] for row in response.json()} == {"october": "possible", "kars-treaty": "certain"}
