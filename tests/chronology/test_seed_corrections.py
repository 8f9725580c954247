"""Corrections a historian asked for (issue 18): what the seed shows must hold to the article."""

import pytest

from chronology.models import Event
from common.dates import parse_day
from geography.models import Route


def _status_on(route: Route, day: str) -> str:
    """The route's status on `day` as the page's map-date.js picks it: the latest-begun status covering
    the day wins; none covering it is "unknown"; a day outside the route's own dates is None."""
    number = parse_day(day)
    if not (route.day_start or number) <= number <= (route.day_end or number):
        return None
    covering = [s for s in route.statuses.all() if (s.day_start or number) <= number <= (s.day_end or number)]
    return max(covering, key=lambda s: s.day_start or 0).status if covering else "unknown"


@pytest.mark.parametrize(
    "day",
    [
        "1920-10-30",  # Kars falls: the line still needs Tiflis
        "1920-11-05",  # the interview's report
        "1920-11-20",  # the Armenian note proposed handing the line over: a proposal, not a change
        "1920-12-31",
        "1921-02-24",  # the eve of the Red Army's entry into Tiflis
    ],
)
def test_the_kars_tiflis_railway_is_closed_after_kars_falls_until_tiflis_is_taken(seed, day):
    railway = Route.objects.get(slug="kars-tiflis-railway")
    assert _status_on(railway, day) == "closed"


def test_the_railways_status_cites_the_fall_of_kars_and_the_sovietisation_of_georgia(seed):
    evidence = " ".join(Route.objects.get(slug="kars-tiflis-railway").citations.values_list("evidence", flat=True))
    assert "30 Ekim’de Kars" in evidence
    assert "Gürcistan’ı işgal ederek" in evidence
    assert "hem Kars’ı hem de Tiflis’i ele geçirmenin elzem" in evidence


def test_vogs_keeps_the_articles_name_and_says_voks_came_only_in_1925(seed):
    event = Event.objects.get(slug="bolshevism-spreads-in-anatolia-1919")
    assert "VOGS" in event.summary["en"] and "VOGS" in event.summary["tr"]
    for lang in ("tr", "en"):
        assert "VOKS" in event.note[lang] and "1925" in event.note[lang], lang
    assert event.citations.filter(evidence__contains="VOGS adlı").exists()


@pytest.mark.parametrize("slug", ["azerbaijan-gold-aid", "eliava-offer-to-karakol-1919"])
def test_a_happening_dated_only_within_a_window_is_a_window_not_a_duration(seed, client, slug):
    event = client.get(f"/api/v1/events/{slug}/?lang=en").json()
    assert event["window"] is True
    assert event["date"].startswith("[")


def test_an_event_that_lasted_is_still_a_bar(seed, client):
    assert client.get("/api/v1/events/lausanne-conference/?lang=en").json()["window"] is False
