"""Aid lines: who gave what to whom, whether it was asked, promised or delivered, and totals that add up."""

import pytest
from django.core.exceptions import ValidationError

from chronology.models import Actor, AidItem, Status
from tests.factories import make_event, make_source

AID = "/api/v1/aid/"
TOTALS = "/api/v1/aid/totals/"


@pytest.fixture
def actors(db):
    return {
        slug: Actor.objects.create(slug=slug, name={"tr": slug.upper(), "en": slug.title()})
        for slug in ("moscow", "baku", "ankara")
    }


def line(event, donor, recipient, *, status="delivered", kind="gold_rubles", quantity=1, unit="rubles", **more):
    return AidItem.objects.create(
        event=event,
        donor=donor,
        recipient=recipient,
        status=status,
        kind=kind,
        quantity=quantity,
        unit=unit,
        source=more.pop("source", None) or make_source(),
        **more,
    )


@pytest.fixture
def aid(actors):
    """Two deliveries from Moscow (one derived), a promise, a gift from Baku, and a draft event's line."""
    moscow, baku, ankara = actors["moscow"], actors["baku"], actors["ankara"]
    autumn = make_event(slug="autumn-1920", date="1920-09-18")
    treaty = make_event(slug="treaty-1921", date="1921-03-16")
    years = make_event(slug="war-years", date="1920/1922")
    gift = make_event(slug="gift", date="1920-09/1924-03")
    draft = make_event(slug="draft", date="1920-10-01", status=Status.DRAFT)
    line(autumn, moscow, ankara, quantity=1_000_000)
    line(years, moscow, ankara, quantity=10_000_000, derived=True, note={"en": "11 million less the first"})
    line(years, moscow, ankara, kind="rifles", quantity=37_812, unit="rifles")
    line(treaty, moscow, ankara, status="promised", quantity=10_000_000)
    line(gift, baku, ankara, quantity=1_000_000)
    line(draft, moscow, ankara, quantity=999)


def totals_by(rows):
    return {(row["donor"], row["kind"], row["status"], row["unit"]): row["total"] for row in rows}


def test_totals_keep_donors_and_statuses_apart_and_count_a_derived_line_once(api, aid):
    rows = api.get(TOTALS).json()
    assert totals_by(rows) == {
        ("baku", "gold_rubles", "delivered", "rubles"): 1_000_000,
        ("moscow", "gold_rubles", "delivered", "rubles"): 11_000_000,
        ("moscow", "gold_rubles", "promised", "rubles"): 10_000_000,
        ("moscow", "rifles", "delivered", "rifles"): 37_812,
    }
    # The draft event's 999 rubles are nowhere: only published events count.
    assert {row["lines"] for row in rows if row["status"] == "delivered" and row["donor"] == "moscow"} == {2, 1}


def test_totals_take_the_event_lists_date_window(api, aid):
    # The treaty (March 1921) and the war years (1920–1922) overlap 1921; the autumn of 1920 does not.
    rows = api.get(TOTALS, {"date_after": "1921-01-01", "date_before": "1921-12-31", "donor": "moscow"}).json()
    assert totals_by(rows) == {
        ("moscow", "gold_rubles", "delivered", "rubles"): 10_000_000,
        ("moscow", "gold_rubles", "promised", "rubles"): 10_000_000,
        ("moscow", "rifles", "delivered", "rifles"): 37_812,
    }


def test_aid_list_names_event_donor_recipient_and_filters_by_them(api, aid):
    rows = api.get(AID, {"recipient": "ankara", "status": "delivered", "kind": "gold_rubles", "lang": "en"}).json()
    # In time order: 1920 (whole year) starts first, then September 1920, then 18 September 1920.
    assert [(row["event"], row["donor"], row["quantity"], row["derived"]) for row in rows] == [
        ("war-years", "moscow", 10_000_000.0, True),
        ("gift", "baku", 1_000_000.0, False),
        ("autumn-1920", "moscow", 1_000_000.0, False),
    ]
    derived = next(row for row in rows if row["derived"])
    assert derived["note"] == "11 million less the first" and derived["date"] == "1920/1922"
    assert all(row["event"] != "draft" for row in api.get(AID).json())


def test_aid_list_is_in_time_order(api, aid):
    starts = [row["start"] for row in api.get(AID).json()]
    assert starts == sorted(starts) and len(starts) == 5


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"date_after": "18 Sept 1920"}, "date"),
        ({"donor": "atlantis"}, "donor"),
        ({"status": "hoped"}, "status"),
        ({"kind": "tanks"}, "kind"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(api, aid, query, named):
    for url in (AID, TOTALS):
        response = api.get(url, query)
        assert response.status_code == 400
        assert any(named in key for key in response.json())


def test_a_derived_line_must_say_how_it_was_derived(actors):
    item = AidItem(
        event=make_event(),
        donor=actors["moscow"],
        recipient=actors["ankara"],
        kind="gold_rubles",
        quantity=10,
        unit="rubles",
        derived=True,
        source=make_source(),
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "note" in error.value.message_dict


def test_a_line_cannot_go_from_a_party_to_itself(actors):
    item = AidItem(
        event=make_event(),
        donor=actors["ankara"],
        recipient=actors["ankara"],
        kind="rifles",
        quantity=10,
        unit="rifles",
        source=make_source(),
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "recipient" in error.value.message_dict


def test_actors_are_listed_in_the_readers_language(api, actors):
    assert {row["slug"]: row["name"] for row in api.get("/api/v1/actors/", {"lang": "tr"}).json()}["baku"] == "BAKU"
