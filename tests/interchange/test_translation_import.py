"""A second TimelineJS file as the other language of a collection's slides (`import_events --as-translation`)."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.models import Collection, Era, Event

pytestmark = pytest.mark.django_db

ROME = Path(__file__).parent / "timelines" / "roman_republic.json"
TURKISH = {
    "The last king is driven out": (
        "Son kral kovulur",
        "<p>Gelenek, krallığın sonunu ve ilk iki konsülü bu yıla koyar.</p>",
    ),
}


def _turkish_rome(tmp_path, *, extra_slide=False, shift_second=False) -> Path:
    data = json.loads(ROME.read_text())
    data["title"]["text"] = {"headline": "Cumhuriyetten İmparatorluğa", "text": "<p>Roma'nın yüzyılları.</p>"}
    data["eras"][0]["text"]["headline"] = "Cumhuriyet"
    for slide in data["events"]:
        headline = slide["text"].get("headline", "")
        if headline in TURKISH:
            slide["text"]["headline"], slide["text"]["text"] = TURKISH[headline]
            slide["media"]["caption"] = "Brutus'u gösterdiği söylenen bir büst"
    if shift_second:
        data["events"][1]["start_date"] = {"year": "1900"}
    if extra_slide:
        data["events"].append({"start_date": {"year": "2000"}, "text": {"headline": "Fazladan", "text": "Yok"}})
    path = tmp_path / "roma.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def _import(*args) -> str:
    out = io.StringIO()
    call_command("import_events", *map(str, args), stdout=out)
    return out.getvalue()


def _state():
    events = {e.slug: (dict(e.title), dict(e.summary), e.date) for e in Event.objects.filter(collection__slug="rome")}
    captions = {e.slug: [dict(m.caption) for m in e.media.all()] for e in Event.objects.filter(collection__slug="rome")}
    return events, captions


def test_second_file_fills_the_other_language_only_and_reports_what_matched_nothing(tmp_path):
    _import(ROME, "--collection", "rome", "--lang", "en")
    english = {
        e.slug: (e.title["en"], e.summary.get("en"), e.date) for e in Event.objects.filter(collection__slug="rome")
    }
    out = _import(_turkish_rome(tmp_path, extra_slide=True), "--collection", "rome", "--as-translation", "--lang", "tr")

    king = Event.objects.get(collection__slug="rome", title__en="The last king is driven out")
    assert king.title["tr"] == "Son kral kovulur"
    assert king.summary["tr"].startswith("Gelenek, krallığın sonunu")
    assert king.media.first().caption["tr"] == "Brutus'u gösterdiği söylenen bir büst"
    for event in Event.objects.filter(collection__slug="rome"):
        assert (event.title["en"], event.summary.get("en"), event.date) == english[event.slug]
    rome = Collection.objects.get(slug="rome")
    assert rome.title["tr"] == "Cumhuriyetten İmparatorluğa" and rome.title["en"] == "From Republic to Empire"
    assert Era.objects.get(collection=rome, title__en="The Republic").title["tr"] == "Cumhuriyet"
    assert "matched by start date" in out
    untranslated = Event.objects.filter(collection__slug="rome").exclude(pk=king.pk)
    assert all("tr" not in event.title for event in untranslated)
    assert "slide 6" in out and "matches no event of the collection" in out


def test_a_disagreeing_date_is_reported_and_the_first_files_kept(tmp_path):
    _import(ROME, "--collection", "rome", "--lang", "en")
    before, _ = _state()
    out = _import(
        _turkish_rome(tmp_path, shift_second=True), "--collection", "rome", "--as-translation", "--lang", "tr"
    )
    assert "matched by position" in out and "this file says 1900" in out
    after, _ = _state()
    assert {slug: date for slug, (_, _, date) in after.items()} == {slug: d for slug, (_, _, d) in before.items()}


def test_importing_the_translation_again_changes_nothing(tmp_path):
    _import(ROME, "--collection", "rome", "--lang", "en")
    turkish = _turkish_rome(tmp_path)
    _import(turkish, "--collection", "rome", "--as-translation", "--lang", "tr")
    once = _state()
    out = _import(turkish, "--collection", "rome", "--as-translation", "--lang", "tr")
    assert _state() == once
    assert ": changed" not in out


@pytest.mark.parametrize(
    ("collection", "language", "said"),
    [("rome", "en", "already in"), ("nowhere", "tr", "No collection 'nowhere'")],
)
def test_same_language_or_missing_collection_is_refused_with_nothing_changed(tmp_path, collection, language, said):
    _import(ROME, "--collection", "rome", "--lang", "en")
    before = _state()
    with pytest.raises(CommandError, match=said):
        _import(_turkish_rome(tmp_path), "--collection", collection, "--as-translation", "--lang", language)
    assert _state() == before
    assert not Collection.objects.filter(slug="nowhere").exists()
