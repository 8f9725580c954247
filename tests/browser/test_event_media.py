"""The panel shows an event's media: a stored image with its caption, credit and alt text, the phone's
thumbnail on a phone, and what is held elsewhere as a link card, never embedded; curator text stays text."""

from __future__ import annotations

import pytest

from chronology.models import Event, EventMedia
from tests.factories import make_uploaded_image

pytestmark = pytest.mark.browser

EVENT = "test-letter-to-lenin"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    event = Event.objects.get(slug=EVENT)
    image = make_uploaded_image(
        event,
        caption={"tr": "Mektubun ilk sayfası", "en": "The letter's first page <img src=x onerror=alert(1)>"},
        credit="State Archive",
        alt={"tr": "El yazısı bir sayfa", "en": "A handwritten page"},
        position=0,
    )
    EventMedia.objects.create(
        event=event, kind="video", url="https://www.youtube.com/watch?v=abc", caption={"en": "A newsreel"}, position=1
    )
    EventMedia.objects.create(event=event, kind="link", url="javascript:alert(1)", position=2)  # stored by a bug
    return image


def _panel(page):
    article = page.locator(f'.panel-event[data-event="{EVENT}"]:not([aria-busy])')
    article.wait_for()
    return article.locator(".panel-section-media")


def test_the_panel_shows_the_image_with_its_caption_credit_and_alt_and_links_the_rest(open_atlas, media):
    errors = []
    page = open_atlas(f"?lang=en&event={EVENT}")
    page.on("pageerror", lambda error: errors.append(error))
    section = _panel(page)
    assert section.locator("h3").text_content() == "Pictures and links"
    image = section.locator("figure img")
    assert image.get_attribute("alt") == "A handwritten page"
    # Loaded from the site itself (the CSP allows no other host's image), a thumbnail the browser chose.
    page.wait_for_function("() => document.querySelector('.panel-section-media img').naturalWidth > 0")
    shown = image.evaluate("img => new URL(img.currentSrc).pathname")
    assert shown in (f"/media/{media.thumbnail_panel.name}", f"/media/{media.thumbnail_phone.name}")
    assert section.locator("figure a").get_attribute("href") == f"/media/{media.image.name}"
    caption = section.locator("figcaption")
    assert (
        caption.locator(".panel-media-caption").text_content() == "The letter's first page <img src=x onerror=alert(1)>"
    )
    assert caption.locator(".panel-media-credit").text_content() == "Credit: State Archive"
    assert section.locator("figcaption img").count() == 0
    cards = section.locator(".panel-media-card a")
    assert cards.count() == 1  # the javascript: address is no link at all
    assert cards.get_attribute("href") == "https://www.youtube.com/watch?v=abc"
    assert cards.locator(".panel-media-kind").text_content() == "Video"
    assert cards.locator(".panel-media-caption").text_content() == "A newsreel"
    assert page.locator("iframe, video, audio").count() == 0
    assert errors == []


def test_in_turkish_the_panel_says_it_in_turkish(open_atlas, media):
    section = _panel(open_atlas(f"?lang=tr&event={EVENT}"))
    assert section.locator("h3").text_content() == "Görseller ve bağlantılar"
    assert section.locator("figure img").get_attribute("alt") == "El yazısı bir sayfa"
    assert section.locator(".panel-media-caption").first.text_content() == "Mektubun ilk sayfası"
    assert section.locator(".panel-media-credit").first.text_content() == "Künye: State Archive"


def test_a_phone_loads_the_phone_thumbnail_in_the_sheet(open_atlas, media, page):
    page.set_viewport_size({"width": 390, "height": 844})
    section = _panel(open_atlas(f"?lang=en&event={EVENT}"))
    page.wait_for_function("() => document.querySelector('.panel-section-media img').naturalWidth > 0")
    assert section.locator("figure img").evaluate("img => img.currentSrc").endswith(media.thumbnail_phone.name)


def _lesson_of(event_slug: str):
    from lessons.models import Lesson, LessonStep

    lesson = Lesson.objects.create(slug="media-lesson", title={"tr": "Ders", "en": "Lesson"}, status="published")
    LessonStep.objects.create(lesson=lesson, event=Event.objects.get(slug=event_slug), position=1)
    return lesson


def test_present_mode_projects_the_image_and_the_presenter_sees_every_medium(open_atlas, media, page, live_server):
    _lesson_of(EVENT)
    page = open_atlas("?lang=en&mode=present&lesson=media-lesson&step=1")
    stage = page.locator(".present-text .present-media")
    stage.locator("img").wait_for()
    assert stage.locator("img").get_attribute("alt") == "A handwritten page"
    assert stage.locator(".panel-media-credit").text_content() == "Credit: State Archive"
    assert stage.locator(".panel-media-card").count() == 0  # a link is no use on the wall
    presenter = page.context.new_page()
    presenter.goto(f"{live_server.url}/?lang=en&mode=presenter&lesson=media-lesson&step=1")
    presenter.wait_for_selector("html[data-ready]")
    media_of_step = presenter.locator(".presenter-current .present-media")
    media_of_step.locator("img").wait_for()
    assert media_of_step.locator(".panel-media-card a").get_attribute("href") == "https://www.youtube.com/watch?v=abc"
