import datetime as dt

import pytest
from django.utils import translation

from common import calendars
from common.calendars import (
    RUSSIAN_SWITCH,
    Calendar,
    CalendarDate,
    CalendarError,
    equivalents,
    format_calendar_date,
    from_gregorian,
    month_name,
    parse_calendar_date,
    rumi_year_start_ambiguous,
    russian_old_style_applies,
    to_gregorian,
    to_gregorian_alternatives,
)

J, R, H, G = Calendar.JULIAN, Calendar.RUMI, Calendar.HIJRI, Calendar.GREGORIAN


def every_day(start: dt.date, end: dt.date):
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


# Julian (Old Style)


@pytest.mark.parametrize(
    ("julian", "gregorian"),
    [
        ((1914, 10, 20), dt.date(1914, 11, 2)),
        ((1918, 1, 31), dt.date(1918, 2, 13)),
        ((1900, 2, 29), dt.date(1900, 3, 13)),
        ((1919, 12, 31), dt.date(1920, 1, 13)),
        ((1917, 12, 19), dt.date(1918, 1, 1)),
    ],
)
def test_julian_known_pairs_convert_both_ways(julian, gregorian):
    assert to_gregorian(J, *julian) == gregorian
    assert from_gregorian(J, gregorian) == CalendarDate(J, *julian)


def test_russia_used_old_style_until_the_day_before_14_february_1918():
    last_old_style_day = to_gregorian(J, 1918, 1, 31)
    assert last_old_style_day + dt.timedelta(days=1) == RUSSIAN_SWITCH == dt.date(1918, 2, 14)
    assert russian_old_style_applies(last_old_style_day)
    assert not russian_old_style_applies(RUSSIAN_SWITCH)


def test_29_february_1900_exists_in_julian_but_not_in_gregorian():
    assert to_gregorian(J, 1900, 2, 29) == dt.date(1900, 3, 13)
    with pytest.raises(CalendarError, match="1900 was a leap year only in the Julian calendar"):
        to_gregorian(G, 1900, 2, 29)


# Rumi


@pytest.mark.parametrize(
    ("rumi", "gregorian"),
    [
        ((1336, 4, 23), dt.date(1920, 4, 23)),
        ((1336, 11, 5), dt.date(1920, 11, 5)),
        ((1333, 3, 1), dt.date(1917, 3, 1)),
        ((1332, 2, 15), dt.date(1917, 2, 28)),
        ((1332, 3, 1), dt.date(1916, 3, 14)),
        ((1331, 2, 29), dt.date(1916, 3, 13)),
        ((1335, 12, 31), dt.date(1919, 12, 31)),
        ((1337, 1, 20), dt.date(1921, 1, 20)),  # the 1921 constitution, dated 20 Kânunusani 1337
    ],
)
def test_rumi_known_pairs_convert_both_ways(rumi, gregorian):
    assert to_gregorian(R, *rumi) == gregorian
    assert from_gregorian(R, gregorian) == CalendarDate(R, *rumi)


def test_rumi_before_the_reform_is_the_julian_day_and_month():
    assert to_gregorian(R, 1332, 2, 15) == to_gregorian(J, 1917, 2, 15)
    assert to_gregorian(R, 1332, 3, 1) == to_gregorian(J, 1916, 3, 1)
    # Şubat 1331 fell in 1916, a Julian leap year, so it had a 29th.
    assert to_gregorian(R, 1331, 2, 29) == to_gregorian(J, 1916, 2, 29)


def test_the_1917_reform_follows_15_subat_1332_with_1_mart_1333():
    assert to_gregorian(R, 1332, 2, 15) + dt.timedelta(days=1) == to_gregorian(R, 1333, 3, 1)
    for day in (16, 28, 29):
        with pytest.raises(CalendarError, match="1917 calendar reform"):
            to_gregorian(R, 1332, 2, day)


def test_before_1917_the_rumi_year_changes_on_1_mart():
    assert from_gregorian(R, dt.date(1916, 3, 13)) == CalendarDate(R, 1331, 2, 29)
    assert from_gregorian(R, dt.date(1916, 3, 14)) == CalendarDate(R, 1332, 3, 1)
    assert from_gregorian(R, dt.date(1915, 3, 13)) == CalendarDate(R, 1330, 2, 28)
    assert from_gregorian(R, dt.date(1915, 3, 14)) == CalendarDate(R, 1331, 3, 1)


def test_after_1917_the_rumi_year_changes_on_1_kanunusani_by_default():
    assert from_gregorian(R, dt.date(1919, 12, 31)) == CalendarDate(R, 1335, 12, 31)
    assert from_gregorian(R, dt.date(1920, 1, 1)) == CalendarDate(R, 1336, 1, 1)
    assert from_gregorian(R, dt.date(1918, 1, 1)) == CalendarDate(R, 1334, 1, 1)


def test_kanunusani_1336_is_january_1920_with_fiscal_year_january_1921_as_the_alternative():
    assert to_gregorian(R, 1336, 1, 1) == dt.date(1920, 1, 1)
    assert to_gregorian_alternatives(R, 1336, 1, 1) == [dt.date(1920, 1, 1), dt.date(1921, 1, 1)]
    assert rumi_year_start_ambiguous(CalendarDate(R, 1336, 1, 1))


@pytest.mark.parametrize(
    ("rumi", "ambiguous"),
    [
        ((1334, 1, 1), True),  # January 1918 by default
        ((1341, 2, 28), True),  # February 1925 by default
        ((1336, 3, 1), False),  # Mart–Kânunuevvel mean the same under both readings
        ((1336, 12, 31), False),
        ((1342, 1, 1), False),  # 1926: Gregorian year numbers by law
        ((1331, 1, 15), False),  # before the reform the year always began on 1 Mart
        ((1333, 1, 1), False),  # 1333 lasted Mart–Kânunuevvel, so only the fiscal reading has this day
    ],
)
def test_only_kanunusani_and_subat_1918_to_1925_have_two_readings(rumi, ambiguous):
    assert rumi_year_start_ambiguous(CalendarDate(R, *rumi)) is ambiguous
    assert len(to_gregorian_alternatives(R, *rumi)) == (2 if ambiguous else 1)


def test_a_rumi_day_only_one_reading_has_is_returned_alone():
    assert to_gregorian_alternatives(R, 1336, 2, 29) == [dt.date(1920, 2, 29)]
    assert to_gregorian_alternatives(R, 1339, 2, 29) == [dt.date(1924, 2, 29)]  # fiscal reading only
    assert to_gregorian(R, 1333, 1, 1) == dt.date(1918, 1, 1)


def test_gregorian_and_julian_calendars_have_no_alternatives():
    assert to_gregorian_alternatives(G, 1920, 1, 1) == [dt.date(1920, 1, 1)]
    assert not rumi_year_start_ambiguous(CalendarDate(G, 1920, 1, 1))


# Hijri


def test_5_november_1920_is_22_safer_1339_in_the_tabular_hijri_calendar():
    assert from_gregorian(H, dt.date(1920, 11, 5)) == CalendarDate(H, 1339, 2, 22)
    assert to_gregorian(H, 1339, 2, 22) == dt.date(1920, 11, 5)


def test_a_hijri_30th_in_a_29_day_month_explains_moon_sighting():
    with pytest.raises(CalendarError, match=r"Safar 1339 has 29 days.*sighted 30 days long.*±2 days"):
        to_gregorian(H, 1339, 2, 30)


# Round trips


@pytest.mark.parametrize("calendar", list(Calendar))
def test_every_day_from_1914_to_1926_survives_a_round_trip(calendar):
    previous = None
    for day in every_day(dt.date(1914, 1, 1), dt.date(1926, 12, 31)):
        written = from_gregorian(calendar, day)
        assert to_gregorian(calendar, written.year, written.month, written.day) == day, written
        assert written != previous
        previous = written


# Errors


@pytest.mark.parametrize(
    ("calendar", "date", "message"),
    [
        (R, (1336, 13, 1), r"Rumi months are numbered 1–12 \(1 = Kânunusani"),
        (J, (1914, 0, 1), "Julian months are numbered 1–12"),
        (R, (1331, 2, 30), "Şubat 1331 has 29 days in the Rumi calendar, so day 30 does not exist"),
        (R, (1337, 2, 29), "Şubat 1337 has 28 days"),
        (R, (1336, 4, 31), "Nisan 1336 has 30 days"),
        (G, (1920, 2, 30), "February 1920 has 29 days"),
        (J, (1919, 9, 31), "September 1919 has 30 days"),
        (H, (1339, 1, 0), "use a day from 1 to"),
        (J, (9999, 12, 31), "outside the years"),
    ],
)
def test_impossible_dates_raise_an_error_that_says_what_to_fix(calendar, date, message):
    with pytest.raises(CalendarError, match=message):
        to_gregorian(calendar, *date)
    with pytest.raises(CalendarError):
        CalendarDate(calendar, *date)


def test_an_unknown_calendar_lists_the_known_ones():
    with pytest.raises(CalendarError, match="gregorian, julian, rumi, hijri"):
        to_gregorian("coptic", 1636, 1, 1)


# Names and formatting


def test_month_names_in_turkish_and_english():
    assert [month_name(G, m, "tr") for m in (1, 11)] == ["Ocak", "Kasım"]
    assert month_name(J, 10, "en") == "October" and month_name(J, 10, "tr") == "Ekim"
    assert month_name(R, 1, "tr") == month_name(R, 1, "en") == "Kânunusani"
    assert month_name(R, 3, "tr") == "Mart" and month_name(R, 11, "en") == "Teşrinisani"
    assert month_name(H, 3, "tr") == "Rebiülevvel" and month_name(H, 3, "en") == "Rabi' al-awwal"
    assert month_name(H, 11, "en") == "Dhu al-Qi'dah"


@pytest.mark.parametrize(
    ("date", "tr", "en"),
    [
        (CalendarDate(R, 1336, 11, 5), "5 Teşrinisani 1336 (Rumî)", "5 Teşrinisani 1336 (Rumi)"),
        (CalendarDate(J, 1914, 10, 20), "20 Ekim 1914 (Jülyen)", "20 October 1914 (Old Style)"),
        (CalendarDate(H, 1339, 2, 22), "22 Safer 1339 (Hicrî)", "22 Safar 1339 AH"),
        (CalendarDate(G, 1920, 11, 5), "5 Kasım 1920", "5 November 1920"),
    ],
)
def test_dates_are_formatted_as_historians_write_them(date, tr, en):
    assert format_calendar_date(date, "tr") == tr
    assert format_calendar_date(date, "en") == en


def test_the_calendar_name_can_be_left_off_and_the_language_follows_the_active_one():
    assert format_calendar_date(CalendarDate(R, 1336, 11, 5), "tr", with_calendar_name=False) == ("5 Teşrinisani 1336")
    with translation.override("en"):
        assert format_calendar_date(CalendarDate(J, 1914, 10, 20)) == "20 October 1914 (Old Style)"
    assert format_calendar_date(CalendarDate(J, 1914, 10, 20), "en-gb") == "20 October 1914 (Old Style)"


def test_a_language_without_calendar_words_reads_the_fallback_ones():
    assert format_calendar_date(CalendarDate(H, 1339, 2, 22), "de") == "22 Safar 1339 AH"


def test_a_third_language_is_one_table_of_words(monkeypatch):
    english = calendars.CALENDAR_WORDS["en"]
    german = calendars.CalendarWords(
        months={**english.months, G: ("Januar", *english.months[G][1:])},
        labels={**english.labels, J: " (alter Stil)"},
    )
    monkeypatch.setitem(calendars.CALENDAR_WORDS, "de", german)
    assert format_calendar_date(CalendarDate(G, 1921, 1, 20), "de") == "20 Januar 1921"
    assert equivalents(dt.date(1920, 11, 5), "de")[J] == "23 October 1920 (alter Stil)"


def test_equivalents_give_the_julian_rumi_and_hijri_forms_of_a_gregorian_day():
    assert equivalents(dt.date(1920, 11, 5), "tr") == {
        J: "23 Ekim 1920 (Jülyen)",
        R: "5 Teşrinisani 1336 (Rumî)",
        H: "22 Safer 1339 (Hicrî)",
    }
    assert equivalents(dt.date(1914, 11, 2), "en")[J] == "20 October 1914 (Old Style)"


# Parsing


@pytest.mark.parametrize(
    "text",
    [
        "23 Nisan 1336",
        "23.04.1336",
        "23/04/1336",
        "1336-04-23",
        "23 nisan 1336",
        " 23  NİSAN 1336 ",
        "23 Nisan 1336 (Rumî)",
        "23 Nisan 1336 Rumi",
    ],
)
def test_rumi_dates_parse_in_the_forms_historians_write(text):
    assert parse_calendar_date(text, R) == CalendarDate(R, 1336, 4, 23)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("5 Teşrinisani 1336", 11),
        ("5 teşrinisani 1336", 11),
        ("5 Tesrinisani 1336", 11),
        ("5 Teşrin-i Sani 1336", 11),
        ("5 Teşrin-i Sânî 1336", 11),
        ("5 İkinci Teşrin 1336", 11),
        ("5 Kasım 1336", 11),
        ("5 Kanunusani 1336", 1),
        ("5 Kânun-ı Sani 1336", 1),
        ("5 Kânun-u Sani 1336", 1),
        ("5 Kânun-ı Evvel 1336", 12),
        ("5 TEŞRİNİEVVEL 1336", 10),
    ],
)
def test_rumi_month_names_match_regardless_of_case_diacritics_and_hyphens(text, month):
    assert parse_calendar_date(text, R).month == month


def test_hijri_and_julian_names_parse_in_both_languages():
    assert parse_calendar_date("22 Safer 1339", H) == CalendarDate(H, 1339, 2, 22)
    assert parse_calendar_date("12 Rebi'ülevvel 1339", H).month == 3
    assert parse_calendar_date("1 Dhu al-Qi'dah 1338 AH", H).month == 11
    assert parse_calendar_date("20 October 1914", J) == parse_calendar_date("20 Ekim 1914", J)


@pytest.mark.parametrize("calendar", list(Calendar))
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_formatted_dates_parse_back_to_the_same_date(calendar, lang):
    for day in every_day(dt.date(1920, 1, 1), dt.date(1920, 12, 31)):
        written = from_gregorian(calendar, day)
        assert parse_calendar_date(format_calendar_date(written, lang), calendar) == written


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("", R, r"write day, month and year as '23 Nisan 1336', '23.04.1336' or '1336-04-23'"),
        ("Nisan 1336", R, "Cannot read 'Nisan 1336' as a Rumi date"),
        ("23 Nisann 1336", R, "'Nisann' is not a Rumi month; use one of Kânunusani, Şubat"),
        ("23 Nisan 1336 (Hicrî)", R, "does not name the Rumi calendar"),
        ("16 Şubat 1332", R, "1917 calendar reform"),
        ("31.04.1336", R, "Nisan 1336 has 30 days"),
        ("{x} {y}", J, r"Cannot read '\{x\} \{y\}'"),
    ],
)
def test_unreadable_or_impossible_text_raises_an_error_that_says_what_to_write(text, calendar, message):
    with pytest.raises(CalendarError, match=message):
        parse_calendar_date(text, calendar)


def test_a_day_before_the_common_era_is_shown_in_the_julian_calendar_only():
    """Julian dating is what such days carry; Rumi and Hijri had not begun."""
    from common.calendars import equivalents_in_use
    from common.dates import parse_day

    ides = parse_day("-0043-03-15")  # proleptic Gregorian; Julian 17 March 44 BC
    assert equivalents_in_use(ides, "en") == {Calendar.JULIAN: "17 March 44 BC (Old Style)"}
    assert equivalents_in_use(ides, "tr") == {Calendar.JULIAN: "17 Mart MÖ 44 (Jülyen)"}


def test_hijri_is_given_only_from_its_epoch():
    from common.calendars import equivalents_in_use
    from common.dates import parse_day

    assert equivalents_in_use(parse_day("0622-07-19"), "en")[Calendar.HIJRI] == "1 Muharram 1 AH"
    assert Calendar.HIJRI not in equivalents_in_use(parse_day("0622-07-18"), "en")
