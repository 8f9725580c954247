import datetime as dt
import random

import pytest

from common.dates import InvalidDate, Precision, _parse_with_edtf, parse_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1920-11-05", dt.date(1920, 11, 5), dt.date(1920, 11, 5), Precision.DAY),
        ("1921-10", dt.date(1921, 10, 1), dt.date(1921, 10, 31), Precision.MONTH),
        ("1920-02", dt.date(1920, 2, 1), dt.date(1920, 2, 29), Precision.MONTH),
        ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28), Precision.MONTH),
        ("1919", dt.date(1919, 1, 1), dt.date(1919, 12, 31), Precision.YEAR),
        ("1920-21", dt.date(1920, 3, 1), dt.date(1920, 5, 31), Precision.SEASON),
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
    assert (bounds.start, bounds.end) == (dt.date(1920, 11, 1), dt.date(1921, 3, 31))
    assert bounds.is_interval and bounds.approximate
    assert bounds.precision == Precision.MONTH


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1920-05-11/..", dt.date(1920, 5, 11), None),
        ("1920-05/", dt.date(1920, 5, 1), None),
        ("../1920", None, dt.date(1920, 12, 31)),
        ("/1920-03-16", None, dt.date(1920, 3, 16)),
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
        ("[1920,1921]", "interval instead"),
        # Years `datetime.date` cannot hold escaped as a bare ValueError (a 500 in the admin).
        ("0000", "write a year from 0001 to 9999"),
        ("0000-01-01", "write a year from 0001 to 9999"),
        ("0000~", "write a year from 0001 to 9999"),
        ("0000/1920", "write a year from 0001 to 9999"),
        ("1920/0000", "write a year from 0001 to 9999"),
        ("../0000", "write a year from 0001 to 9999"),
        ("0000-02-29", "write a year from 0001 to 9999"),
        ("-0001", "write a year from 0001 to 9999"),
        ("XXXX", "write a year from 0001 to 9999"),
    ],
)
def test_bad_date_strings_are_rejected_with_what_to_fix(text, says):
    with pytest.raises(InvalidDate, match=says):
        parse_date(text)


def test_the_first_and_last_years_the_timeline_holds_are_placed():
    assert (parse_date("0001").start, parse_date("9999-12/..").start) == (dt.date(1, 1, 1), dt.date(9999, 12, 1))


def test_leap_day_exists_in_1920():  # and not in 1900: see the bad date strings above
    assert parse_date("1920-02-29").start == dt.date(1920, 2, 29)


def _random_simple_date(rng: random.Random) -> str:
    year = rng.randint(1800, 2000)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    text = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
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
