"""Places with a role: in the corpus (a slug, or {place, role}), in the API (place_roles beside places)."""

import pytest

from chronology.corpus import corpus_load
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
