"""`export_events --format …` writes every format of the atlas, the bytes its download serves; `--collection`
narrows each to one collection."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from chronology.models import Collection
from tests.factories import make_event, make_place, make_route, make_source

# Each format with the arguments it needs and the address serving the same bytes.
SERVED = [
    ("geojson", ["--layer", "places"], "/api/v1/places.geojson"),
    ("geojson", ["--layer", "routes"], "/api/v1/routes.geojson"),
    ("geojson", ["--layer", "areas"], "/api/v1/areas.geojson"),
    ("kml", ["--lang", "en"], "/api/v1/atlas.kml?lang=en"),
    ("lpf", [], "/api/v1/places.lpf.json"),
    ("csl-json", [], "/api/v1/sources.csl.json"),
    ("bibtex", [], "/api/v1/sources.bib"),
    ("timelinejs", ["--lang", "en"], "/api/v1/events.timeline.json?lang=en"),
    ("csv", [], "/api/v1/events.csv"),
]


@pytest.fixture
def atlas(db):
    computing = Collection.objects.create(slug="computing", title={"en": "Women in computing"})
    kars, baku = make_place(slug="kars"), make_place(slug="baku")
    make_event(slug="kars-taken", places=[kars], routes=[make_route(slug="kars-baku", stops=[kars, baku])])
    make_event(slug="eniac", collection=computing, places=[baku], sources=[make_source(slug="light-2021")])
    return computing


def _exported(*arguments) -> bytes:
    out = io.StringIO()
    call_command("export_events", *arguments, stdout=out)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize(("format", "arguments", "address"), SERVED, ids=[f"{f} {' '.join(a)}" for f, a, _ in SERVED])
def test_every_format_is_a_format_of_the_export_command_with_the_downloads_bytes(
    client, atlas, format, arguments, address
):
    assert _exported("--format", format, *arguments) == client.get(address, HTTP_ACCEPT_ENCODING="identity").content
    joiner = "&" if "?" in address else "?"
    assert (
        _exported("--format", format, *arguments, "--collection", "computing")
        == client.get(f"{address}{joiner}collection=computing", HTTP_ACCEPT_ENCODING="identity").content
    )


def test_a_collections_export_holds_its_events_and_what_they_use(atlas):
    timeline = json.loads(_exported("--format", "timelinejs", "--collection", "computing"))
    assert [slide["unique_id"] for slide in timeline["events"]] == ["eniac"]
    places = json.loads(_exported("--format", "geojson", "--layer", "places", "--collection", "computing"))
    assert [feature["id"] for feature in places["features"]] == ["baku"]
    assert json.loads(_exported("--format", "geojson", "--layer", "routes", "--collection", "computing")) == {
        "type": "FeatureCollection",
        "features": [],
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "storymap"], "export_lessons LESSON --format storymap"),
        (["--format", "geojson"], r"give --layer \(places, routes, areas\)"),
        (["--format", "kml", "--layer", "routes"], "leave --layer out"),
        (["--format", "csv", "--collection", "nowhere"], "No collection 'nowhere'; the collections are: computing"),
        (["--format", "corpus", "--collection", "computing"], "leave the collection out"),
    ],
)
def test_what_a_format_cannot_take_is_refused_saying_what_to_give(atlas, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_events", *arguments, stdout=io.StringIO())
