"""import_events / export_events: dry run row by row, apply in one transaction, reject, round trip."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.models import Category, Event, EventMedia, EventRelation, Status, Theme
from interchange.planning import import_plan
from interchange.services import events_export, events_import
from tests.factories import make_event, make_place, make_source

pytestmark = pytest.mark.django_db

HEADER = "slug,date,title_tr,title_en,summary_tr,summary_en,category,group,places,sources,media_url\n"


@pytest.fixture
def atlas():
    make_place(slug="kars")
    make_source(slug="tekinsoy-2025")
    return make_event(slug="treaty-of-kars", date="1921-10-13", title={"tr": "Kars Antlaşması", "en": "Treaty of Kars"})


def _csv(tmp_path, *rows, name="events.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def _import(path, *options):
    call_command("import_events", str(path), *options)


def _snapshot():
    return sorted(Event.objects.values_list("slug", "title", "summary", "date", "status"))


def test_csv_dry_run_shows_each_row_and_saves_nothing(atlas, tmp_path, capsys):
    path = _csv(
        tmp_path,
        "fall-of-kars,1920-10-30,Kars'ın düşüşü,Fall of Kars,Ordu Kars'a girdi.,The army entered Kars.,military,,kars,"
        "tekinsoy-2025:s. 196,",
        "treaty-of-kars,1921-10-23,Kars Antlaşması,Treaty of Kars,Özet.,Summary.,treaty,,,,",
    )
    before = _snapshot()

    _import(path, "--dry-run")

    out = capsys.readouterr().out
    assert "row 2 (fall-of-kars): created" in out
    assert "row 3 (treaty-of-kars): changed" in out
    assert "date: '1921-10-13' → '1921-10-23'" in out
    assert "Dry run, nothing saved: 1 created, 1 changed" in out
    assert _snapshot() == before


def test_csv_apply_creates_drafts_with_places_and_citations(atlas, tmp_path):
    path = _csv(
        tmp_path,
        "fall-of-kars,1920-10-30,Kars'ın düşüşü,Fall of Kars,Ordu Kars'a girdi.,The army entered Kars.,military,"
        "Doğu Cephesi,kars,tekinsoy-2025:s. 196,https://example.org/kars.jpg",
    )

    _import(path)

    event = Event.objects.get(slug="fall-of-kars")
    assert event.status == Status.DRAFT
    assert event.start_iso == "1920-10-30"
    assert [p.slug for p in event.places.all()] == ["kars"]
    assert [(c.source.slug, c.locator) for c in event.citations.all()] == [("tekinsoy-2025", "s. 196")]
    assert event.themes.get().name == {"tr": "Doğu Cephesi"}
    assert event.media.get().url == "https://example.org/kars.jpg"


def test_publish_flag_publishes_what_it_imports(atlas, tmp_path):
    _import(_csv(tmp_path, ",1920-10-30,Kars'ın düşüşü,Fall of Kars,Özet.,Summary.,military,,,,"), "--publish")
    assert Event.objects.get(slug="kars-in-dususu").status == Status.PUBLISHED


def test_one_rejected_row_refuses_the_whole_file_naming_row_and_field(atlas, tmp_path):
    path = _csv(
        tmp_path,
        "good-row,1920-10-30,İyi,Good,Özet.,Summary.,military,,kars,,",
        "bad-place,1920-11-01,Kötü,Bad,Özet.,Summary.,military,,atlantis,,",
        "bad-date,1920-13-01,Kötü,Bad,Özet.,Summary.,military,,,,",
    )
    before = _snapshot()

    with pytest.raises(CommandError, match="Nothing was imported: 2 row"):
        _import(path)

    assert _snapshot() == before
    report = events_import(plan=import_plan(source=path), dry_run=True)
    reasons = {row.slug or row.row: row.reasons for row in report.rejected}
    assert any("places: no place 'atlantis'" in reason for reason in reasons["bad-place"])
    assert [row for row in report.rejected if "date" in " ".join(row.reasons)]


def test_skip_rejected_imports_only_the_good_rows(atlas, tmp_path):
    path = _csv(
        tmp_path,
        "good-row,1920-10-30,İyi,Good,Özet.,Summary.,military,,kars,,",
        "bad-place,1920-11-01,Kötü,Bad,Özet.,Summary.,military,,atlantis,,",
    )
    _import(path, "--skip-rejected")
    assert Event.objects.filter(slug="good-row").exists()
    assert not Event.objects.filter(slug="bad-place").exists()


def test_timelinejs_sample_imports_as_drafts_with_media_links(json_sample, capsys):
    _import(json_sample, "--dry-run", "--category", "report", "--lang", "en")
    assert Event.objects.count() == 0
    assert "created" in capsys.readouterr().out

    _import(json_sample, "--category", "report", "--lang", "en")

    slides = [s for s in json.loads(json_sample.read_text(encoding="utf-8"))["events"]]
    events = Event.objects.all()
    assert events.count() == len(slides)
    assert set(events.values_list("status", flat=True)) == {Status.DRAFT}
    assert all(e.title.get("en") for e in events)
    assert all("<" not in text for e in events for text in e.summary.values())
    with_media = [s for s in slides if (s.get("media") or {}).get("url", "").startswith("http")]
    assert EventMedia.objects.exclude(url="").values("event").distinct().count() == len(with_media)


def test_timelinejs_without_groups_or_category_lands_in_one_general_category(json_sample, capsys):
    _import(json_sample)

    assert Event.objects.count() == len(json.loads(json_sample.read_text(encoding="utf-8"))["events"])
    general = Category.objects.get(slug="general")
    assert general.name == {"tr": "Genel", "en": "General"}
    general.full_clean()  # its colour passes the map's contrast check
    assert set(Event.objects.values_list("category", flat=True)) == {"general"}
    assert "New category 'general'" in capsys.readouterr().out


def test_timelinejs_sheet_sample_imports_and_never_overwrites_by_a_made_up_slug(sheet_sample):
    _import(sheet_sample, "--category", "report", "--lang", "en")
    count = Event.objects.count()
    assert count > 0

    _import(sheet_sample, "--category", "report", "--lang", "en")

    # The sheet has no ids: slugs are made from headlines, so a second import adds, it does not overwrite.
    assert Event.objects.count() == 2 * count


def test_group_becomes_an_existing_theme_by_name(tmp_path):
    Theme.objects.create(slug="eastern-front", name={"tr": "Doğu Cephesi", "en": "Eastern Front"})
    _import(_csv(tmp_path, "x,1920-10-30,X,X,Özet.,Summary.,military,Eastern Front,,,"))
    assert Event.objects.get(slug="x").themes.get().slug == "eastern-front"
    assert Theme.objects.count() == 1


@pytest.mark.parametrize(
    "content, message, options",
    [
        (b"slug,when,title_tr\nx,1920,X\n", "first line has: slug, when, title_tr", []),
        (b"slug,when,title_tr\nx,1920,X\n", "header row does not fit.*missing: date", ["--format", "csv"]),
        ("date,title_tr,title_en\n1920-10-30,Kars'ın düşüşü,Fall\n".encode("cp1254"), "not UTF-8", []),
        (b'{"title": {"text": {"headline": "No events"}}}', "no `events` list", []),
        (b'{"title": {"text": {"headline": "No events"}}}', "events", ["--format", "timelinejs"]),
        (b"\x00\x01garbage that is no format at all\n", "Cannot tell what this file is", []),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_changes(atlas, tmp_path, content, message, options):
    path = tmp_path / "import.csv"
    path.write_bytes(content)
    before = _snapshot()
    with pytest.raises(CommandError, match=message):
        _import(path, *options)
    assert _snapshot() == before


XSS_TITLE = "<script>alert(1)</script>Kars <img src=x onerror=alert(2)>"
XSS_SUMMARY = '<p>Read <a href="javascript:alert(3)">this</a> and <a href="https://example.org/">that</a>.</p>'


def test_xss_in_imported_text_is_stored_as_text_and_exported_inert(tmp_path):
    slides = {
        "events": [
            {
                "unique_id": "xss",
                "start_date": {"year": "1920", "month": "10", "day": "30"},
                "text": {"headline": XSS_TITLE, "text": XSS_SUMMARY},
            }
        ]
    }
    path = tmp_path / "xss.json"
    path.write_text(json.dumps(slides), encoding="utf-8")

    _import(path, "--category", "report", "--lang", "en")

    event = Event.objects.get(slug="xss")
    assert event.title["en"] == "Kars"
    assert event.summary["en"] == "Read this and that (https://example.org/)."
    for format in ("csv", "timelinejs", "timelinejs-csv"):
        text = events_export(format=format, include_drafts=True)
        for payload in ("<script", "onerror", "javascript:"):
            assert payload not in text, (format, payload)


def test_text_a_curator_typed_with_tags_is_exported_escaped(atlas):
    Event.objects.filter(slug="treaty-of-kars").update(summary={"en": "<script>alert(1)</script> & more"})
    exported = json.loads(events_export(format="timelinejs", language="en"))
    text = exported["events"][0]["text"]["text"]
    assert "<script>" not in text
    assert "&lt;script&gt;" in text


def test_bce_dates_import_and_are_kept(tmp_path):
    # Fails until BCE bounds (day numbers) are storable: the model refuses the date until then.
    slides = {
        "events": [
            {
                "unique_id": "caesar",
                "start_date": {"year": "-44", "month": "3", "day": "15"},
                "text": {"headline": "Caesar is killed", "text": "<p>The Ides of March.</p>"},
            }
        ]
    }
    path = tmp_path / "bce.json"
    path.write_text(json.dumps(slides), encoding="utf-8")
    _import(path, "--category", "politics", "--lang", "en")
    assert Event.objects.get(slug="caesar").date == "-0044-03-15"


def test_a_year_before_the_universe_is_refused_naming_the_slide(tmp_path):
    slides = {"events": [{"start_date": {"year": "-15000000000"}, "text": {"headline": "Before time"}}]}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(slides), encoding="utf-8")
    with pytest.raises(CommandError):
        _import(path, "--category", "report")
    report = events_import(plan=import_plan(source=path, default_category="report"), dry_run=True)
    assert "slide 1" in report.rejected[0].row
    assert Event.objects.count() == 0


def test_an_ice_age_twelve_thousand_years_back_imports_as_a_long_year(tmp_path):
    slides = {"events": [{"start_date": {"year": "-12000"}, "text": {"headline": "Ice age"}}]}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(slides), encoding="utf-8")
    _import(path, "--category", "report")
    assert Event.objects.get().date == "Y-12000"


def _empty():
    EventRelation.objects.all().delete()
    Event.objects.all().delete()
    Theme.objects.all().delete()


@pytest.mark.parametrize("format", ["csv", "timelinejs", "timelinejs-csv"])
def test_export_import_export_round_trip(atlas, tmp_path, format):
    moscow = make_event(
        slug="moscow",
        date="1921-03",
        title={"tr": "Moskova", "en": "Moscow"},
        summary={"tr": "Birinci paragraf.\n\nİkinci: https://example.org", "en": "One."},
    )
    EventMedia.objects.create(
        event=moscow, kind="image", url="https://example.org/m.jpg", caption={"tr": "A <b>caption</b>"}
    )
    path = tmp_path / "out"
    call_command("export_events", "--format", format, str(path))
    first = path.read_text(encoding="utf-8")
    _empty()

    language = ["--lang", "tr"] if format.startswith("timelinejs") else []
    _import(path, "--format", format, "--category", "report", "--publish", *language)
    call_command("export_events", "--format", format, str(path))

    assert path.read_text(encoding="utf-8") == first


def test_corpus_import_dry_run_and_apply(tmp_path, capsys, settings):
    _import(settings.CORPUS_DIR, "--dry-run")
    out = capsys.readouterr().out
    assert "events (treaty-of-moscow-1921): created" in out
    assert "places (baku): created" in out
    assert Event.objects.count() == 0
    _import(settings.CORPUS_DIR)
    assert Event.objects.count() > 50

    _import(settings.CORPUS_DIR, "--dry-run")
    assert "events (treaty-of-moscow-1921): unchanged" in capsys.readouterr().out


def test_export_in_an_unknown_language_is_refused(atlas):
    with pytest.raises(CommandError, match="Unknown language 'xx'; use one of tr, en"):
        call_command("export_events", "--format", "timelinejs", "--lang", "xx")
