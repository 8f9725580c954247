import datetime as dt
import random

import pytest

from common.dates import (
    InvalidDate,
    Precision,
    _parse_with_edtf,
    as_day_number,
    day_number,
    day_parts,
    is_window_set,
    iso_day,
    parse_date,
    parse_day,
)

D = day_number


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1920-11-05", D(1920, 11, 5), D(1920, 11, 5), Precision.DAY),
        ("1921-10", D(1921, 10, 1), D(1921, 10, 31), Precision.MONTH),
        ("1920-02", D(1920, 2, 1), D(1920, 2, 29), Precision.MONTH),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28), Precision.MONTH),
        ("1919", D(1919, 1, 1), D(1919, 12, 31), Precision.YEAR),
        ("1920-21", D(1920, 3, 1), D(1920, 5, 31), Precision.SEASON),
    ],
)
def test_precision_sets_the_first_and_last_possible_day(text, start, end, precision):
    bounds = parse_date(text)
    assert (bounds.start, bounds.end, bounds.precision) == (start, end, precision)
    assert not bounds.is_interval


def test_month_precision_date_is_not_read_as_its_first_day():
    october = parse_date("1921-10")
    assert october.start != october.end
    assert october.precision == Precision.MONTH


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("1920-09~", True, False), ("1919?", False, True), ("1917-12-18%", True, True), ("1920-09", False, False)],
)
def test_qualifiers_are_kept_and_do_not_move_the_bounds(text, approximate, uncertain):
    bounds = parse_date(text)
    plain = parse_date(text.rstrip("~?%"))
    assert (bounds.approximate, bounds.uncertain) == (approximate, uncertain)
    assert (bounds.start, bounds.end) == (plain.start, plain.end)


def test_interval_spans_from_first_day_of_start_to_last_day_of_end():
    bounds = parse_date("1920-11~/1921-03")
    assert (bounds.start, bounds.end) == (D(1920, 11, 1), D(1921, 3, 31))
    assert bounds.is_interval and bounds.approximate
    assert bounds.precision == Precision.MONTH


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1920-05-11/..", D(1920, 5, 11), None),
        ("1920-05/", D(1920, 5, 1), None),
        ("../1920", None, D(1920, 12, 31)),
        ("/1920-03-16", None, D(1920, 3, 16)),
    ],
)
def test_open_or_unknown_end_has_no_bound_on_that_side(text, start, end):
    bounds = parse_date(text)
    assert (bounds.start, bounds.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "required"),
        ("5 November 1920", "not a valid EDTF"),
        ("1920-13", "not a valid EDTF"),
        ("1920-02-30", "not a valid EDTF"),
        ("1900-02-29", "does not exist"),
        ("1921/1920", "ends before it starts"),
        ("../..", "neither a start nor an end"),
        ("[1920,1921]", "as that window"),
        ("{1920,1921}", "as that window"),
        ("[..1920]", "both ends"),
        ("[1924-03..1920-09]", "ends before it starts"),
        ("[1920-13..1921]", "not a valid EDTF"),
        # Years that never were, long years written wrong, and forms that are not EDTF: each says what to write.
        ("Y-15000000000", "before the universe began"),
        ("Y-15E9", "before the universe began"),
        ("Y20000000000", "Y-14000000000 to Y14000000000"),
        ("-12000", "write it with EDTF's Y: Y-12000"),
        ("Y-1.38E10", "Y-138E8"),
        ("Y-9500", "written without Y: -9500"),
        ("Y171010000S3", "significant digits"),
        ("Y-12000~", "no month, day, ~ or ?"),
        ("Y-12000-03", "no month, day, ~ or ?"),
        ("Y-4500000000/Y-4600000000", "ends before it starts"),
        ("-0000", "writes 1 BC as 0000"),
        ("-0043-02-29", "does not exist"),  # -43 (44 BC) is not a leap year; -44 is
        ("XXXX", "write a year of four digits"),
        ("../XXXX", "write a year of four digits"),
    ],
)
def test_bad_date_strings_are_rejected_with_what_to_fix(text, says):
    with pytest.raises(InvalidDate, match=says):
        parse_date(text)


def test_the_first_and_last_years_the_timeline_holds_are_placed():
    assert iso_day(parse_date("-9999").start) == "-9999-01-01"
    assert iso_day(parse_date("9999-12/..").start) == "9999-12-01"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Y-13800000000", "-13800000000-01-01", "-13800000000-12-31"),  # the Big Bang
        ("Y-138E8", "-13800000000-01-01", "-13800000000-12-31"),  # the same, in the exponent form
        ("Y-17E7", "-170000000-01-01", "-170000000-12-31"),
        ("Y170000002", "170000002-01-01", "170000002-12-31"),
        ("Y-315000", "-315000-01-01", "-315000-12-31"),
        ("Y-4600000000/Y-4500000000", "-4600000000-01-01", "-4500000000-12-31"),
        ("Y-300000/1920-11-05", "-300000-01-01", "1920-11-05"),
        ("Y-2500000/..", "-2500000-01-01", None),
    ],
)
def test_long_years_are_placed_as_whole_years(text, first, last):
    bounds = parse_date(text)
    assert (iso_day(bounds.start), iso_day(bounds.end), bounds.precision) == (first, last, Precision.YEAR)


def test_deep_time_sorts_before_history():
    texts = ["1920", "-0043", "Y-315000", "Y-13800000000", "Y-17E7", "Y-4600000000"]
    assert sorted(texts, key=lambda text: parse_date(text).start) == [
        "Y-13800000000",
        "Y-4600000000",
        "Y-17E7",
        "Y-315000",
        "-0043",
        "1920",
    ]


def test_day_numbers_agree_with_the_calendar_across_the_four_digit_years():
    """The integer arithmetic that reaches the Big Bang gives every four-digit year's days as convertdate does."""
    from convertdate import gregorian

    for year in range(-9999, 10000, 37):
        for month, day in ((1, 1), (2, 28), (3, 1), (12, 31)):
            number = day_number(year, month, day)
            assert number == int(gregorian.to_jd(year, month, day) + 0.5)
            assert day_parts(number) == (year, month, day)


def test_records_without_deep_time_columns_refuse_long_years_saying_so():
    with pytest.raises(InvalidDate, match="only events hold it"):
        parse_date("Y-12000", long_years=False)
    assert parse_date("-9999", long_years=False).start == day_number(-9999, 1, 1)


def test_leap_day_exists_in_1920():  # and not in 1900: see the bad date strings above
    assert parse_date("1920-02-29").start == D(1920, 2, 29)


def _random_simple_date(rng: random.Random) -> str:
    year = rng.choice([rng.randint(1800, 2000), rng.randint(-2000, 999)])
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    written = f"{'-' if year < 0 else ''}{abs(year):04d}"
    text = rng.choice([written, f"{written}-{month:02d}", f"{written}-{month:02d}-{day:02d}"])
    return text + rng.choice(["", "", "~", "?", "%"])


def test_fast_path_agrees_with_the_edtf_parser_on_every_form_it_handles():
    rng = random.Random(20)
    samples = [_random_simple_date(rng) for _ in range(60)]
    samples += [f"{a.rstrip('~?%')}/{b}" for a, b in zip(samples[:20], samples[20:40], strict=True)]
    for text in samples:
        try:
            expected = _parse_with_edtf(text)
        except InvalidDate:
            with pytest.raises(InvalidDate):
                parse_date(text)
            continue
        assert parse_date(text) == expected, text


def _seed_dates() -> list[str]:
    import yaml
    from django.conf import settings

    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("date", "born", "died") and value:
                    found.append(str(value))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(settings.CORPUS_DIR.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_every_date_form_the_seed_corpus_uses_has_sound_bounds():
    dates = _seed_dates()
    assert len(dates) > 100
    forms = {}
    for text in dates:
        bounds = parse_date(text)
        assert bounds.start is None or bounds.end is None or bounds.start <= bounds.end, text
        form = "".join("9" if c.isdigit() else c for c in text)
        forms.setdefault(form, text)
    for form, text in forms.items():  # one of each shape, checked against the edtf parser itself
        assert parse_date(text) == _parse_with_edtf(text), (form, text)
    assert {"9999-99-99", "9999-99", "9999", "9999-99-99/9999-99-99"} <= set(forms)


def test_day_numbers_are_julian_day_numbers():
    """The scale historians and astronomers share: JDN 2451545 is 1 January 2000, 0 is 24 November 4714 BC."""
    assert day_number(2000, 1, 1) == 2451545
    assert day_parts(0) == (-4713, 11, 24)
    assert as_day_number(dt.date(1920, 11, 5)) == day_number(1920, 11, 5)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("-0043-03-15", "-0043-03-15", "-0043-03-15", Precision.DAY),  # the Ides of March, 44 BC
        ("-0043", "-0043-01-01", "-0043-12-31", Precision.YEAR),
        ("-0044-02", "-0044-02-01", "-0044-02-29", Precision.MONTH),  # 45 BC: a proleptic Gregorian leap year
        ("-0043-02", "-0043-02-01", "-0043-02-28", Precision.MONTH),
        ("-0100-02", "-0100-02-01", "-0100-02-28", Precision.MONTH),  # centuries leap only by 400
        ("-0400-02", "-0400-02-01", "-0400-02-29", Precision.MONTH),
        ("0000", "0000-01-01", "0000-12-31", Precision.YEAR),  # 1 BC
        ("0632-06-08", "0632-06-08", "0632-06-08", Precision.DAY),
        ("0632", "0632-01-01", "0632-12-31", Precision.YEAR),
        ("-0500/-0400", "-0500-01-01", "-0400-12-31", Precision.YEAR),
        ("-0044~", "-0044-01-01", "-0044-12-31", Precision.YEAR),
        ("-0044-21", "-0044-03-01", "-0044-05-31", Precision.SEASON),
        ("-0044-03-XX", "-0044-03-01", "-0044-03-31", Precision.MONTH),
        ("-004X", "-0049-01-01", "-0040-12-31", Precision.RANGE),
        ("../-0044", None, "-0044-12-31", Precision.YEAR),
    ],
)
def test_dates_before_the_common_era_and_small_years_have_their_days(text, first, last, precision):
    bounds = parse_date(text)
    assert (iso_day(bounds.start), iso_day(bounds.end), bounds.precision) == (first, last, precision)


def test_bce_days_come_before_the_era_in_order():
    days = [parse_date(text).start for text in ("-0500", "-0043-03-15", "0000-12-31", "0001-01-01", "1920")]
    assert days == sorted(days)
    assert parse_date("0001-01-01").start - parse_date("0000-12-31").start == 1


def test_bce_dates_keep_their_qualifiers():
    bounds = parse_date("-0044~")
    assert bounds.approximate and not bounds.uncertain


@pytest.mark.parametrize(
    "text", ["-0043-03-15", "0000-02-29", "0632-06-08", "1920-11-05", "-9999-01-01", "-13800000000-01-01"]
)
def test_iso_day_writes_back_what_parse_day_reads(text):
    assert iso_day(parse_day(text)) == text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1920-13-01", "does not exist"),
        ("-43-03-15", "YYYY-MM-DD"),
        ("-0043-02-29", "does not exist"),
        ("-0000-01-01", "0000"),
    ],
)
def test_a_bad_day_says_how_to_write_one(text, says):
    with pytest.raises(InvalidDate, match=says):
        parse_day(text)


def test_a_window_is_one_happening_within_its_bounds_not_an_interval():
    bounds = parse_date("[1920-09..1924-03]")
    assert (iso_day(bounds.start), iso_day(bounds.end)) == ("1920-09-01", "1924-03-31")
    assert not bounds.is_interval
    assert is_window_set("[1920-09..1924-03]") and not is_window_set("1920-09/1924-03")
    assert parse_date("[1920-09~..1920-12]").approximate
