"""Names through time: the name a reader of a language met for a place on a day.

The rule is written out in geography/names.py; these tests use a made-up town so that they hold for any
corpus, and then check the seed corpus gives its readers the names of 1920.
"""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from common.dates import day_number, parse_date, parse_day
from geography.names import Name, PlaceNaming, name_on, name_periods, prose_names, prose_names_fixed

D = day_number
DAY_IN_1920 = D(1920, 11, 7)
TODAY = D(2020, 1, 1)

# A made-up town: Turkish readers always called it Kalepınar; English readers said Fort Ambrose until
# 1930; its rulers' language (xx) named it Ambrosiopol until 1924 and Novograd after; from 1990 one
# official name, Stonewell, is used in every language.
LABEL = {"tr": "Kalepınar", "en": "Kalepinar"}
TOWN = [
    Name("Kalepınar", "tr", None, None, dated=False),
    Name("Fort Ambrose", "en", None, D(1930, 12, 31), dated=True),
    Name("Ambrosiopol", "xx", D(1837, 1, 1), D(1924, 1, 31), dated=True),
    Name("Novograd", "xx", D(1924, 1, 1), D(1989, 12, 31), dated=True),
    Name("Stonewell", "", D(1990, 1, 1), None, dated=True),
]


def test_a_reader_meets_the_name_their_own_language_used_then():
    assert name_on(LABEL, TOWN, DAY_IN_1920, "en") == "Fort Ambrose"
    assert name_on(LABEL, TOWN, DAY_IN_1920, "tr") == "Kalepınar"


def test_without_a_name_in_their_language_a_reader_meets_the_places_own_name_not_an_exonym():
    """In 1950 English has no name of its own in use; the rulers' Novograd is not English, so the label."""
    assert name_on(LABEL, TOWN, D(1950, 1, 1), "en") == "Kalepinar"


def test_another_languages_dated_name_is_never_shown():
    only_foreign = [Name("Smyrni", "el", None, D(1930, 12, 31), dated=True)]
    assert name_on({"tr": "İzmir", "en": "Izmir"}, only_foreign, DAY_IN_1920, "tr") == "İzmir"
    assert name_on({"tr": "İzmir", "en": "Izmir"}, only_foreign, DAY_IN_1920, "en") == "Izmir"


def test_a_name_for_any_language_is_met_when_the_readers_own_language_has_none():
    assert name_on(LABEL, TOWN, TODAY, "en") == "Stonewell"


def test_an_undated_name_for_any_language_is_honoured_too():
    official = [Name("Stonewell", "", None, None, dated=False)]
    assert name_on(LABEL, official, DAY_IN_1920, "en") == "Stonewell"


def test_the_readers_own_language_comes_before_a_name_for_any_language():
    assert name_on(LABEL, TOWN, TODAY, "tr") == "Kalepınar"


def test_where_names_of_one_language_touch_the_newer_one_wins():
    touching = [
        Name("Oldtown", "en", None, D(1924, 12, 31), dated=True),
        Name("Newtown", "en", D(1924, 1, 1), None, dated=True),
    ]
    assert name_on(LABEL, touching, D(1924, 6, 1), "en") == "Newtown"


def test_a_place_without_names_keeps_its_own_name():
    assert name_on({"tr": "Kars", "en": "Kars"}, [], DAY_IN_1920, "en") == "Kars"


def test_periods_cover_all_time_and_agree_with_name_on_every_boundary():
    periods = name_periods(LABEL, TOWN, "en")
    assert [p["name"] for p in periods] == ["Fort Ambrose", "Kalepinar", "Stonewell"]
    assert periods[0]["start"] is None and periods[-1]["end"] is None
    for period in periods:
        for side in ("start", "end"):
            if period[side]:
                assert name_on(LABEL, TOWN, parse_day(period[side]), "en") == period["name"]


def test_turkish_periods_collapse_to_one_name():
    assert name_periods(LABEL, TOWN, "tr") == [{"start": None, "end": None, "name": "Kalepınar"}]


def seed_place(slug: str) -> tuple[dict, list[Name]]:
    """The place as the seed corpus's YAML gives it: its label and its names through time."""
    for path in Path(settings.CORPUS_DIR).glob("*.yaml"):
        for place in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("places", []):
            if place["slug"] == slug:
                names = []
                for item in place.get("names") or []:
                    bounds = parse_date(str(item["date"])) if item.get("date") else None
                    start, end = (bounds.start, bounds.end) if bounds else (None, None)
                    names.append(Name(item["name"], item.get("language") or "", start, end, bool(bounds)))
                return place["name"], names
    pytest.fail(f"the seed corpus has no place {slug!r}")


@pytest.mark.parametrize(
    ("slug", "lang", "name"),
    [
        ("izmir", "tr", "İzmir"),
        ("izmir", "en", "Smyrna"),
        ("istanbul", "tr", "İstanbul"),
        ("istanbul", "en", "Constantinople"),
        ("batumi", "en", "Batum"),
        ("yerevan", "en", "Erivan"),
        ("gyumri", "en", "Alexandropol"),
        ("gyumri", "tr", "Gümrü"),
        ("tbilisi", "en", "Tiflis"),
    ],
)
def test_seed_readers_of_1920_meet_the_names_of_1920(slug, lang, name):
    label, names = seed_place(slug)
    assert name_on(label, names, DAY_IN_1920, lang) == name


@pytest.mark.parametrize(("slug", "name"), [("batumi", "Batumi"), ("yerevan", "Yerevan"), ("gyumri", "Gyumri")])
def test_seed_english_readers_of_today_meet_todays_names(slug, name):
    label, names = seed_place(slug)
    assert name_on(label, names, TODAY, "en") == name


def test_seed_istanbul_is_labelled_istanbul_in_turkish_and_keeps_dersaadet_as_a_historical_name():
    label, names = seed_place("istanbul")
    assert label["tr"] == "İstanbul"
    assert "Dersaadet" in [n.name for n in names]
    assert {name_on(label, names, day, "tr") for day in (DAY_IN_1920, TODAY)} == {"İstanbul"}


def test_names_from_before_the_common_era_have_their_periods_too():
    """Byzantion was founded long before year 1: its periods start and end on days before the era."""
    names = [
        Name("Byzantion", "en", D(-666, 1, 1), D(329, 12, 31), dated=True),
        Name("Constantinople", "en", D(330, 1, 1), D(1929, 12, 31), dated=True),
    ]
    label = {"en": "Istanbul"}
    assert name_on(label, names, parse_day("-0043-03-15"), "en") == "Byzantion"
    assert name_periods(label, names, "en")[:2] == [
        {"start": None, "end": "-0667-12-31", "name": "Istanbul"},
        {"start": "-0666-01-01", "end": "0329-12-31", "name": "Byzantion"},
    ]


# Prose follows the map's rule: the made-up town in an English text about 1920 is Fort Ambrose, with today's
# Stonewell in parentheses at the first mention.
TOWN_NAMING = [PlaceNaming("town", LABEL, TOWN)]


def _said(text: str, lang: str = "en", day: int = DAY_IN_1920, **options) -> list[str]:
    return [str(problem) for problem in prose_names(text, lang, day, TOWN_NAMING, **options)]


def test_prose_that_names_the_place_as_the_map_does_that_day_passes():
    assert _said("Fort Ambrose (Stonewell) fell; Fort Ambrose was rebuilt.") == []


def test_prose_that_uses_todays_name_for_1920_is_told_the_name_of_the_day():
    assert _said("Stonewell fell in 1920.") == [
        "says 'Stonewell' where the map says 'Fort Ambrose': "
        "write 'Fort Ambrose (Stonewell)' at the first mention, then 'Fort Ambrose'"
    ]


def test_prose_in_one_language_is_not_held_to_another_languages_name():
    # The Turkish reader met Kalepınar; Fort Ambrose in a Turkish text is the wrong name.
    assert _said("Kalepınar'a varıldı.", "tr") == []
    assert len(_said("Fort Ambrose'a varıldı.", "tr")) == 1


def test_the_first_mention_needs_todays_name_in_parentheses_but_a_title_does_not():
    assert _said("Fort Ambrose fell.") == [
        "the first mention of Fort Ambrose needs today's name after it: write 'Fort Ambrose (Stonewell)'"
    ]
    assert _said("The fall of Fort Ambrose", gloss=False) == []


def test_the_rewrite_gives_the_days_name_and_glosses_only_the_first_mention():
    text = "Stonewell fell; Kalepinar (Stonewell) burned; Stonewell's walls"
    fixed = prose_names_fixed(text, "en", DAY_IN_1920, TOWN_NAMING)
    assert fixed == "Fort Ambrose (Stonewell) fell; Fort Ambrose burned; Fort Ambrose's walls"
    assert prose_names(fixed, "en", DAY_IN_1920, TOWN_NAMING) == []


def test_a_name_is_read_as_a_whole_word_so_batum_is_not_found_in_batumi():
    port = [PlaceNaming("port", {"en": "Batumi"}, [Name("Batum", "en", None, D(1936, 12, 31), dated=True)])]
    assert [p.written for p in prose_names("Batumi, not Batum (Batumi)", "en", DAY_IN_1920, port)] == ["Batumi"]
