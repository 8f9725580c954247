"""Embeds (issue 21): the embed views are the only pages other sites may frame, oEmbed turns an atlas address
into one of them, the page says where its oEmbed is, and curator text stays text in all of it."""

from __future__ import annotations

import html
import re

import pytest

from chronology.models import Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event, make_place
from tests.xss_payloads import PAYLOADS, translated

HOST = "http://testserver"


@pytest.fixture
def event(db):
    kars = make_place(slug="kars", latitude=40.6, longitude=43.1)
    return make_event(slug="treaty-of-kars", places=[kars], title={"tr": "Kars Antlaşması", "en": "Treaty of Kars"})


@pytest.fixture
def lesson(event):
    lesson = Lesson.objects.create(slug="borders", title={"tr": "Sınırlar", "en": "Borders"}, status=Status.PUBLISHED)
    LessonStep.objects.create(lesson=lesson, event=event, position=1, caption={"tr": "Kars", "en": "Kars"})
    return lesson


def _frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]*)", policy).group(1).strip()


@pytest.mark.parametrize(
    "path", ["/embed/", "/embed/?collection=anything", "/embed/events/treaty-of-kars/", "/embed/lessons/borders/"]
)
def test_the_embed_views_may_be_framed_by_any_site(client, lesson, path):
    response = client.get(path)
    assert response.status_code == 200
    assert _frame_ancestors(response) == "*"
    assert "X-Frame-Options" not in response
    # Only framing is opened: the rest of the site's policy still holds.
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?event=treaty-of-kars",
        "/lessons/borders/",
        "/lessons/",
        "/api/v1/places/",
        "/admin/login/",
        "/oembed?url=http://testserver/",
    ],
)
def test_every_other_page_refuses_to_be_framed(client, lesson, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert _frame_ancestors(response) == "'none'"


def test_the_event_embed_is_a_card_that_opens_the_atlas_in_a_new_tab(client, event):
    page = client.get("/embed/events/treaty-of-kars/?lang=en").content.decode()
    assert '<h1 class="embed-title">Treaty of Kars</h1>' in page
    assert "The passage on treaty-of-kars." in page  # the cited passage, quoted
    assert '<circle class="place" cx="240.0" cy="100.0"' in page  # its one place, amid the small SVG map
    assert 'href="http://testserver/?lang=en&amp;event=treaty-of-kars" target="_blank" rel="noopener"' in page
    assert "<script" not in page


def test_an_unknown_or_draft_event_has_no_embed(client, event):
    make_event(slug="draft-one", status=Status.DRAFT)
    assert client.get("/embed/events/nothing-here/").status_code == 404
    assert client.get("/embed/events/draft-one/").status_code == 404
    assert client.get("/embed/lessons/nothing-here/").status_code == 404


def test_the_atlas_embed_lists_the_events_and_carries_the_collection(client, event):
    page = client.get("/embed/?collection=caucasus&lang=en").content.decode()
    assert "Treaty of Kars" in page
    assert "collection=caucasus" in page


def _oembed(client, url, **params):
    return client.get("/oembed", {"url": url, **params})


@pytest.mark.parametrize(
    ("url", "embed", "title"),
    [
        ("/", "/embed/", "Chronoatlas"),
        ("/?event=treaty-of-kars&lang=en", "/embed/events/treaty-of-kars/?lang=en", "Treaty of Kars"),
        ("/lessons/borders/?lang=en", "/embed/lessons/borders/?lang=en", "Borders"),
        ("/?lesson=borders&step=1&lang=en", "/embed/lessons/borders/?lang=en", "Borders"),
        ("/embed/events/treaty-of-kars/?lang=tr", "/embed/events/treaty-of-kars/?lang=tr", "Kars Antlaşması"),
    ],
)
def test_oembed_answers_a_rich_iframe_for_an_atlas_address(client, lesson, url, embed, title):
    response = _oembed(client, HOST + url, format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert {k: answer[k] for k in ("version", "type", "provider_name", "provider_url", "title")} == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Chronoatlas",
        "provider_url": HOST + "/",
        "title": title,
    }
    src = re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1)
    assert html.unescape(src) == HOST + embed
    assert f'width="{answer["width"]}" height="{answer["height"]}"' in answer["html"]


def test_oembed_keeps_within_the_consumers_size(client, event):
    answer = _oembed(client, HOST + "/?event=treaty-of-kars", maxwidth="300", maxheight="200").json()
    assert (answer["width"], answer["height"]) == (300, 200)
    assert 'width="300" height="200"' in answer["html"]
    wide = _oembed(client, HOST + "/?event=treaty-of-kars", maxwidth="5000").json()
    assert wide["width"] < 5000


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/?event=treaty-of-kars",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        HOST + "/admin/",
        HOST + "/?event=no-such-event",
        HOST + "/lessons/no-such-lesson/",
    ],
)
def test_oembed_is_404_for_an_address_that_is_not_ours_or_not_embeddable(client, lesson, url):
    response = _oembed(client, url)
    assert response.status_code == 404
    assert "atlas" in response.content.decode() or "embed" in response.content.decode()


def test_oembed_says_what_to_fix(client, event):
    xml = _oembed(client, HOST + "/", format="xml")
    assert xml.status_code == 501
    assert "format=json" in xml.content.decode()
    assert client.get("/oembed").status_code == 400
    bad = _oembed(client, HOST + "/", maxwidth="wide")
    assert bad.status_code == 400
    assert "maxwidth" in bad.content.decode()


@pytest.mark.parametrize(
    ("page", "target", "title"),
    [
        ("/", "/", "Chronoatlas"),
        ("/?event=treaty-of-kars&lang=en", "/?event=treaty-of-kars&lang=en", "Treaty of Kars"),
        ("/lessons/borders/?lang=en", "/lessons/borders/?lang=en", "Borders"),
    ],
)
def test_pages_carry_the_oembed_discovery_link_and_the_embed_code(client, lesson, page, target, title):
    content = client.get(page).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">', content)
    assert link, "no oEmbed discovery link"
    assert link.group(2) == title
    # The link found by a consumer answers for this very page.
    answer = client.get(html.unescape(link.group(1))).json()
    assert answer["title"] == title
    code = html.unescape(re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', content, re.S).group(1))
    assert code.startswith('<iframe src="http://testserver/embed/')
    assert html.unescape(re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1)) in html.unescape(code)
    assert target  # the page asked for is the one discovered
    assert html.unescape(link.group(1)).endswith("format=json")


def test_the_embed_code_follows_the_host_the_page_is_asked_on(client, event, settings):
    settings.ALLOWED_HOSTS = ["atlas.example.org", "testserver"]
    first = client.get("/", HTTP_HOST="atlas.example.org")
    second = client.get("/", HTTP_HOST="testserver")
    assert "http://atlas.example.org/embed/" in first.content.decode()
    assert "http://testserver/embed/" in second.content.decode()


@pytest.fixture
def hostile(db):
    place = make_place(slug="hostile-place", name=translated("place"))
    event = make_event(slug="hostile", places=[place], title=translated("title"), summary=translated("summary"))
    lesson = Lesson.objects.create(
        slug="hostile-lesson", title=translated("lesson"), summary=translated("lesson-summary"), status=Status.PUBLISHED
    )
    LessonStep.objects.create(lesson=lesson, event=event, position=1, caption=translated("caption"))
    return event


@pytest.mark.parametrize(
    "path", ["/embed/?lang=en", "/embed/events/hostile/?lang=en", "/embed/lessons/hostile-lesson/?lang=en"]
)
def test_curator_text_stays_text_in_the_embed_views(client, hostile, path):
    page = client.get(path).content.decode()
    for payload in PAYLOADS:
        assert payload not in page
        assert html.escape(payload, quote=False) in page or html.escape(payload) in page
    assert "<script" not in page


@pytest.mark.parametrize("url", ["/?event=hostile&lang=en", "/lessons/hostile-lesson/?lang=en"])
def test_curator_text_stays_text_in_oembed(client, hostile, url):
    answer = _oembed(client, HOST + url).json()
    assert any(payload in answer["title"] for payload in PAYLOADS)  # the title is JSON text, as written
    for payload in PAYLOADS:
        assert payload not in answer["html"]
    # The iframe is the only element: the title went into an attribute, escaped.
    assert answer["html"].count("<") == 2
    page = client.get(url).content.decode()
    for payload in PAYLOADS:
        assert payload not in page


def test_the_embeds_speak_the_readers_language(client, lesson):
    turkish = html.unescape(client.get("/embed/lessons/borders/?lang=tr").content.decode())
    assert "Sınırlar" in turkish and "Chronoatlas'ta aç" in turkish
    english = client.get("/embed/lessons/borders/?lang=en").content.decode()
    assert "Borders" in english and "Open in Chronoatlas" in english
    atlas = html.unescape(client.get("/?lang=tr").content.decode())
    assert "Yerleştirme kodunu kopyala" in atlas


def test_an_embed_shows_the_curators_change_at_once(client, event):
    assert "Treaty of Kars" in client.get("/embed/events/treaty-of-kars/?lang=en").content.decode()
    event.title = {"tr": "Kars Antlaşması", "en": "The Treaty of Kars, signed"}
    event.save()
    again = client.get("/embed/events/treaty-of-kars/?lang=en")
    assert "The Treaty of Kars, signed" in again.content.decode()
    assert _frame_ancestors(again) == "*"
    event.status = Status.DRAFT
    event.save()
    assert client.get("/embed/events/treaty-of-kars/?lang=en").status_code == 404
