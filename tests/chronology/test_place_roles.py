"""Places with a role: in the corpus (a slug, or {place, role}), in the API (place_roles beside places)."""

import json

import pytest
import yaml

from chronology.corpus import corpus_load
from chronology.corpus.exporting import corpus_export
from chronology.corpus.reading import CorpusInvalid
from chronology.models import Event, EventPlace
from tests.chronology.test_corpus import corpus_with
from tests.factories import make_event, make_place


def _roles(slug):
    return sorted(EventPlace.objects.filter(event__slug=slug).values_list("place__slug", "role"))


def test_a_corpus_place_is_a_slug_or_a_place_with_its_role(db, tmp_path):
    path = corpus_with(tmp_path, events=("places: [baku]", "places: [{place: baku, role: arrived_at}, gyumri]"))
    corpus_load(path=path)
    assert _roles("stalin-interview") == [("baku", "arrived_at"), ("gyumri", "at")]

    # Changing only a role is a change the loader writes.
    path = corpus_with(tmp_path, events=("places: [baku]", "places: [{place: baku, role: departed_from}, gyumri]"))
    corpus_load(path=path)
    assert _roles("stalin-interview") == [("baku", "departed_from"), ("gyumri", "at")]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{place: baku, role: landed}", "field 'places[0].role': is 'landed'; use one of at, signed_at"),
        ("{place: baku, when: 1920}", "field 'places[0]': has only place and role"),
        ("baku, {place: baku, role: signed_at}", "field 'places[1]': lists place 'baku' again"),
    ],
)
def test_a_bad_place_entry_is_named_and_nothing_is_loaded(db, tmp_path, entry, expected):
    with pytest.raises(CorpusInvalid) as error:
        corpus_load(path=corpus_with(tmp_path, events=("places: [baku]", f"places: [{entry}]")))
    problems = [str(problem) for problem in error.value.problems]
    assert any(expected in problem for problem in problems), problems
    assert not Event.objects.exists()


def test_the_api_keeps_places_as_slugs_and_says_each_ones_role(api):
    moscow, kars = make_place(slug="moscow"), make_place(slug="kars")
    event = make_event(slug="moscow-treaty")
    EventPlace.objects.create(event=event, place=moscow, role="signed_at")
    EventPlace.objects.create(event=event, place=kars, role="concerns")
    row = api.get("/api/v1/events/").json()[0]
    assert row["places"] == ["kars", "moscow"]
    assert row["place_roles"] == [{"place": "kars", "role": "concerns"}, {"place": "moscow", "role": "signed_at"}]


def _index_roles(body: dict) -> dict[str, list[tuple[str, str]]]:
    """Each event's (place, role) pairs as a page would read them from the index's parallel columns."""
    decoded = {}
    for i, slug in enumerate(body["slug"]):
        window = slice(body["placeOffsets"][i], body["placeOffsets"][i + 1])
        decoded[slug] = [
            (body["places"][ref], body["roles"][role])
            for ref, role in zip(body["placeRefs"][window], body["placeRoles"][window], strict=True)
        ]
    return decoded


def test_the_index_says_each_places_role_beside_the_places_a_format_1_page_reads(api):
    ankara, moscow, kars = (make_place(slug=slug) for slug in ("ankara", "moscow", "kars"))
    journey = make_event(slug="delegation-travels", date="1920-05-11")
    EventPlace.objects.create(event=journey, place=moscow, role="arrived_at")
    EventPlace.objects.create(event=journey, place=ankara, role="departed_from")
    treaty = make_event(slug="moscow-treaty", date="1921-03-16")
    EventPlace.objects.create(event=treaty, place=kars, role="concerns")
    EventPlace.objects.create(event=treaty, place=moscow, role="signed_at")
    make_event(slug="kars-falls", date="1920-10-30", places=[kars])

    response = api.get("/api/v1/event-index/", HTTP_ACCEPT_ENCODING="identity")
    body = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)

    # The page of format 1 reads the same places as before, and is not told to refuse the body.
    assert body["format"] == 1
    slices = {slug: body["placeRefs"][body["placeOffsets"][i] : body["placeOffsets"][i + 1]]
              for i, slug in enumerate(body["slug"])}  # fmt: skip
    assert [body["places"][n] for n in slices["moscow-treaty"]] == ["kars", "moscow"]
    assert _index_roles(body) == {
        "delegation-travels": [("ankara", "departed_from"), ("moscow", "arrived_at")],
        "kars-falls": [("kars", "at")],
        "moscow-treaty": [("kars", "concerns"), ("moscow", "signed_at")],
    }


def test_an_event_says_why_it_is_pinned_at_more_than_one_place(api):
    event = make_event(
        slug="eastern-front",
        places=[make_place(slug="sarikamis"), make_place(slug="kars")],
        place_note={"tr": "İki kentte çarpışıldı.", "en": "Fought at both towns."},
    )
    assert api.get(f"/api/v1/events/{event.slug}/?lang=en").json()["place_note"] == "Fought at both towns."
    assert api.get(f"/api/v1/events/{event.slug}/?lang=tr").json()["place_note"] == "İki kentte çarpışıldı."
    assert api.get("/api/v1/events/?fields=slug,place_note&lang=en").json() == [
        {"slug": "eastern-front", "place_note": "Fought at both towns."}
    ]


def test_a_corpus_event_carries_its_place_note(db, tmp_path):
    note = "places: [baku, gyumri]\n            place_note: {tr: İkisi, en: Both}"
    corpus_load(path=corpus_with(tmp_path, events=("places: [baku]", note)))
    assert Event.objects.get(slug="stalin-interview").place_note == {"tr": "İkisi", "en": "Both"}


def test_an_exported_corpus_keeps_each_places_role(db, tmp_path):
    path = corpus_with(tmp_path, events=("places: [baku]", "places: [{place: baku, role: arrived_at}, gyumri]"))
    corpus_load(path=path)
    events = {event["slug"]: event for event in yaml.safe_load(corpus_export())["events"]}
    # `at` is the default, written as a bare slug as a curator would write it.
    assert events["stalin-interview"]["places"] == [{"place": "baku", "role": "arrived_at"}, "gyumri"]
