"""Route stops with dates (issue 8): the corpus gives a stop as a slug or {place, date}; the API carries the
dates aligned with the stops; a corpus written back keeps them."""

from __future__ import annotations

import yaml
from django.urls import reverse

from chronology.corpus import corpus_load
from chronology.corpus.exporting import corpus_export
from geography.models import Route
from tests.chronology.test_corpus import corpus_with

DATED = 'stops: [{place: baku, date: "1920-11-05"}, gyumri, {place: gyumri, date: "1921-03~"}]'


def test_dated_stops_load_reach_the_api_aligned_with_the_stops_and_survive_an_export(db, tmp_path, client):
    corpus_load(path=corpus_with(tmp_path, places=("stops: [baku, gyumri]", DATED)))
    stops = Route.objects.get(slug="baku-gyumri").stops.order_by("position")
    assert [(stop.place.slug, stop.date) for stop in stops] == [
        ("baku", "1920-11-05"),
        ("gyumri", ""),
        ("gyumri", "1921-03~"),
    ]

    properties = client.get(reverse("route-detail", args=["baku-gyumri"])).json()["properties"]
    assert properties["stops"] == ["baku", "gyumri", "gyumri"]
    assert properties["stop_dates"][0] == {"date": "1920-11-05", "start": "1920-11-05", "end": "1920-11-05"}
    assert properties["stop_dates"][1] is None
    assert properties["stop_dates"][2]["start"] == "1921-03-01" and properties["stop_dates"][2]["end"] == "1921-03-31"

    exported = yaml.safe_load(corpus_export())
    route = next(route for route in exported["routes"] if route["slug"] == "baku-gyumri")
    assert route["stops"] == [
        {"place": "baku", "date": "1920-11-05"},
        "gyumri",
        {"place": "gyumri", "date": "1921-03~"},
    ]
