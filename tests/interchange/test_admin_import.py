"""The admin's import page end to end (upload, dry-run table, confirm) and the export buttons and actions."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chronology.models import Event, Status
from tests.factories import make_event, make_place

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:chronology_event_import")
CSV = (
    "slug,date,title_tr,title_en,summary_tr,summary_en,category,places\n"
    "fall-of-kars,1920-10-30,Kars'ın düşüşü,<script>alert(1)</script>Fall of Kars,Özet.,Summary.,military,kars\n"
)


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_user("curator", password="unused-in-tests", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_event", "change_event", "view_event"]))
    client.force_login(user)
    client.cookies["django_language"] = "en"  # these tests read the English messages (the admin is Turkish first)
    return client


def _upload(content: bytes, name="events.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_curator_uploads_sees_the_dry_run_then_confirms(curator):
    make_place(slug="kars")
    preview = curator.post(IMPORT, {"file": _upload(CSV.encode()), "format": "", "language": "tr"})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert [(row.slug, row.action) for row in preview.context["report"].rows] == [("fall-of-kars", "create")]
    assert 'class="import-create"' in page
    assert "<script>alert(1)" not in page  # the title is shown as text, never as markup
    assert not Event.objects.exists()

    token = preview.context["token"]
    applied = curator.post(IMPORT, {"token": token, "format": "", "language": "tr", "apply": "1"})

    assert applied.status_code == 302
    event = Event.objects.get(slug="fall-of-kars")
    assert event.status == Status.DRAFT
    assert event.title["en"] == "Fall of Kars"
    assert [p.slug for p in event.places.all()] == ["kars"]


def test_rejected_rows_are_shown_with_their_reason_and_confirming_saves_nothing(curator):
    preview = curator.post(IMPORT, {"file": _upload(CSV.encode()), "language": "tr"})
    assert "places: no place &#x27;kars&#x27; in the atlas" in preview.content.decode()

    refused = curator.post(IMPORT, {"token": preview.context["token"], "language": "tr", "apply": "1"})

    assert refused.status_code == 200
    assert "Nothing was imported" in refused.content.decode()
    assert not Event.objects.exists()


def test_a_file_that_is_not_what_it_says_gets_a_message_on_the_form(curator):
    response = curator.post(IMPORT, {"file": _upload("date,title_tr\n1920,Kars\n".encode("utf-16")), "language": "tr"})
    assert "UTF-16" in response.content.decode()
    assert not Event.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(curator, settings):
    settings.INTERCHANGE_MAX_BYTES = 1024
    response = curator.post(IMPORT, {"file": _upload(b"x" * 4096), "language": "tr"})
    assert "over the import limit" in response.content.decode()


def test_another_session_cannot_apply_someone_elses_upload(curator, client, django_user_model):
    make_place(slug="kars")
    token = curator.post(IMPORT, {"file": _upload(CSV.encode()), "language": "tr"}).context["token"]
    other = django_user_model.objects.create_superuser("other", password="unused-in-tests")
    client.logout()  # which forgets every cookie, the language's too
    client.force_login(other)
    client.cookies["django_language"] = "en"
    response = client.post(IMPORT, {"token": token, "language": "tr", "apply": "1"})
    assert "earlier upload has expired" in response.content.decode()
    assert not Event.objects.exists()


def test_staff_without_add_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="unused-in-tests", is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(IMPORT).status_code == 302


def test_export_buttons_and_action(curator):
    make_event(slug="treaty-of-kars", title={"tr": "Kars", "en": "<b>Kars</b>"})
    changelist = curator.get(reverse("admin:chronology_event_changelist")).content.decode()
    for format in ("corpus", "csv", "timelinejs", "timelinejs-csv"):
        assert f"format={format}" in changelist

    exported = curator.get(reverse("admin:chronology_event_export"), {"format": "timelinejs"})
    assert exported["Content-Disposition"].startswith("attachment;")
    assert [e["unique_id"] for e in json.loads(exported.content)["events"]] == ["treaty-of-kars"]

    action = curator.post(
        reverse("admin:chronology_event_changelist"),
        {"action": "export_csv", "_selected_action": [Event.objects.get().pk]},
    )
    assert action["Content-Type"].startswith("text/csv")
    assert "treaty-of-kars" in action.content.decode()


def test_a_timelinejs_preview_shows_the_detected_language_and_the_override_applies(curator, json_sample):
    content = json_sample.read_bytes()
    preview = curator.post(IMPORT, {"file": _upload(content, "women.json"), "language": ""})

    page = preview.content.decode()
    assert "Language: English, detected from the text" in page
    assert preview.context["form"]["language"].value() == "en"  # the select shows what the preview used
    assert '<option value="">detect from the text</option>' in page
    assert preview.context["report"].count("create") == len(json.loads(content)["events"])
    assert not Event.objects.exists()

    applied = curator.post(IMPORT, {"token": preview.context["token"], "language": "tr", "apply": "1"})

    assert applied.status_code == 302
    assert Event.objects.get(slug="ada-lovelace").title == {"tr": "Ada Lovelace"}


def test_a_timelinejs_preview_shows_each_slides_warnings(curator):
    slides = {"events": [{"start_date": {"year": "1921"}, "text": {"text": "<p>Talks begin in Moscow today.</p>"}}]}
    preview = curator.post(IMPORT, {"file": _upload(json.dumps(slides).encode(), "t.json"), "language": "en"})

    page = preview.content.decode()
    assert 'class="import-warnings"' in page
    assert "the title “Talks begin in Moscow today.” was made from the slide" in page


ROME = Path(__file__).parent / "timelines" / "roman_republic.json"


def _rome(name="rome.json"):
    return SimpleUploadedFile(name, ROME.read_bytes(), content_type="application/json")


def _preview(curator, fields: dict):
    preview = curator.post(IMPORT, {"file": _rome(), "language": "en", **fields})
    assert preview.status_code == 200, preview.content[:300]
    assert not preview.context["form"].errors, preview.context["form"].errors
    return preview


def _apply(curator, preview, fields: dict):
    return curator.post(IMPORT, {"token": preview.context["token"], "language": "en", **fields, "apply": "1"})


def test_a_timeline_imported_into_a_new_collection_brings_its_title_slide_and_eras(curator):
    from chronology.models import Collection, Era

    preview = _preview(curator, {"new_collection": "rome"})
    assert not Collection.objects.filter(slug="rome").exists(), "the preview saves nothing"
    # The preview page keeps the chosen collection for the confirming step.
    assert 'value="rome"' in preview.content.decode()
    applied = _apply(curator, preview, {"new_collection": "rome"})

    assert applied.status_code == 302
    rome = Collection.objects.get(slug="rome")
    assert rome.title["en"] == "From Republic to Empire"
    assert Era.objects.filter(collection=rome, title__en="The Republic").exists()
    assert Event.objects.filter(collection=rome).count() == len(json.loads(ROME.read_text())["events"])
    assert not Event.objects.exclude(collection=rome).exists()


def test_a_timeline_imported_into_a_chosen_collection_and_then_its_translation(curator):
    from chronology.models import Collection

    Collection.objects.create(slug="rome", title={"en": "Rome"})
    _apply(curator, _preview(curator, {"collection": "rome"}), {"collection": "rome"})
    data = json.loads(ROME.read_text())
    data["events"][0]["text"] = {"headline": "Son kral kovulur", "text": "<p>Krallık biter, konsüller gelir.</p>"}
    turkish = SimpleUploadedFile("roma.json", json.dumps(data).encode(), content_type="application/json")
    fields = {"collection": "rome", "as_translation": "on", "language": "tr"}
    preview = curator.post(IMPORT, {"file": turkish, **fields})
    assert preview.status_code == 200 and not preview.context["form"].errors
    event = Event.objects.get(
        collection__slug="rome", title__en=json.loads(ROME.read_text())["events"][0]["text"]["headline"]
    )
    assert "tr" not in event.title, "the preview saves nothing"

    curator.post(IMPORT, {"token": preview.context["token"], **fields, "apply": "1"})
    event.refresh_from_db()
    assert event.title["tr"] == "Son kral kovulur"


def test_a_translation_needs_a_chosen_collection_and_a_new_one_a_free_address(curator):
    from chronology.models import Collection

    Collection.objects.create(slug="rome", title={"en": "Rome"})
    untargeted = curator.post(IMPORT, {"file": _rome(), "language": "tr", "as_translation": "on"})
    assert "Choose the collection whose events the file translates." in untargeted.content.decode()
    taken = curator.post(IMPORT, {"file": _rome(), "language": "en", "new_collection": "rome"})
    assert "exists already" in taken.content.decode()
    assert not Event.objects.exists()


def test_a_curator_given_one_collection_imports_only_into_it_and_makes_none(curator, django_user_model):
    from chronology.models import Collection

    mine = Collection.objects.create(slug="mine", title={"en": "Mine"})
    Collection.objects.create(slug="theirs", title={"en": "Theirs"})
    mine.curators.add(django_user_model.objects.get(username="curator"))

    form = curator.get(IMPORT).context["form"]
    assert [c.slug for c in form.fields["collection"].queryset] == ["mine"]
    assert "new_collection" not in form.fields
    refused = curator.post(IMPORT, {"file": _rome(), "language": "en", "collection": "theirs"})
    assert refused.context["form"].errors["collection"]
    assert not Event.objects.exists()
