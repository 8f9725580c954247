"""Finding coordinates: the atlas's own gazetteer first, an online geocoder when reachable (a fake here, never
the network), a plain notice when it is not; and a warning for a latitude/longitude pair that looks swapped."""

from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable

from geography.models import PlaceName
from geography.services import OFFLINE_NOTICE, place_geocode, place_swap_warning
from tests.factories import make_place

pytestmark = pytest.mark.django_db


class FakeGeocoder:
    """Answers like geopy's Nominatim, from a table; records what it was asked."""

    def __init__(self, answers=(), error=None):
        self.answers, self.error, self.asked = list(answers), error, []

    def geocode(self, query, **options):
        self.asked.append((query, options))
        if self.error:
            raise self.error
        return [SimpleNamespace(address=a, latitude=lat, longitude=lon) for a, lat, lon in self.answers]


@pytest.fixture
def gyumri():
    place = make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"}, latitude=40.79, longitude=43.85)
    PlaceName.objects.create(place=place, name="Alexandropol", language="", date="../1924-01")
    PlaceName.objects.create(place=place, name="Leninakan", language="", date="1924-01/1990")
    make_place(slug="kars", name={"tr": "Kars", "en": "Kars"}, latitude=40.6, longitude=43.1)
    return place


def test_gazetteer_finds_every_name_without_diacritics_or_turkish_case(gyumri, settings):
    settings.GEOCODER_ONLINE = False
    for query in ("gumru", "GÜMRÜ", "alexandropol", "leninak", "gyumri"):
        found = place_geocode(query=query)
        assert [c.place for c in found] == ["gyumri"], query
        assert (found[0].latitude, found[0].longitude) == (40.79, 43.85)
        assert found[0].source == "atlas"
    assert "Alexandropol" in place_geocode(query="alexandropol")[0].detail
    istanbul = make_place(slug="istanbul", name={"tr": "İstanbul", "en": "Istanbul"}, latitude=41.0, longitude=29.0)
    assert [c.place for c in place_geocode(query="istanbul")] == [istanbul.slug]
    assert place_geocode(query="nowhere-at-all") == []


def test_switched_off_online_step_searches_the_gazetteer_only_and_says_so(gyumri, settings):
    settings.GEOCODER_ONLINE = False
    found = place_geocode(query="gumru")
    assert [c.place for c in found] == ["gyumri"]
    assert "only the atlas's own gazetteer was searched" in found.notice


def test_online_geocoder_adds_its_candidates_after_the_gazetteer(gyumri):
    fake = FakeGeocoder(answers=[("Gyumri, Shirak, Armenia", 40.7894, 43.8475), ("Gumri, Iraq", 36.1, 44.0)])
    found = place_geocode(query="Gumru", geocoder=fake)
    assert [c.source for c in found] == ["atlas", "online", "online"]
    assert found[1].name == "Gyumri, Shirak, Armenia"
    assert (found[1].latitude, found[1].longitude) == (40.7894, 43.8475)
    assert found.notice is None
    (query, options), *_ = fake.asked
    assert query == "Gumru"
    assert 0 < options["timeout"] <= 3


@pytest.mark.parametrize(
    "error", [GeocoderUnavailable("no route to host"), GeocoderTimedOut("timed out"), GeocoderServiceError("502")]
)
def test_offline_geocoder_leaves_the_gazetteer_answer_and_says_so(gyumri, error):
    found = place_geocode(query="alexandropol", geocoder=FakeGeocoder(error=error))
    assert [c.place for c in found] == ["gyumri"]
    assert found.notice == OFFLINE_NOTICE


CAUCASUS = {"tiflis": (41.69, 44.80), "erivan": (40.18, 44.51), "ganja": (40.68, 46.36), "derbent": (42.06, 48.29)}


@pytest.fixture
def caucasus():
    for slug, (latitude, longitude) in CAUCASUS.items():
        make_place(slug=slug, latitude=latitude, longitude=longitude)


def test_a_swapped_pair_is_warned_about_naming_the_place_and_the_fix(caucasus):
    baku = make_place(slug="baku", latitude=49.87, longitude=40.41)  # typed the wrong way round
    warning = place_swap_warning(place=baku)
    assert "baku" in warning
    assert "swap the latitude and longitude" in warning
    assert place_swap_warning(place=make_place(slug="baku-right", latitude=40.41, longitude=49.87)) is None


def test_a_close_pair_or_a_far_place_without_a_better_swap_is_not_doubted(caucasus):
    # Both readings lie among the places: nothing says which is right.
    assert place_swap_warning(place=make_place(slug="kars", latitude=40.6, longitude=43.1)) is None
    # Far from everything, and swapped no nearer: a real outlier.
    assert place_swap_warning(place=make_place(slug="moscow", latitude=55.75, longitude=37.62)) is None
