"""The offline lesson file carries its steps' pictures inside it (phone thumbnails as data: URIs) within its
stated budget, says which it left out, and shows links to other sites as text cards; curator text stays text."""

import base64
import io
import re

import pytest
from PIL import Image

from chronology.media import PHONE_WIDTH
from chronology.models import EventMedia
from frontend import lesson_pages
from tests.factories import make_uploaded_image
from tests.frontend.test_lesson_pages import (
    lesson,  # noqa: F401 (the fixture)
    outside_references,
)

OFFLINE = "/lessons/road/offline.html?lang=en"
IMG = re.compile(r'<img src="(data:image/jpeg;base64,[^"]+)" alt="([^"]*)">')


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _photo():
    return Image.effect_noise((1200, 800), 60).convert("RGB")  # a photo's worth of detail, for the size budget


@pytest.fixture
def illustrated(lesson):  # noqa: F811
    first, second = (step.event for step in lesson.steps.order_by("position"))
    make_uploaded_image(
        first,
        picture=_photo(),
        caption={"en": "The letter <script>alert(1)</script>"},
        credit="Archive",
        alt={"en": "A page"},
    )
    make_uploaded_image(second, picture=_photo(), caption={"en": "The signing"}, alt={"en": "Delegates"}, position=0)
    EventMedia.objects.create(
        event=second,
        kind="document",
        url="https://example.org/treaty.pdf",
        caption={"en": "The treaty's text"},
        position=1,
    )
    return lesson


def test_each_steps_picture_is_inside_the_file_with_its_alt_caption_and_credit(client, illustrated):
    page = client.get(OFFLINE).content.decode()
    images = IMG.findall(page)
    assert [alt for _src, alt in images] == ["A page", "Delegates"]
    for src, _alt in images:
        picture = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
        assert picture.width == PHONE_WIDTH
    assert "The letter &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Credit: Archive" in page
    # Nothing is fetched: the only outside address is the link card's, which the reader follows when online.
    assert [ref for ref in outside_references(page) if not ref.startswith("data:image/")] == [
        "https://example.org/treaty.pdf"
    ]
    assert "/media/" not in page
    assert (
        'Document: <a href="https://example.org/treaty.pdf" rel="noopener noreferrer">The treaty&#x27;s text</a>'
        in page
    )


def test_pictures_beyond_the_budget_are_left_out_and_say_so(client, illustrated, monkeypatch):
    first_size = len(IMG.findall(client.get(OFFLINE).content.decode())[0][0])
    monkeypatch.setattr(lesson_pages, "OFFLINE_IMAGES_BUDGET", first_size + 10)
    page = client.get(OFFLINE).content.decode()
    assert [alt for _src, alt in IMG.findall(page)] == ["A page"]
    assert "The signing: the picture is left out to keep this file small; the atlas shows it." in page


def test_the_budget_holds_a_whole_lesson_of_photos():
    # Ten steps of photo thumbnails (tens of KB each) fit with room to spare; one picture can never take it all.
    assert lesson_pages.OFFLINE_IMAGE_MAX * 10 < lesson_pages.OFFLINE_IMAGES_BUDGET
