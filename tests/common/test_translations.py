"""The admin speaks Turkish: every project string has a Turkish translation, the compiled catalog is the
one the .po says, and a curator's language choice sticks."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_event

CATALOG = Path(settings.BASE_DIR) / "locale" / "tr" / "LC_MESSAGES" / "django.po"


def test_every_project_string_is_translated_to_turkish_and_none_is_fuzzy():
    catalog = polib.pofile(str(CATALOG))
    untranslated = [entry.msgid for entry in catalog if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalog if "fuzzy" in entry.flags]
    assert len(catalog) > 100
    assert untranslated == [] and fuzzy == [], f"untranslated: {untranslated}; fuzzy: {fuzzy}"


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
