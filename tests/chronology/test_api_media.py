"""An event's media in the API: uploaded images with their thumbnails' addresses, size, caption, credit and alt
in the asked language, and external links marked as such, in the curator's order."""

import io

import pytest
from PIL import Image

from chronology.models import EventMedia
from tests.factories import make_event, make_uploaded_image

EVENT = "/api/v1/events/{}/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def uploaded_medium(event, **fields):
    return make_uploaded_image(event, picture=Image.new("RGB", (1200, 800), (20, 90, 160)), format="PNG", **fields)


def test_an_event_carries_its_images_and_links_in_order_in_the_asked_language(api):
    event = make_event(slug="moscow-treaty")
    EventMedia.objects.create(
        event=event, kind="video", url="https://vimeo.com/42", caption={"en": "Newsreel"}, credit="Pathé", position=2
    )
    image = uploaded_medium(
        event,
        caption={"tr": "İmza töreni", "en": "The signing"},
        credit="Devlet Arşivi",
        alt={"tr": "Masada iki heyet", "en": "Two delegations at a table"},
        position=1,
    )
    media = api.get(EVENT.format("moscow-treaty"), {"lang": "en"}).json()["media"]
    assert media == [
        {
            "kind": "image",
            "uploaded": True,
            "url": f"/media/{image.image.name}",
            "panel": f"/media/{image.thumbnail_panel.name}",
            "phone": f"/media/{image.thumbnail_phone.name}",
            "width": 1200,
            "height": 800,
            "caption": "The signing",
            "credit": "Devlet Arşivi",
            "alt": "Two delegations at a table",
        },
        {
            "kind": "video",
            "uploaded": False,
            "url": "https://vimeo.com/42",
            "panel": None,
            "phone": None,
            "width": None,
            "height": None,
            "caption": "Newsreel",
            "credit": "Pathé",
            "alt": "",
        },
    ]
    assert api.get(EVENT.format("moscow-treaty"), {"lang": "tr"}).json()["media"][0]["caption"] == "İmza töreni"


def test_the_served_thumbnail_is_the_image_the_api_names(api, client):
    image = uploaded_medium(make_event(slug="kars"), alt={"en": "A map"})
    phone = api.get(EVENT.format("kars")).json()["media"][0]["phone"]
    response = client.get(phone)
    assert response["Content-Type"] == "image/jpeg"  # an opaque PNG is stored as a photo
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).width == 400
    assert image.thumbnail_phone.name in phone


def test_an_event_without_media_says_so_with_an_empty_list(api):
    make_event(slug="plain")
    assert api.get(EVENT.format("plain")).json()["media"] == []


def test_a_shared_links_first_paint_shows_the_stored_image_before_any_script(client, db):
    event = make_event(slug="kars")
    image = uploaded_medium(
        event, alt={"tr": "Kale", "en": "The fortress"}, caption={"en": "Kars <b>1920</b>"}, credit="Archive"
    )
    EventMedia.objects.create(event=event, kind="video", url="https://vimeo.com/1", position=1)
    page = client.get("/?event=kars&lang=en").content.decode()
    assert f'<img src="/media/{image.thumbnail_panel.name}" srcset="/media/{image.thumbnail_phone.name} 400w' in page
    assert 'alt="The fortress" width="1200" height="800"' in page
    assert '<span class="panel-media-caption">Kars &lt;b&gt;1920&lt;/b&gt;</span>' in page
    assert '<span class="panel-media-credit">Credit: Archive</span>' in page
    assert "vimeo.com" not in page  # link cards come with the script
    assert "Künye: Archive" in client.get("/?event=kars&lang=tr").content.decode()
