"""Every file the atlas hands out keeps a curator's markup as text: each download of a collection's page, the
seed's and another's, and a lesson's story map, with markup in every text field they carry."""

import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from chronology.models import Collection, EventMedia, Status
from geography.models import PlaceName
from lessons.models import Lesson, LessonStep
from tests.factories import make_area, make_event, make_place, make_route, make_source
from tests.xss_payloads import hostile, translated

ALLOWED_TAGS = {"p", "br", "ul", "li", "a", "em", "strong", "i", "b", "ol", "blockquote"}


class _Tags(HTMLParser):
    """The tags and attributes a browser would build from an HTML string."""

    def __init__(self, text: str):
        super().__init__()
        self.found: list[tuple[str, list]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def _live(text: str) -> list:
    """What in `text` would run: a tag outside the formatting ones, an event handler, a javascript: link."""
    return [
        (tag, attrs)
        for tag, attrs in _Tags(text).found
        if tag not in ALLOWED_TAGS
        or any(name.startswith("on") or "javascript:" in (value or "").lower() for name, value in attrs)
    ]


@pytest.fixture
def hostile_atlas(db):
    computing = Collection.objects.create(slug="computing", title=translated("collection-title"))
    source = make_source(
        label=hostile("source-label"),
        author=hostile("source-author"),
        title=hostile("source-title"),
        note=translated("note"),
    )
    kars = make_place(slug="kars", name=translated("place-name"), description=translated("place-description"))
    baku = make_place(slug="baku", name=translated("baku-name"))
    PlaceName.objects.create(place=kars, name=hostile("placename"), note=translated("placename-note"))
    road = make_route(slug="road", stops=[kars, baku], name=translated("route-name"))
    make_area(slug="front", name=translated("area-name"), description=translated("area-description"))
    for collection in (None, computing):
        event = make_event(
            title=translated("event-title"),
            summary=translated("event-summary"),
            places=[kars],
            routes=[road],
            sources=[source],
            **({"collection": collection} if collection else {}),
        )
        EventMedia.objects.create(
            event=event,
            kind="image",
            url="https://example.org/a.jpg",
            caption={"tr": hostile("caption"), "en": hostile("caption")},
            credit=hostile("credit"),
        )
        event.citations.update(evidence=hostile("evidence"))
    lesson = Lesson.objects.create(slug="hostile", title=translated("lesson"), status=Status.PUBLISHED)
    LessonStep.objects.create(lesson=lesson, event=event, position=1, caption=translated("step-caption"))
    return computing


def _html_strings(url: str, body: bytes) -> list[str]:
    """The strings a reader of the file renders as HTML: Google Earth's balloons, TimelineJS's and StoryMapJS's
    headlines, texts, captions and credits."""
    path = url.split("?")[0]
    if path.endswith(".kml"):
        root = ElementTree.fromstring(body)
        return [element.text or "" for element in root.iter() if element.tag.endswith("description")]
    document = json.loads(body)
    if path.endswith("storymap.json"):
        slides = document["storymap"]["slides"]
        return [value for slide in slides for part in ("text", "media") for value in slide.get(part, {}).values()]
    slides = [document.get("title") or {}, *document["events"]]
    return [value for slide in slides for part in ("text", "media") for value in slide.get(part, {}).values()]


@pytest.mark.parametrize("lang", ["tr", "en"])
@pytest.mark.parametrize("collection", ["turk-sovyet", "computing"])
def test_every_download_keeps_curator_markup_as_text(client, hostile_atlas, collection, lang):
    offered = client.get(f"/api/v1/downloads/?lang={lang}&collection={collection}").json()
    urls = [row["url"] for row in offered] + [f"/api/v1/lessons/hostile/storymap.json?lang={lang}"]
    rendered = 0
    for url in urls:
        body = client.get(url, HTTP_ACCEPT_ENCODING="identity").content
        assert b"-tr " in body or b"-en " in body or b"source-label" in body, f"{url} carries no curator text"
        path = url.split("?")[0]
        if path.endswith((".kml", "timeline.json", "storymap.json")):
            html = _html_strings(url, body)
            assert any("alert(1)" in text for text in html), f"{url}: the payloads must reach the rendered text"
            for text in html:
                assert not _live(text), (url, text)
            rendered += 1
        elif path.endswith(("json", ".geojson")):
            # The JSON other tools read as data escapes <, > and &: no markup in the bytes at all.
            assert b"<" not in body and b">" not in body, url
    assert rendered == 3  # KML, TimelineJS, the story map
