"""The admin speaks Turkish: every project string has a Turkish translation, the compiled catalog is the
one the .po says, and a curator's language choice sticks."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_event

CATALOG = Path(settings.BASE_DIR) / "locale" / "tr" / "LC_MESSAGES" / "django.po"


def test_every_project_string_is_translated_to_turkish_and_none_is_fuzzy():
    catalog = polib.pofile(str(CATALOG))
    untranslated = [entry.msgid for entry in catalog if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalog if "fuzzy" in entry.flags]
    assert len(catalog) > 100
    assert untranslated == [] and fuzzy == [], f"untranslated: {untranslated}; fuzzy: {fuzzy}"


def _is_source(folder: str, names: list[str]) -> set[str]:
    """copytree's ignore: only what makemessages reads (code, templates) and the catalogs it merges into."""
    skipped = {".git", ".venv", "node_modules", "__pycache__", "staticfiles"}
    return {
        name
        for name in names
        if name in skipped
        or (Path(folder, name).is_file() and Path(name).suffix not in {".py", ".html", ".txt", ".po"})
    }


def test_the_catalog_holds_every_string_the_code_marks_translated_and_none_it_does_not(tmp_path, settings, monkeypatch):
    # `make messages` run on a copy: makemessages writes beside the files it reads and merges into the catalog.
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=_is_source)
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["tr"], no_obsolete=True, verbosity=0)

    committed = polib.pofile(str(CATALOG))
    translated = {(e.msgctxt, e.msgid) for e in committed if e.translated() and "fuzzy" not in e.flags}
    collected = polib.pofile(str(copy / CATALOG.relative_to(settings.BASE_DIR)))
    assert len(collected) > 100  # the collection really read the code
    missing = [
        f"{e.msgid!r} ({', '.join(f'{f}:{n}' for f, n in e.occurrences)})"
        for e in collected
        if (e.msgctxt, e.msgid) not in translated
    ]
    assert missing == [], "run `make messages` and translate in locale/tr/LC_MESSAGES/django.po:\n" + "\n".join(missing)
    # An entry no code marks is dropped by the next `make messages`: text the code produces but does not mark
    # (an entry added by hand) would lose its Turkish then, so mark it where the code produces it.
    marked = {(e.msgctxt, e.msgid) for e in collected}
    unmarked = [e.msgid for e in committed if (e.msgctxt, e.msgid) not in marked]
    assert unmarked == [], f"marked nowhere in the code (mark it, or run `make messages` to drop it): {unmarked}"


def test_the_committed_mo_is_compiled_from_the_po():
    source = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in polib.pofile(str(CATALOG)) if e.translated()}
    compiled = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in polib.mofile(str(CATALOG.with_suffix(".mo")))}
    assert source <= compiled, "run `make messages` to compile locale/tr/LC_MESSAGES/django.mo"


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    return client


def test_the_event_list_is_in_turkish_by_default_and_in_english_once_chosen_and_the_choice_sticks(curator):
    make_event()  # the list shows its actions only with something to act on
    changelist = reverse("admin:chronology_event_changelist")
    page = curator.get(changelist).content.decode()
    assert "Seçili olayları yayımla" in page and "Dili değiştir" in page

    response = curator.post(reverse("set_language"), {"language": "en", "next": changelist})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    for _visit in range(2):  # not just the next page: every later one
        page = curator.get(changelist).content.decode()
        assert "Publish the selected events" in page and "Seçili olayları yayımla" not in page

    curator.post(reverse("set_language"), {"language": "tr", "next": changelist})
    assert "Seçili olayları yayımla" in curator.get(changelist).content.decode()


def test_the_event_form_labels_and_choices_are_in_turkish(curator):
    page = curator.get(reverse("admin:chronology_event_add")).content.decode()
    for turkish in (
        "Kaynaklardaki olgulardan, kendi cümlelerinizle.",
        "antlaşma",
        "imzalandığı yer",
        "Atıflar",
        "olay ekle",
    ):
        assert turkish in page
