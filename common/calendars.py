"""Dates as the sources wrote them: Julian (Old Style), Ottoman Rumi and Hijri, to and from Gregorian.

`convertdate` does the Julian and Hijri arithmetic; this module adds what it does not know — the Rumi
calendar and its 1917 reform — plus month names (one table per language), formatting and parsing, and
errors that say what to fix. Rumi months are numbered like Julian ones (1 = Kânunusani, 3 = Mart,
12 = Kânunuevvel), as historians write them numerically (23.04.1336 = 23 Nisan 1336).
"""

# Turkish month names need ı, and date ranges read best with en dashes.
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from enum import StrEnum

from convertdate import islamic, julian
from django.utils import translation

from common.dates import as_day_number, date_of


class Calendar(StrEnum):
    GREGORIAN = "gregorian"
    JULIAN = "julian"
    RUMI = "rumi"
    HIJRI = "hijri"


class CalendarError(ValueError):
    """A date no calendar can place; the message says what to fix."""


# Russia's last Old Style day was 31 January 1918 (Julian) = 13 February 1918; this was the next day.
RUSSIAN_SWITCH = dt.date(1918, 2, 14)
# First day of the Gregorian-based Rumi calendar: Law 125 of 8 Şubat 1332 made the day after
# 15 Şubat 1332 (= 28 February 1917) be 1 Mart 1333, dropping the 13 days Julian was behind.
RUMI_REFORM = dt.date(1917, 3, 1)
# Ottoman documents dated Hijri months by moon sighting; convertdate's tabular calendar can be a day or
# two off, so treat every Hijri ↔ Gregorian conversion as ± this many days.
HIJRI_TOLERANCE_DAYS = 2

# Rumi Kânunusani–Şubat after the reform (see _rumi_readings). Default: from 1334 (1918) the year
# number changed on 1 Kânunusani, so Rumi = Gregorian − 584 all year and 1333 lasted only ten months
# (Mart–Kânunuevvel 1917). Dated laws bear this out: the 1921 constitution (Teşkilât-ı Esasiye, Law 85)
# is dated 20 Kânunusani 1337 = 20 January 1921, not 1336. The standard guide for checking a conversion
# by hand is Faik Reşit Unat, *Hicrî Tarihleri Milâdî Tarihe Çevirme Kılavuzu* (Türk Tarih Kurumu).
# The fiscal year (mali sene) still began on 1 Mart, so budget and treasury papers may number
# Kânunusani–Şubat by it (Şubat 1337 = February 1922); that is the alternative reading, possible for
# Rumi years 1333–1341 (Jan–Feb 1918–1926), until Law 698 brought in Gregorian year numbers on
# 1 January 1926.
_RUMI_CIVIL_YEAR_FROM = 1334
_RUMI_FISCAL_YEARS = range(1333, 1342)

_GREGORIAN_TR = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
                 "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık")  # fmt: skip
_GREGORIAN_EN = ("January", "February", "March", "April", "May", "June",
                 "July", "August", "September", "October", "November", "December")  # fmt: skip
_RUMI = ("Kânunusani", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
         "Temmuz", "Ağustos", "Eylül", "Teşrinievvel", "Teşrinisani", "Kânunuevvel")  # fmt: skip
_HIJRI_TR = ("Muharrem", "Safer", "Rebiülevvel", "Rebiülahir", "Cemaziyelevvel", "Cemaziyelahir",
             "Recep", "Şaban", "Ramazan", "Şevval", "Zilkade", "Zilhicce")  # fmt: skip
_HIJRI_EN = ("Muharram", "Safar", "Rabi' al-awwal", "Rabi' al-thani", "Jumada al-awwal", "Jumada al-thani",
             "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qi'dah", "Dhu al-Hijjah")  # fmt: skip


@dataclass(frozen=True)
class CalendarWords:
    """How one language writes a date in each calendar: the month names, and the label after the date."""

    months: dict[Calendar, tuple[str, ...]]
    labels: dict[Calendar, str]  # Gregorian has none: it is the atlas's own calendar
    before_era: str = "{year} BC"  # a year before 1, counted back from it (astronomical 0 is 1 BC)


# One table per language: adding a language is adding its table here. A language without one reads the
# FALLBACK_LANGUAGE's words (dates stay legible, in English, rather than failing).
CALENDAR_WORDS: dict[str, CalendarWords] = {
    "tr": CalendarWords(
        months={
            Calendar.GREGORIAN: _GREGORIAN_TR,
            Calendar.JULIAN: _GREGORIAN_TR,
            Calendar.RUMI: _RUMI,
            Calendar.HIJRI: _HIJRI_TR,
        },
        labels={
            Calendar.GREGORIAN: "",
            Calendar.JULIAN: " (Jülyen)",
            Calendar.RUMI: " (Rumî)",
            Calendar.HIJRI: " (Hicrî)",
        },
        before_era="MÖ {year}",
    ),
    "en": CalendarWords(
        months={
            Calendar.GREGORIAN: _GREGORIAN_EN,
            Calendar.JULIAN: _GREGORIAN_EN,
            Calendar.RUMI: _RUMI,  # English texts keep the Ottoman names, transliterated
            Calendar.HIJRI: _HIJRI_EN,
        },
        labels={
            Calendar.GREGORIAN: "",
            Calendar.JULIAN: " (Old Style)",
            Calendar.RUMI: " (Rumi)",
            Calendar.HIJRI: " AH",
        },
    ),
}
FALLBACK_LANGUAGE = "en"
# Errors name months as the sources do: Rumi ones in Ottoman Turkish, the others in English.
_ERROR_WORDS = {calendar: "tr" if calendar == Calendar.RUMI else "en" for calendar in Calendar}
_NAMES_IN_ERRORS = {Calendar.GREGORIAN: "Gregorian", Calendar.JULIAN: "Julian",
                    Calendar.RUMI: "Rumi", Calendar.HIJRI: "Hijri (tabular)"}  # fmt: skip


@dataclass(frozen=True)
class CalendarDate:
    """A day as written in `calendar`; constructing one that never existed raises CalendarError."""

    calendar: Calendar
    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "calendar", _calendar(self.calendar))
        to_gregorian_alternatives(*self._parts())  # validates: raises for a day that never existed

    def _parts(self) -> tuple[Calendar, int, int, int]:
        # Not dataclasses.astuple: it deep-copies, and cost 1 s per 18,000 dates in the API's event list.
        return (self.calendar, self.year, self.month, self.day)

    def to_gregorian(self) -> dt.date:
        """The Gregorian day this date most likely names (see to_gregorian)."""
        return to_gregorian(*self._parts())


def _calendar(value: Calendar | str) -> Calendar:
    try:
        return Calendar(value)
    except ValueError:
        raise CalendarError(f"Unknown calendar {value!r}; use one of {', '.join(Calendar)}.") from None


def _lang(lang: str | None) -> str:
    code = (lang or translation.get_language() or "tr").replace("_", "-").split("-")[0].lower()
    return code if code in CALENDAR_WORDS else FALLBACK_LANGUAGE


def month_name(calendar: Calendar | str, month: int, lang: str | None = None) -> str:
    """The month's name in `lang` (default: the active language; see CALENDAR_WORDS for the fallback)."""
    calendar = _calendar(calendar)
    _check_month(calendar, month)
    return CALENDAR_WORDS[_lang(lang)].months[calendar][month - 1]


def _check_month(calendar: Calendar, month: int) -> None:
    if not 1 <= month <= 12:
        names = CALENDAR_WORDS[_ERROR_WORDS[calendar]].months[calendar]
        raise CalendarError(
            f"{_NAMES_IN_ERRORS[calendar]} months are numbered 1–12 (1 = {names[0]}, 3 = {names[2]}, "
            f"12 = {names[11]}); got {month}."
        )


def _check_day(calendar: Calendar, year: int, month: int, day: int, length: int, hint: str = "") -> None:
    if not 1 <= day <= length:
        name = CALENDAR_WORDS[_ERROR_WORDS[calendar]].months[calendar][month - 1]
        raise CalendarError(
            f"{name} {year} has {length} days in the {_NAMES_IN_ERRORS[calendar]} calendar, so day {day} "
            f"does not exist; use a day from 1 to {length}.{hint}"
        )


def _gregorian(year: int, month: int, day: int) -> dt.date:
    hint = ""
    if (month, day) == (2, 29) and year % 4 == 0 and year % 400 != 0 and year % 100 == 0:
        hint = f" ({year} was a leap year only in the Julian calendar: for an Old Style date use Julian.)"
    _check_day(Calendar.GREGORIAN, year, month, day, monthrange(year, month)[1], hint)
    return dt.date(year, month, day)


def _julian(year: int, month: int, day: int) -> dt.date:
    _check_day(Calendar.JULIAN, year, month, day, julian.month_length(year, month))
    return dt.date(*julian.to_gregorian(year, month, day))


def _hijri(year: int, month: int, day: int) -> dt.date:
    hint = (
        f" If the document says 30, the month was sighted 30 days long: enter 1 {_HIJRI_EN[month % 12]}"
        f" and allow ±{HIJRI_TOLERANCE_DAYS} days."
    ) if day == 30 else ""  # fmt: skip
    _check_day(Calendar.HIJRI, year, month, day, islamic.month_length(year, month), hint)
    return dt.date(*islamic.to_gregorian(year, month, day))


def _rumi_readings(year: int, month: int, day: int) -> list[dt.date]:
    if year <= 1332:
        if (year, month) == (1332, 2) and day > 15:
            raise CalendarError(
                f"{day} Şubat 1332 never happened: the 1917 calendar reform (Law 125) made the day after "
                "15 Şubat 1332 (28 February 1917) be 1 Mart 1333 (1 March 1917). Check the day and year."
            )
        # Julian day and month; the year began on 1 Mart, so Kânunusani–Şubat close the previous year.
        julian_year = year + (584 if month >= 3 else 585)
        _check_day(Calendar.RUMI, year, month, day, julian.month_length(julian_year, month))
        return [dt.date(*julian.to_gregorian(julian_year, month, day))]
    if month >= 3:  # Mart–Kânunuevvel: both readings agree
        _check_day(Calendar.RUMI, year, month, day, monthrange(year + 584, month)[1])
        return [dt.date(year + 584, month, day)]
    gregorian_years = []
    if year >= _RUMI_CIVIL_YEAR_FROM:
        gregorian_years.append(year + 584)  # default: the year number changed on 1 Kânunusani
    if year in _RUMI_FISCAL_YEARS:
        gregorian_years.append(year + 585)  # fiscal year that began on the previous 1 Mart
    _check_day(Calendar.RUMI, year, month, day, max(monthrange(y, month)[1] for y in gregorian_years))
    # A day only one reading has (29 Şubat 1339 exists only as fiscal February 1924) comes back alone.
    return [dt.date(y, month, day) for y in gregorian_years if day <= monthrange(y, month)[1]]


def to_gregorian_alternatives(calendar: Calendar | str, year: int, month: int, day: int) -> list[dt.date]:
    """Every Gregorian day the date can name, default reading first; more than one only for Rumi."""
    calendar = _calendar(calendar)
    _check_month(calendar, month)
    convert = {Calendar.GREGORIAN: _gregorian, Calendar.JULIAN: _julian, Calendar.HIJRI: _hijri}
    try:
        if calendar == Calendar.RUMI:
            return _rumi_readings(year, month, day)
        return [convert[calendar](year, month, day)]
    except CalendarError:
        raise
    except ValueError:  # beyond datetime.date's years 1–9999 once converted
        raise CalendarError(f"Year {year} is outside the years the atlas can place; check it.") from None


def to_gregorian(calendar: Calendar | str, year: int, month: int, day: int) -> dt.date:
    """The Gregorian day for a date in `calendar` (Hijri: ±HIJRI_TOLERANCE_DAYS; Rumi: default reading)."""
    return to_gregorian_alternatives(calendar, year, month, day)[0]


def from_gregorian(calendar: Calendar | str, date: dt.date) -> CalendarDate:
    """The date as `calendar` writes `date` (Rumi: default reading; Hijri: tabular)."""
    calendar = _calendar(calendar)
    match calendar:
        case Calendar.GREGORIAN:
            ymd = (date.year, date.month, date.day)
        case Calendar.JULIAN:
            ymd = julian.from_gregorian(date.year, date.month, date.day)
        case Calendar.RUMI if date < RUMI_REFORM:
            year, month, day = julian.from_gregorian(date.year, date.month, date.day)
            ymd = (year - (584 if month >= 3 else 585), month, day)
        case Calendar.RUMI:  # Jan–Feb 1917 were still Julian, so every later day is civil-year numbered
            ymd = (date.year - 584, date.month, date.day)
        case Calendar.HIJRI:
            ymd = islamic.from_gregorian(date.year, date.month, date.day)
    return CalendarDate(calendar, *ymd)


def rumi_year_start_ambiguous(calendar_date: CalendarDate) -> bool:
    """Whether a Rumi date may also be fiscal-year numbered (Kânunusani–Şubat 1334–1341, i.e. 1918–1925)."""
    return calendar_date.calendar == Calendar.RUMI and len(to_gregorian_alternatives(*calendar_date._parts())) > 1


def russian_old_style_applies(date: dt.date) -> bool:
    """Whether Russian sources dated this Gregorian day Old Style (Julian): before 14 February 1918."""
    return date < RUSSIAN_SWITCH


def format_calendar_date(
    calendar_date: CalendarDate, lang: str | None = None, *, with_calendar_name: bool = True
) -> str:
    """The date as a historian writes it, e.g. '5 Teşrinisani 1336 (Rumî)' or '22 Safar 1339 AH'."""
    lang = _lang(lang)
    name = month_name(calendar_date.calendar, calendar_date.month, lang)
    label = CALENDAR_WORDS[lang].labels[calendar_date.calendar] if with_calendar_name else ""
    return f"{calendar_date.day} {name} {calendar_date.year}{label}"


def equivalents(date: dt.date, lang: str | None = None) -> dict[Calendar, str]:
    """A Gregorian day written in the Julian, Rumi and Hijri calendars, for showing beside it."""
    return {
        calendar: format_calendar_date(from_gregorian(calendar, date), lang)
        for calendar in (Calendar.JULIAN, Calendar.RUMI, Calendar.HIJRI)
    }


# Law 698 replaced Rumi year numbers with Gregorian ones on 1 January 1926; the Tanzimat brought the
# Rumi (financial) calendar into official use in 1840.
RUMI_IN_USE = range(1840, 1926)


# The first day of the Hijri era (16 July 622 Julian) as a day number: no Hijri date names a day before it.
HIJRI_EPOCH_DAY = int(islamic.EPOCH + 0.5)


def equivalents_in_use(day: dt.date | int, lang: str | None = None) -> dict[Calendar, str]:
    """The day (a date or a day number) written in the calendars someone in the region dated by then: Julian
    in Russia before 14 February 1918 (and for any day before the common era), Rumi in the Ottoman state and
    Turkey until 1926, Hijri (±2 days) alongside from its epoch."""
    date = day if isinstance(day, dt.date) else date_of(day)
    if date is None:  # before 1 January 0001: Julian only, the calendar such days are dated in
        words = CALENDAR_WORDS[_lang(lang)]
        year, month, number = julian.from_jd(day - 0.5)
        year_text = words.before_era.format(year=1 - year) if year < 1 else str(year)
        julian_month = words.months[Calendar.JULIAN][month - 1]
        return {Calendar.JULIAN: f"{number} {julian_month} {year_text}{words.labels[Calendar.JULIAN]}"}
    relevant = set()
    if as_day_number(date) >= HIJRI_EPOCH_DAY:
        relevant.add(Calendar.HIJRI)
    if russian_old_style_applies(date):
        relevant.add(Calendar.JULIAN)
    if date.year in RUMI_IN_USE:
        relevant.add(Calendar.RUMI)
    return {calendar: text for calendar, text in equivalents(date, lang).items() if calendar in relevant}


def _fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only: 'Teşrin-i Sâni' → 'tesrinisani'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


# Spellings met in sources and transcriptions besides the names above.
_EXTRA_MONTH_NAMES: dict[Calendar, dict[str, int]] = {
    Calendar.GREGORIAN: {},
    Calendar.JULIAN: {},
    Calendar.RUMI: {
        # Izafet spellings (Kânun-ı Sani), the 1920s–1945 forms (İkinci Kânun) and modern names (Kasım).
        "kanunisani": 1, "ikincikanun": 1, "kanunsani": 1, "kanunievvel": 12, "birincikanun": 12,
        "kanunevvel": 12, "birincitesrin": 10, "tesrinevvel": 10, "ikincitesrin": 11, "tesrinsani": 11,
        **{_fold(name): number for number, name in enumerate(_GREGORIAN_TR, start=1)},
    },
    Calendar.HIJRI: {
        "rebiyulevvel": 3, "rebiulsani": 4, "rebiussani": 4, "rebiyulahir": 4, "rabialakhir": 4,
        "cemaziyulevvel": 5, "jumadaalula": 5, "cemaziyulahir": 6, "jumadaalakhirah": 6, "receb": 7,
        "zilkaade": 11, "dhulqidah": 11, "dhulqadah": 11, "dhualqadah": 11, "dhulhijjah": 12,
    },
}  # fmt: skip
_MONTH_LOOKUP: dict[Calendar, dict[str, int]] = {
    calendar: {
        **{_fold(name): i for words in CALENDAR_WORDS.values() for i, name in enumerate(words.months[calendar], 1)},
        **_EXTRA_MONTH_NAMES[calendar],
    }
    for calendar in Calendar
}
# What may follow the year, folded: the labels format_calendar_date writes, and common abbreviations.
_SUFFIXES: dict[Calendar, set[str]] = {
    Calendar.GREGORIAN: {"gregorian", "gregoryen", "newstyle", "ns", "miladi"},
    Calendar.JULIAN: {"julian", "julyen", "oldstyle", "os"},
    Calendar.RUMI: {"rumi", "r"},
    Calendar.HIJRI: {"hijri", "hicri", "ah", "h"},
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{1,4})")
_YEAR_MONTH_DAY = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})\.?\s+(\D+?)\s+(\d{1,4})(?:\s+(\D+))?")
_EXAMPLES = {
    Calendar.GREGORIAN: ("5 Kasım 1920", "05.11.1920", "1920-11-05"),
    Calendar.JULIAN: ("20 October 1914", "20.10.1914", "1914-10-20"),
    Calendar.RUMI: ("23 Nisan 1336", "23.04.1336", "1336-04-23"),
    Calendar.HIJRI: ("22 Safer 1339", "22.02.1339", "1339-02-22"),
}


def parse_calendar_date(text: str, calendar: Calendar | str) -> CalendarDate:
    """Read '23 Nisan 1336', '23.04.1336' or '1336-04-23' as a date in `calendar`."""
    calendar = _calendar(calendar)
    cleaned = " ".join((text or "").split())
    if match := _DAY_MONTH_YEAR.fullmatch(cleaned):
        day, month, year = map(int, match.groups())
    elif match := _YEAR_MONTH_DAY.fullmatch(cleaned):
        year, month, day = map(int, match.groups())
    elif match := _NAMED.fullmatch(cleaned):
        day, year = int(match[1]), int(match[3])
        month = _MONTH_LOOKUP[calendar].get(_fold(match[2]))
        if month is None:
            names = ", ".join(
                dict.fromkeys(name for words in CALENDAR_WORDS.values() for name in words.months[calendar])
            )
            raise CalendarError(f"{match[2]!r} is not a {_NAMES_IN_ERRORS[calendar]} month; use one of {names}.")
        if match[4] and _fold(match[4]) not in _SUFFIXES[calendar]:
            raise CalendarError(
                f"{match[4]!r} after the year does not name the {_NAMES_IN_ERRORS[calendar]} calendar; "
                "remove it or parse the date in the calendar it names."
            )
    else:
        named, dotted, iso = _EXAMPLES[calendar]
        raise CalendarError(
            f"Cannot read {text!r} as a {_NAMES_IN_ERRORS[calendar]} date; write day, month and year as "
            f"{named!r}, {dotted!r} or {iso!r}."
        )
    return CalendarDate(calendar, year, month, day)
