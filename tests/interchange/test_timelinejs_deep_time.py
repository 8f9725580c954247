"""A history of the universe in TimelineJS (tests/interchange/timelines/history_of_the_universe.json), as
TimelineJS's own universe template writes it: years of 13.8 billion, a title slide, eras, display dates,
backgrounds. It imports whole into its collection, in the order of its years."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from chronology.models import SEED_COLLECTION, Collection, Era, Event
from chronology.selectors import event_rows
from common.dates import day_number
from frontend.wording import event_date_text

pytestmark = pytest.mark.django_db

UNIVERSE = Path(__file__).parent / "timelines" / "history_of_the_universe.json"
IN_ORDER = [
    ("The Big Bang", "Y-13800000000"),
    ("The first stars", "Y-13600000000"),
    ("The Sun forms", "Y-4600000000"),
    ("The Earth forms", "Y-4540000000"),
    ("First life", "Y-3700000000"),
    ("The Cambrian explosion", "Y-538800000"),
    ("The dinosaurs die out", "Y-66000000"),
    ("The first humans", "Y-315000"),
    ("Göbekli Tepe", "-9500/-8000"),
    ("The Grand National Assembly opens", "1920-04-23"),
]


def _import(*options):
    call_command("import_events", str(UNIVERSE), "--lang", "en", "--publish", *options)


def test_every_slide_imports_into_its_collection_in_the_order_of_its_years(capsys):
    _import("--collection", "universe")

    out = capsys.readouterr().out
    assert "0 rejected" in out
    events = Event.objects.filter(collection__slug="universe").order_by("day_start")
    assert [(event.title["en"], event.date) for event in events] == IN_ORDER
    # Deep time is whole years: the Big Bang's runs from the first to the last day of its year.
    big_bang = events.first()
    assert (big_bang.start_iso, big_bang.end_iso) == ("-13800000000-01-01", "-13800000000-12-31")


def test_the_title_slide_is_the_collections_introduction_and_the_eras_its_bands(capsys):
    _import("--collection", "universe")

    collection = Collection.objects.get(slug="universe")
    assert collection.title == {"en": "A short history of the universe"}
    assert collection.introduction == {
        "en": "From the Big Bang to the Grand National Assembly: 13.8 billion years in ten slides."
    }
    eras = Era.objects.filter(collection=collection)
    assert [(era.title["en"], era.date) for era in eras] == [
        ("Before the Sun", "Y-13800000000/Y-4600000000"),
        ("Precambrian", "Y-4600000000/Y-538800000"),
        ("Phanerozoic", "Y-538800000/2026"),
    ]
    out = capsys.readouterr().out
    assert "Title slide (“A short history of the universe”): the introduction of the collection 'universe'" in out
    assert "era 2 (“Precambrian”, Y-4600000000/Y-538800000): an era of the collection" in out


def test_importing_the_file_again_changes_nothing_and_keeps_a_curators_title(capsys):
    _import("--collection", "universe")
    Collection.objects.filter(slug="universe").update(title={"en": "Cosmos", "tr": "Evren"})

    _import("--collection", "universe")

    collection = Collection.objects.get(slug="universe")
    assert collection.title == {"en": "Cosmos", "tr": "Evren"}
    assert Era.objects.filter(collection=collection).count() == 3
    assert Event.objects.filter(collection=collection).count() == len(IN_ORDER)
    assert "already an era of the collection, unchanged" in capsys.readouterr().out


def test_the_api_gives_deep_time_in_order_and_the_server_says_it_as_the_page_does(client):
    _import("--collection", "universe")

    events = client.get("/api/v1/events/", {"collection": "universe", "lang": "en"}).json()
    events = events["results"] if isinstance(events, dict) else events
    assert [event["start"] for event in events][:3] == ["-13800000000-01-01", "-13600000000-01-01", "-4600000000-01-01"]
    words = {
        lang: [event_date_text(row, lang) for row in event_rows(Event.objects.order_by("day_start")[:8], lang=lang)]
        for lang in ("en", "tr")
    }
    assert words["en"][1] == "13.6 billion years ago" and words["tr"][1] == "13,6 milyar yıl önce"
    assert words["en"][5] == "538.8 million years ago" and words["tr"][5] == "538,8 milyon yıl önce"
    assert words["en"][7] == "315,000 BC" and words["tr"][7] == "MÖ 315.000"


def test_a_file_with_a_year_before_the_universe_imports_the_rest_and_says_which(tmp_path, capsys):
    document = json.loads(UNIVERSE.read_text("utf-8"))
    document["events"].append({"start_date": {"year": "-20000000000"}, "text": {"headline": "Before time"}})
    path = tmp_path / "universe.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    call_command("import_events", str(path), "--lang", "en", "--collection", "universe")

    out = capsys.readouterr().out
    assert "slide 11 (“Before time”)" in out and "before the universe began" in out
    assert Event.objects.filter(collection__slug="universe").count() == len(IN_ORDER)


def test_a_display_date_is_the_events_date_in_words_and_a_background_costs_nothing_but_itself(client, capsys):
    _import("--collection", "universe")

    big_bang = Event.objects.get(slug="big-bang")
    assert big_bang.date_words == {"en": "About 13.8 billion years ago"} and big_bang.date == "Y-13800000000"
    (row,) = client.get(
        "/api/v1/events/", {"collection": "universe", "lang": "en", "fields": "slug,date_words"}
    ).json()[:1]
    assert row == {"slug": "big-bang", "date_words": "About 13.8 billion years ago"}
    assert event_date_text(row, "en") == "About 13.8 billion years ago"
    (turkish,) = client.get(
        "/api/v1/events/", {"collection": "universe", "lang": "tr", "fields": "slug,date_words"}
    ).json()[:1]
    assert turkish == {"slug": "big-bang", "date_words": ""}  # no English words on the Turkish page
    # The slides with backgrounds (a colour, a protocol-relative picture) came in, the curator told what did not.
    assert Event.objects.filter(slug__in=["big-bang", "earth"]).count() == 2
    out = capsys.readouterr().out
    assert out.count("warning: background: is not shown: the atlas draws no slide backgrounds") == 2


def test_the_index_carries_the_few_date_words_and_a_collection_without_any_none(client):
    _import("--collection", "universe")

    universe = client.get("/api/v1/event-index/", {"collection": "universe", "lang": "en"}).json()
    seed = client.get("/api/v1/event-index/", {"collection": SEED_COLLECTION, "lang": "en"}).json()

    assert universe["dateWords"] == {str(universe["slug"].index("big-bang")): "About 13.8 billion years ago"}
    assert "dateWords" not in seed
    # Days since 1970 as plain numbers, 13.8 billion years of them: the page counts them as they are.
    assert universe["start"][0] == day_number(-13800000000, 1, 1) - 2440588


@pytest.mark.parametrize("format", ["timelinejs", "csv", "timelinejs-csv"])
def test_deep_time_goes_out_and_comes_back_as_it_was(tmp_path, format):
    _import("--collection", "universe")
    before = sorted(Event.objects.values_list("slug", "date"))
    path = tmp_path / f"out.{'json' if format == 'timelinejs' else 'csv'}"
    call_command("export_events", str(path), "--format", format, "--lang", "en")
    Event.objects.all().delete()

    call_command("import_events", str(path), "--format", format, "--lang", "en", "--category", "general")

    after = dict(Event.objects.values_list("title__en", "date"))
    assert after["The Big Bang"] == "Y-13800000000" and after["The first humans"] == "Y-315000"
    assert len(after) == len(before)
