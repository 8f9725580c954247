"""An event's media: uploaded images checked by their bytes and re-encoded without metadata, thumbnails for the
panel and the phone, external links, and bad files refused in the admin with nothing saved lost."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from chronology.media import MAX_UPLOAD_BYTES, PANEL_WIDTH, PHONE_WIDTH, image_prepare, kind_of_link
from chronology.models import Event, EventMedia
from tests.chronology.test_admin import _event_form
from tests.factories import make_event, make_uploaded_image

SCRIPT = b"<script>alert('from the upload')</script>"
SVG_WITH_SCRIPT = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(format="JPEG", size=(1600, 900), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (180, 40, 30) if mode == "RGB" else (180, 40, 30, 128)).save(buffer, format=format, **save)
    return buffer.getvalue()


def jpeg_with_gps_and_script() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "<script>alert('in the description')</script>"  # ImageDescription
    exif[0x8825] = {2: (40.0, 36.0, 0.0), 4: (44.0, 30.0, 0.0)}  # GPSInfo: where the camera stood
    return image_bytes(exif=exif, comment=SCRIPT) + SCRIPT  # and a script after the image's end


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


# ---- the checks and the re-encoding ----------------------------------------------------------------------


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_each_accepted_format_is_stored_re_encoded_with_two_thumbnails(format):
    prepared = image_prepare(upload(image_bytes(format=format)))
    stored = Image.open(prepared.image)
    assert stored.format in ("JPEG", "PNG") and stored.size == (1600, 900)
    assert (prepared.width, prepared.height) == (1600, 900)
    assert Image.open(prepared.panel).size == (PANEL_WIDTH, round(900 * PANEL_WIDTH / 1600))
    assert Image.open(prepared.phone).size == (PHONE_WIDTH, round(900 * PHONE_WIDTH / 1600))


def test_transparency_is_kept_as_png_and_a_photo_becomes_jpeg():
    assert Image.open(image_prepare(upload(image_bytes("PNG", mode="RGBA"))).image).format == "PNG"
    assert Image.open(image_prepare(upload(image_bytes("PNG"))).image).format == "JPEG"


def test_metadata_and_anything_hidden_in_the_file_are_gone():
    original = jpeg_with_gps_and_script()
    assert b"<script" in original and Image.open(io.BytesIO(original)).getexif()
    prepared = image_prepare(upload(original))
    for stored in (prepared.image, prepared.panel, prepared.phone):
        data = stored.read()
        assert b"<script" not in data and b"GPS" not in data
        reopened = Image.open(io.BytesIO(data))
        assert not reopened.getexif() and "comment" not in reopened.info


def test_stored_names_are_the_atlas_own_not_the_curators():
    prepared = image_prepare(upload(image_bytes(), name="../../etc/<b>passwd</b>.jpg"))
    assert "passwd" not in prepared.image.name and "/" not in prepared.image.name
    assert prepared.image.name.endswith(".jpg") and prepared.phone.name.endswith("-phone.jpg")


def test_a_phone_photo_is_stored_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to view
    prepared = image_prepare(upload(image_bytes(size=(400, 300), exif=exif)))
    assert (prepared.width, prepared.height) == (300, 400)


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (SCRIPT, "photo.jpg", "text (a script or a web page), not an image"),
        (b"#!/bin/sh\nrm -rf /\n", "photo.jpg", "text (a script or a web page), not an image"),
        (SVG_WITH_SCRIPT, "drawing.svg", "SVG drawings are not accepted"),
        (b"\xef\xbb\xbf  <svg onload='alert(1)'/>", "drawing.png", "SVG drawings are not accepted"),
        (b"%PDF-1.4 not a picture", "scan.jpg", "not a JPEG, PNG, WebP or GIF image"),
        (image_bytes(format="BMP"), "old.jpg", "not a JPEG, PNG, WebP or GIF image"),
        (image_bytes()[:200], "cut.jpg", "not a JPEG, PNG, WebP or GIF image"),
    ],
)
def test_what_is_not_an_accepted_image_is_refused_saying_what_to_upload(data, name, said):
    with pytest.raises(ValidationError) as refused:
        image_prepare(upload(data, name=name))
    assert said in refused.value.messages[0]


def test_a_file_over_the_size_limit_is_refused_with_its_size_and_the_limit():
    with pytest.raises(ValidationError) as refused:
        image_prepare(upload(b"\xff\xd8\xff" + bytes(50 * 1024 * 1024)))
    assert refused.value.messages[0].startswith("This file is 50 MB; images may be at most 10 MB.")


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded():
    huge = image_bytes(format="PNG", size=(8000, 6000))  # 48 million pixels, a small file
    assert len(huge) < MAX_UPLOAD_BYTES
    with pytest.raises(ValidationError) as refused:
        image_prepare(upload(huge, name="huge.png"))
    assert "8000 × 6000 pixels; at most 40 million" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://commons.wikimedia.org/wiki/File:Lucius_Junius_Brutus.jpg", "image"),
        ("https://www.youtube.com/watch?v=abc", "video"),
        ("https://example.org/speech.mp3", "audio"),
        ("https://example.org/treaty.pdf", "document"),
        ("https://example.org/about", "link"),
    ],
)
def test_an_external_link_is_labelled_by_what_it_most_likely_holds(url, kind):
    assert kind_of_link(url) == kind


# ---- the model's rules -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_uploaded_image_needs_alt_text():
    prepared = image_prepare(upload(image_bytes()))
    medium = EventMedia(event=make_event(), kind="image", image=prepared.image, caption={"en": "A photo"})
    with pytest.raises(ValidationError) as refused:
        medium.full_clean()
    assert "alt" in refused.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "said"),
    [
        ({"kind": "video"}, "url", "Upload an image or give the medium's external link."),
        ({"kind": "link", "url": "javascript:alert(1)"}, "url", "Give an http or https address"),
        ({"kind": "link", "url": "ftp://example.org/a"}, "url", "Give an http or https address"),
    ],
)
def test_a_medium_without_a_usable_address_is_refused(fields, field, said):
    with pytest.raises(ValidationError) as refused:
        EventMedia(event=make_event(), **fields).full_clean()
    assert any(said in message for message in refused.value.message_dict[field])


@pytest.mark.django_db
def test_an_external_video_needs_no_alt_text():
    EventMedia(event=make_event(), kind="video", url="https://vimeo.com/1").full_clean()


# ---- the admin -------------------------------------------------------------------------------------------


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    client.cookies["django_language"] = "en"
    return client


def _with_medium(data: bytes, name="photo.jpg", **fields):
    return _event_form(
        **{
            "media-TOTAL_FORMS": "1",
            "media-0-kind": "image",
            "media-0-image": upload(data, name=name),
            "media-0-url": "",
            "media-0-caption_0": "Moskova'da imza",
            "media-0-caption_1": "Signing in Moscow",
            "media-0-credit": "Archive <b>photo</b>",
            "media-0-alt_0": "Masa başında iki heyet",
            "media-0-alt_1": "Two delegations at a table",
            "media-0-position": "0",
            **fields,
        }
    )


def test_a_curator_uploads_an_image_on_the_event_and_its_files_are_stored(curator, media_root):
    response = curator.post(reverse("admin:chronology_event_add"), _with_medium(jpeg_with_gps_and_script()))
    assert response.status_code == 302, response.context and response.context["inline_admin_formsets"]
    medium = Event.objects.get(slug="moscow-treaty").media.get()
    assert medium.alt == {"tr": "Masa başında iki heyet", "en": "Two delegations at a table"}
    assert (medium.width, medium.height) == (1600, 900)
    for stored in (medium.image, medium.thumbnail_panel, medium.thumbnail_phone):
        path = media_root / stored.name
        assert path.is_file() and b"<script" not in path.read_bytes()
    assert Image.open(media_root / medium.thumbnail_phone.name).width == PHONE_WIDTH
    # The change page shows what was stored, so the curator sees the re-encoded image before publishing.
    page = curator.get(reverse("admin:chronology_event_change", args=[medium.event.pk])).content.decode()
    assert f'<img src="/media/{medium.thumbnail_panel.name}" alt="Two delegations at a table" width="240">' in page


def _errors(response) -> list[str]:
    return [message for formset in response.context["inline_admin_formsets"] for message in _messages(formset)]


def _messages(inline) -> list[str]:
    return [str(error) for form in inline.formset.forms for errors in form.errors.values() for error in errors]


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (bytes(50 * 1024 * 1024), "big.jpg", "This file is 50 MB; images may be at most 10 MB."),
        (SCRIPT, "photo.jpg", "This file is text (a script or a web page), not an image"),
        (SVG_WITH_SCRIPT, "drawing.svg", "SVG drawings are not accepted"),
    ],
)
def test_a_bad_file_is_named_on_its_field_and_the_stored_event_is_untouched(curator, media_root, data, name, said):
    event = make_event(slug="moscow-treaty", title={"tr": "Eski", "en": "Old"})
    kept = EventMedia.objects.create(event=event, kind="link", url="https://example.org/kept", position=1)
    form = _with_medium(data, name=name, **{"title_1": "Changed title"})
    response = curator.post(reverse("admin:chronology_event_change", args=[event.pk]), form)
    assert response.status_code == 200
    assert any(said in message for message in _errors(response))
    # The typed title is shown again for the curator to keep; nothing stored changed, no file was written.
    assert response.context["adminform"].form["title"].value() == ["Moskova Antlaşması", "Changed title"]
    event.refresh_from_db()
    assert event.title == {"tr": "Eski", "en": "Old"}
    assert list(event.media.all()) == [kept]
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


# ---- the corpus format ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_corpus_export_names_the_stored_image_and_loads_back_with_its_thumbnails(tmp_path):
    from chronology.corpus import corpus_load
    from chronology.corpus.exporting import corpus_export

    event = make_event(slug="kars")
    picture = Image.new("RGB", (1600, 900), (180, 40, 30))
    stored = make_uploaded_image(event, picture=picture, alt={"en": "A photo"}, caption={"en": "Kars"})
    EventMedia.objects.create(event=event, kind="video", url="https://vimeo.com/7", credit="Film archive", position=1)
    exported = corpus_export()
    assert f"image: {stored.image.name}" in exported
    EventMedia.objects.all().delete()  # the rows, not the files

    (tmp_path / "atlas.yaml").write_text(exported, encoding="utf-8")
    corpus_load(path=tmp_path / "atlas.yaml")
    image, video = event.media.order_by("position")
    assert image.image.name == stored.image.name and image.thumbnail_phone.name == stored.thumbnail_phone.name
    assert (image.width, image.height) == (1600, 900) and image.alt == {"en": "A photo"}
    assert (video.url, video.credit) == ("https://vimeo.com/7", "Film archive")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["events/0123456789abcdef0123456789abcdef.jpg", "../../etc/passwd", "events/x.svg"])
def test_a_corpus_naming_an_image_the_atlas_does_not_store_says_so_and_loads_nothing(tmp_path, name):
    from chronology.corpus import CorpusInvalid, corpus_load
    from chronology.corpus.exporting import corpus_export

    make_event(slug="kars")
    exported = corpus_export()
    assert "- slug: kars\n" in exported
    corpus = exported.replace(
        "- slug: kars\n", f"- slug: kars\n  media:\n  - image: {name}\n    alt:\n      en: A photo\n", 1
    )
    (tmp_path / "atlas.yaml").write_text(corpus, encoding="utf-8")
    with pytest.raises(CorpusInvalid) as refused:
        corpus_load(path=tmp_path / "atlas.yaml")
    assert f"No image '{name}' is stored by the atlas" in str(refused.value)
    assert not EventMedia.objects.exists()


@pytest.mark.django_db
def test_restoring_an_events_version_brings_back_a_deleted_image_with_its_files(media_root):
    import reversion
    from reversion.models import Version

    event = make_event(slug="kars")
    prepared = image_prepare(upload(image_bytes()))
    with reversion.create_revision():
        EventMedia.objects.create(
            event=event, kind="image", image=prepared.image, thumbnail_panel=prepared.panel,
            thumbnail_phone=prepared.phone, width=1600, height=900, alt={"en": "A photo"},
        )  # fmt: skip
        event.save()
    good = Version.objects.get_for_object(event).first()
    with reversion.create_revision():
        event.media.all().delete()
        event.save()

    good.revision.revert(delete=True)
    restored = event.media.get()
    assert restored.alt == {"en": "A photo"}
    assert (media_root / restored.image.name).is_file() and (media_root / restored.thumbnail_phone.name).is_file()
