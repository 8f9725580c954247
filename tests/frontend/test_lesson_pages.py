"""The classroom pages: a link opens a lesson at its step, a QR code of a link decodes back to it, the
handout prints every step, and the saved lesson file carries everything it needs."""

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from django.contrib.staticfiles import finders

from chronology.models import Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event, make_place, make_route


@pytest.fixture
def lesson(db):
    ankara = make_place(slug="ankara", latitude=39.93, longitude=32.86, name={"tr": "Ankara", "en": "Ankara"})
    moscow = make_place(slug="moscow", latitude=55.75, longitude=37.62, name={"tr": "Moskova", "en": "Moscow"})
    route = make_route(slug="ankara-moscow", stops=[ankara, moscow])
    events = [
        make_event(slug="first-letter", date="1920-04-26", places=[ankara], title={"tr": "Mektup", "en": "The letter"}),
        make_event(slug="treaty", date="1921-03-16", places=[moscow], title={"tr": "Antlaşma", "en": "The treaty"}),
    ]
    lesson = Lesson.objects.create(slug="road", title={"tr": "Yol", "en": "The road"}, status=Status.PUBLISHED)
    for position, event in enumerate(events, start=1):
        step = LessonStep.objects.create(
            lesson=lesson,
            event=event,
            position=position,
            caption={"tr": f"Adım {position}", "en": f"Step caption {position}"},
            teacher_note={"en": "Ask the class why."},
            frame_route=route if position == 2 else None,
        )
        step.citations.create(source=event.citations.first().source, locator="s. 1", evidence=f"Kanıt {position}")
    return lesson


def lesson_data(page: str) -> dict:
    found = re.search(r'<script id="lesson-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)) if found else None


def test_a_step_link_opens_the_atlas_on_that_steps_event_with_the_lesson(client, lesson):
    response = client.get("/lessons/road/?step=2&lang=en")
    page = response.content.decode()
    assert response.status_code == 200
    data = lesson_data(page)
    assert data["slug"] == "road" and data["current_step"] == 2 and len(data["steps"]) == 2
    assert "The treaty" in page  # the step's event is rendered for the first paint, as ?event= would
    same = lesson_data(client.get("/?lesson=road&step=2&lang=en").content.decode())
    assert same["current_step"] == 2


def test_a_step_beyond_the_end_or_not_a_number_says_so_and_shows_a_real_step(client, lesson):
    page = client.get("/lessons/road/?step=9&lang=en").content.decode()
    assert lesson_data(page)["current_step"] == 2
    assert "there is no step 9" in unescape(page)
    page = client.get("/lessons/road/?step=abc&lang=en").content.decode()
    assert lesson_data(page)["current_step"] == 1 and "not a step number" in unescape(page)
    turkish = unescape(client.get("/lessons/road/?step=9&lang=tr").content.decode())
    assert "9. adım yok" in turkish


def test_an_unknown_lesson_is_a_404_that_still_opens_the_atlas_and_says_why(client, db):
    response = client.get("/lessons/no-such-lesson/?lang=en")
    page = unescape(response.content.decode())
    assert response.status_code == 404 and "There is no lesson “no-such-lesson”" in page and "atlas-config" in page


def svg_to_pixels(svg: str) -> np.ndarray:
    """Rasterise segno's SVG (one path of horizontal runs, in module units) into a black-on-white image."""
    size = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))
    modules = size // scale
    grid = np.full((modules, modules), 255, dtype=np.uint8)
    x = y = 0.0
    for command, a, b in re.findall(r"([MmHhVv])(-?[\d.]+)(?: (-?[\d.]+))?", re.search(r' d="([^"]+)"', svg).group(1)):
        a = float(a)
        if command == "M":
            x, y = a, float(b)
        elif command == "m":
            x, y = x + a, y + float(b)
        elif command == "h":
            grid[int(y), int(x) : int(x + a)] = 0
            x += a
        else:
            raise AssertionError(f"unexpected path command {command}")
    return np.kron(grid, np.ones((scale, scale), dtype=np.uint8))


def test_the_qr_code_of_a_link_to_this_site_decodes_to_that_link(client, lesson):
    url = "http://testserver/lessons/road/?step=2&lang=tr"
    response = client.get("/qr.svg", {"url": url})
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    decoded = zxingcpp.read_barcodes(svg_to_pixels(response.content.decode()))
    assert [code.text for code in decoded] == [url]


@pytest.mark.parametrize(
    "url", ["https://evil.example/lessons/road/", "//evil.example/x", "javascript:alert(1)", "/lessons/road/", ""]
)
def test_the_qr_code_refuses_links_to_other_sites_and_says_what_to_give(client, db, url):
    response = client.get("/qr.svg", {"url": url})
    assert response.status_code == 400 and b"link" in response.content


def test_the_handout_shows_every_step_with_its_date_text_and_sources_and_no_buttons(client, lesson):
    response = client.get("/lessons/road/handout/?lang=en")
    page = unescape(response.content.decode())
    assert response.status_code == 200
    for text in ("The letter", "The treaty", "26 April 1920", "16 March 1921", "Step caption 1", "Kanıt 2"):
        assert text in page
    assert "<button" not in page and "<script" not in page
    assert page.count('class="place"') == 2 and 'class="route"' in page  # the overview map
    assert "Bu dersin yerleri ve güzergâhları." in client.get("/lessons/road/handout/?lang=tr").content.decode()


URL = re.compile(r"https?://[^\s\"'<>)]+")
INLINED = ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/topojson-client/topojson-client.min.js")


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("src", "href", "srcset", "action", "data")]


def outside_references(page: str) -> list[str]:
    """Every address an element's attribute gives, except the file's own fragments (#step-2)."""
    parser = References()
    parser.feed(page)
    return [value for value in parser.found if value and not value.startswith("#")]


def test_the_offline_file_is_one_download_with_everything_inline(client, lesson):
    response = client.get("/lessons/road/offline.html?lang=en")
    page = response.content.decode()
    assert response.status_code == 200 and 'attachment; filename="road.html"' in response["Content-Disposition"]
    assert "Step caption 2" in page and "Ask the class why." in page and "Kanıt 1" in page
    assert "topojson" in page and '"type":"Topology"' in page.replace(" ", "")
    assert outside_references(page) == [], "the file's markup refers to something outside it"
    # The file adds no address of its own: the only http(s) strings in it are the inlined libraries' (the
    # SVG namespace, Leaflet's attribution text with its control off, links in comments), which the
    # browser test shows are never requested.
    library_text = "".join(Path(finders.find(path)).read_text(encoding="utf-8") for path in INLINED)
    assert set(URL.findall(page)) - set(URL.findall(library_text)) == set()


def test_handout_and_offline_file_of_an_unknown_or_draft_lesson_are_404(client, lesson):
    Lesson.objects.filter(pk=lesson.pk).update(status=Status.DRAFT)
    assert client.get("/lessons/road/handout/").status_code == 404
    assert client.get("/lessons/road/offline.html").status_code == 404


def test_a_broken_lesson_opens_with_a_message_in_the_readers_language_never_a_blank_page(client, lesson):
    """No steps, a step whose event was unpublished or deleted, no text in the reader's language: the page
    is a 200 with the lesson and a sentence saying what is wrong."""
    from chronology.models import Event

    empty = Lesson.objects.create(slug="empty", title={"tr": "Boş", "en": "Empty"}, status=Status.PUBLISHED)
    response = client.get(f"/lessons/{empty.slug}/?lang=en")
    assert response.status_code == 200 and "This lesson has no steps yet." in unescape(response.content.decode())
    assert lesson_data(response.content.decode())["current_step"] == 0

    Event.objects.filter(slug="first-letter").update(status=Status.DRAFT)
    page = unescape(client.get("/lessons/road/?step=1&lang=en").content.decode())
    assert "This step's event is not published at the moment." in page
    assert lesson_data(page)["steps"][0]["event"] is None and lesson_data(page)["steps"][1]["event"]["title"]
    Event.objects.filter(slug="treaty").delete()
    page = unescape(client.get("/lessons/road/?step=2&lang=tr").content.decode())
    assert "Bu adımın olayı atlastan kaldırıldı" in page

    Lesson.objects.filter(pk=lesson.pk).update(title={"tr": "Yol"})
    page = unescape(client.get("/lessons/road/?lang=en").content.decode())
    assert lesson_data(page)["title"] == "Yol" and lesson_data(page)["fallback"] is True
    assert lesson_data(page)["fallback_message"].startswith("Parts of this lesson are not written in this language")


def test_the_offline_file_maps_each_step_from_the_apis_map_view(client, lesson):
    page = client.get("/lessons/road/offline.html?lang=en").content.decode()
    maps = json.loads(
        re.search(r'<script id="lesson-maps" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert [step["number"] for step in maps["steps"]] == [1, 2]
    # The framed route's stops in order: Ankara, then Moscow.
    assert maps["steps"][1]["map"] == {
        "center": None,
        "zoom": None,
        "route": "ankara-moscow",
        "points": [[39.93, 32.86], [55.75, 37.62]],
    }


@pytest.mark.parametrize("page", ["handout/", "offline.html"])
def test_a_steps_quick_question_is_on_paper_and_in_the_offline_file_in_the_readers_language(client, lesson, page):
    # A class without phones (or without the network) answers the live class's question on the handout.
    step = lesson.steps.get(position=2)
    step.question = {"tr": "Antlaşma nerede imzalandı?", "en": "Where was the treaty signed?"}
    step.question_choices = {"tr": "Ankara\nMoskova\nKars", "en": "Ankara\nMoscow\nKars"}
    step.full_clean()
    step.save()

    english = unescape(client.get(f"/lessons/road/{page}?lang=en").content.decode())
    turkish = unescape(client.get(f"/lessons/road/{page}?lang=tr").content.decode())

    assert "Question: Where was the treaty signed?" in re.sub(r"<[^>]+>", "", english)
    assert re.search(r"<li>Ankara</li><li>Moscow</li><li>Kars</li>", english)
    assert "Soru: Antlaşma nerede imzalandı?" in re.sub(r"<[^>]+>", "", turkish)
    assert english.count('class="question"') == 1  # only the step that has one
