"""Real TimelineJS files come in whole: every slide an event, groups as categories, the language told by the text.

Besides the two samples from TimelineJS's authors, two files of our own (tests/interchange/timelines/):
Roman history (BCE years, year-only dates, groups, eras, a slide without headline, protocol-relative
media) and Turkish broadcasting (Turkish text, whole-number dates, a display date that is a date).
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.models import Category, Event, EventMedia, Status
from interchange.language import detect_language
from interchange.planning import import_plan
from interchange.services import CATEGORY_PALETTE, events_import
from tests.factories import make_category, make_event

pytestmark = pytest.mark.django_db

TIMELINES = Path(__file__).parent / "timelines"
ROME = TIMELINES / "roman_republic.json"
BROADCASTING = TIMELINES / "turkish_broadcasting.json"

# The samples' slides as TimelineJS draws them: headline, EDTF of start/end, media address.
WOMEN_IN_COMPUTING = [
    ("Ada Lovelace", "1815-12-10/1852-11-27"),
    ("Edith Clarke: Bucking the Trend", "1948-03-14"),
    ("...And the women who made it work", "1943-07/1946"),
    ("The First Computer", "1943-06-05"),
    ("Rózsa Péter writes recursion", "1951"),
    ("Grace Hopper invents the compiler", "1952"),
    ("Contributions to space exploration", "1956/1962"),
    ("The First PhD in Computer Science", "1958"),
    ("Karen Spärck Jones makes search possible", "1972"),
    ('"The Mother of the Internet"', "1985"),
]


def _import(path, *options):
    call_command("import_events", str(path), *options)


def _saved():
    return (
        sorted(Event.objects.values_list("slug", "title", "summary", "date", "category", "status")),
        sorted(EventMedia.objects.values_list("event__slug", "url", "caption", "credit")),
        sorted(Category.objects.values_list("slug", "name", "colour")),
    )


def _linked(event: Event) -> EventMedia | None:
    return event.media.exclude(url="").first()


def _json_media(path: Path) -> list[str]:
    return [(slide.get("media") or {}).get("url", "") for slide in json.loads(path.read_text("utf-8"))["events"]]


def _sheet_media(path: Path) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    return [row["Media"] for row in rows if row["Type"] == ""]


@pytest.mark.parametrize("sample", ["json_sample", "sheet_sample"])
def test_each_sample_imports_whole_in_english_fields(sample, request, capsys):
    path = request.getfixturevalue(sample)
    _import(path)

    out = capsys.readouterr().out
    assert "Language: English, detected from the text" in out
    assert "Title slide (“" in out and "not imported without a collection" in out
    events = {event.title["en"]: event for event in Event.objects.all()}
    # Slide count = events created, titles and dates as TimelineJS shows them.
    assert sorted(events) == sorted(title for title, _date in WOMEN_IN_COMPUTING)
    assert {title: events[title].date for title in events} == dict(WOMEN_IN_COMPUTING)
    # English text landed in the English fields and left Turkish empty.
    assert all(not event.title.get("tr") and not event.summary.get("tr") for event in events.values())
    assert all(event.summary.get("en") for event in events.values())
    media = _json_media(path) if path.suffix == ".json" else _sheet_media(path)
    links = [url for url in media if url.startswith("http")]
    assert sorted(EventMedia.objects.values_list("url", flat=True)) == sorted(links)
    assert set(Event.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_the_language_can_be_overridden(json_sample, capsys):
    _import(json_sample, "--lang", "tr")

    assert "Language: Türkçe, as chosen; the text reads as English" in capsys.readouterr().out
    ada = Event.objects.get(slug="ada-lovelace")
    assert ada.title == {"tr": "Ada Lovelace"}


def test_a_turkish_file_lands_in_turkish_fields_with_its_groups_as_categories(capsys):
    _import(BROADCASTING)

    out = capsys.readouterr().out
    assert "Language: Türkçe, detected from the text" in out
    radio = Event.objects.get(slug="istanbul-radyosu")
    assert radio.title == {"tr": "İstanbul Radyosu yayına başlıyor"}
    assert radio.date == "1927-05-06"
    assert radio.date_as_written == "6 Mayıs 1927"  # a display date that is a date is kept as written
    assert Event.objects.get(slug="trt-kuruluyor").date == "1964"  # a year-only date
    assert _linked(Event.objects.get(slug="ankara-televizyonu")).url == "http://www.trt.net.tr/"
    categories = dict(Event.objects.values_list("slug", "category"))
    assert categories == {
        "istanbul-radyosu": "radyo",
        "ankara-radyosu": "radyo",
        "trt-kuruluyor": "general",  # the slide without a group
        "ankara-televizyonu": "televizyon",
    }
    radyo = Category.objects.get(slug="radyo")
    assert radyo.name == {"tr": "Radyo"}
    radyo.full_clean()


def test_bce_years_eras_and_slides_without_headline_or_text(capsys):
    _import(ROME)

    out = capsys.readouterr().out
    assert "Language: English, detected" in out
    dates = {event.title["en"]: event.date for event in Event.objects.all()}
    assert dates == {
        "The last king is driven out": "-0508",  # 509 BCE, astronomical as in TimelineJS and EDTF
        "Caesar is killed in the Senate": "-0043-03-15",
        "Octavian is named Augustus": "-0026-01-16",
        "Mount Vesuvius erupts and buries the towns of…": "0079",  # from the text: no headline
        "Romulus Augustulus is deposed": "0476",
    }
    assert "warning: text.headline: is empty; the title “Mount Vesuvius erupts" in out
    # The slide without text arrives as a draft, said so, rather than being refused.
    deposed = Event.objects.get(title__en="Romulus Augustulus is deposed")
    assert deposed.summary == {} and deposed.status == Status.DRAFT
    assert "warning: text: the slide has none" in out
    # Protocol-relative media come in as https.
    brutus = Event.objects.get(title__en="The last king is driven out")
    assert _linked(brutus).url == "https://commons.wikimedia.org/wiki/File:Lucius_Junius_Brutus.jpg"
    assert _linked(brutus).caption == {"en": "A bust long said to show Brutus"}
    assert _linked(brutus).kind == "image"
    # A display date that is not a calendar date is the event's date in words, shown instead of the atlas's.
    caesar = Event.objects.get(title__en="Caesar is killed in the Senate")
    assert caesar.date_words == {"en": "The Ides of March"} and caesar.date == "-0043-03-15"
    assert "era 1 (“The Republic”, -0508/-0026): not imported without a collection" in out
    assert "era 2 (“The Empire in the West”, -0026/0476): not imported" in out
    assert set(Event.objects.values_list("category", flat=True)) == {"empire", "republic"}
    for category in Category.objects.filter(slug__in=["empire", "republic"]):
        assert category.colour in CATEGORY_PALETTE
        category.full_clean()


def test_a_group_naming_an_existing_category_uses_it(tmp_path):
    make_category(slug="diplomacy")
    Category.objects.filter(slug="diplomacy").update(name={"tr": "diplomasi", "en": "Diplomacy"})
    path = tmp_path / "one.json"
    slide = {"start_date": {"year": "1921"}, "text": {"headline": "Talks", "text": "<p>They talk.</p>"}}
    path.write_text(json.dumps({"events": [{**slide, "group": "diplomacy"}]}), encoding="utf-8")
    before = Category.objects.count()

    _import(path, "--lang", "en")

    assert Event.objects.get().category_id == "diplomacy"
    assert Category.objects.count() == before


def test_a_slide_with_an_impossible_date_is_reported_and_the_others_import(tmp_path, capsys):
    slides = [
        {"start_date": {"year": "1921", "month": "3", "day": "16"}, "text": {"headline": "Treaty signed"}},
        {"start_date": {"year": "1921", "month": "2", "day": "30"}, "text": {"headline": "No such day"}},
        {"start_date": {"year": "-15000000000"}, "text": {"headline": "Before the Big Bang"}},
        {"start_date": {"year": "1922"}, "text": {"headline": "A year later", "text": "<p>Still here.</p>"}},
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps({"events": slides}), encoding="utf-8")

    _import(path, "--lang", "en")

    out = capsys.readouterr().out
    assert sorted(Event.objects.values_list("title__en", flat=True)) == ["A year later", "Treaty signed"]
    assert "slide 2 (“No such day”)" in out and "1921-02 has 28 days" in out
    # A year before the universe is a date no history has: reported like any impossible date.
    assert "slide 3 (“Before the Big Bang”)" in out and "before the universe began" in out
    assert "Imported: 2 created, 0 changed, 0 unchanged, 2 rejected. The rejected rows were left out." in out


def test_the_dry_run_saves_nothing_not_even_a_category(json_sample, capsys):
    make_event(slug="kept")
    before = _saved()

    _import(json_sample, "--dry-run")

    assert "New category 'general'" in capsys.readouterr().out
    assert _saved() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"type": "FeatureCollection", "features": []}', "not a TimelineJS timeline: it has no `events` list"),
        (b'{"events": "soon"}', "not a TimelineJS timeline"),
        (b"[1, 2, 3]", "not a TimelineJS timeline"),
        (b"{not json", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_timelinejs_is_refused_and_nothing_saved_changes(tmp_path, content, message):
    make_event(slug="kept")
    before = _saved()
    path = tmp_path / "timeline.json"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        _import(path, "--format", "timelinejs")

    assert _saved() == before


def test_a_file_where_no_slide_can_be_taken_is_refused_whole(tmp_path):
    make_event(slug="kept")
    before = _saved()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"events": [{"start_date": {"year": "1921", "month": "14"}}]}), encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was imported: 1 row"):
        _import(path)

    assert _saved() == before


def test_every_palette_colour_passes_the_categories_contrast_check():
    for number, colour in enumerate(CATEGORY_PALETTE):
        Category(slug=f"c{number}", name={"en": "x"}, colour=colour).full_clean()


def test_the_plan_says_which_language_it_detected(json_sample):
    plan = import_plan(source=json_sample)
    assert (plan.language, plan.detected_language) == ("en", "en")
    report = events_import(plan=plan, dry_run=True)
    assert report.count("create") == len(WOMEN_IN_COMPUTING)


@pytest.mark.parametrize(
    "texts, language",
    [
        (["The treaty was signed in Moscow after weeks of talks between the two delegations."], "en"),
        (["Antlaşma, iki heyet arasında haftalarca süren görüşmelerin ardından Moskova'da imzalandı."], "tr"),
        ([""], None),
    ],
)
def test_detection_tells_the_configured_languages_apart(texts, language):
    assert detect_language(texts) == language


def test_media_and_display_dates_longer_than_the_fields_do_not_cost_the_slide(tmp_path, capsys):
    slide = {
        "start_date": {"year": "1921"},
        "display_date": "Sometime in the early spring of that year, " * 3,
        "text": {"headline": "Long media", "text": "<p>A slide with a long caption and address.</p>"},
        "media": {"url": "https://example.org/" + "a" * 600, "caption": "c"},
    }
    other = {**slide, "media": {"url": "https://example.org/p.jpg", "caption": "word " * 200, "credit": "name " * 100}}
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"events": [slide, other]}), encoding="utf-8")

    _import(path, "--lang", "en")

    out = capsys.readouterr().out
    first, second = Event.objects.order_by("slug")
    assert _linked(first) is None and "media.url: is longer than 500 characters" in out
    # A caption has room for all its words; a credit longer than its field is cut, and said so.
    assert _linked(second).url == "https://example.org/p.jpg" and _linked(second).caption == {
        "en": ("word " * 200).strip()
    }
    assert len(_linked(second).credit) == 300
    assert "media_credit: is longer than 300 characters and was cut" in out
    assert first.date_as_written == "" and first.date_words["en"].startswith("Sometime in the early spring")
