"""Names through time: the name a place bore on a day, in the reader's language."""

import datetime as dt

from geography.names import Name, name_on, name_periods

D = dt.date
GYUMRI_DEFAULT = {"tr": "Gümrü", "en": "Gyumri"}
GYUMRI = [
    Name("Gümrü", "tr", None, None, dated=False),
    Name("Alexandropol", "ru", D(1837, 1, 1), D(1924, 12, 31), dated=True),
    Name("Leninakan", "ru", D(1924, 1, 1), D(1990, 12, 31), dated=True),
    Name("Kumayri", "hy", D(1990, 1, 1), D(1992, 12, 31), dated=True),
    Name("Gyumri", "hy", D(1992, 1, 1), None, dated=True),
]


def test_an_english_reader_meets_alexandropol_in_1920_leninakan_in_1930_and_gyumri_today():
    assert name_on(GYUMRI_DEFAULT, GYUMRI, D(1920, 11, 7), "en") == "Alexandropol"
    assert name_on(GYUMRI_DEFAULT, GYUMRI, D(1930, 1, 1), "en") == "Leninakan"
    assert name_on(GYUMRI_DEFAULT, GYUMRI, D(2020, 1, 1), "en") == "Gyumri"


def test_a_turkish_reader_meets_the_turkish_name_whenever_there_is_one():
    assert name_on(GYUMRI_DEFAULT, GYUMRI, D(1920, 11, 7), "tr") == "Gümrü"


def test_where_names_overlap_the_newer_one_wins():
    assert name_on(GYUMRI_DEFAULT, GYUMRI, D(1924, 6, 1), "en") == "Leninakan"


def test_a_place_without_dated_names_keeps_its_own_name():
    assert name_on({"tr": "Kars", "en": "Kars"}, [], D(1920, 1, 1), "en") == "Kars"


def test_periods_cover_all_time_and_agree_with_name_on_every_boundary():
    periods = name_periods(GYUMRI_DEFAULT, GYUMRI, "en")
    assert [p["name"] for p in periods] == ["Gyumri", "Alexandropol", "Leninakan", "Kumayri", "Gyumri"]
    assert periods[0]["start"] is None and periods[-1]["end"] is None
    for period in periods:
        for side in ("start", "end"):
            if period[side]:
                assert name_on(GYUMRI_DEFAULT, GYUMRI, D.fromisoformat(period[side]), "en") == period["name"]


def test_turkish_periods_collapse_to_one_name():
    assert name_periods(GYUMRI_DEFAULT, GYUMRI, "tr") == [{"start": None, "end": None, "name": "Gümrü"}]
