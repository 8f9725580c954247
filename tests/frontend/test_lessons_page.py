"""/lessons/: where a teacher finds the lessons. Every published lesson (no draft) with its language, steps,
level and time, and four links that open; in the reader's language; linked from the atlas's header."""

import re
from html import unescape
from html.parser import HTMLParser

from chronology.models import Status
from lessons.models import Lesson, LessonStep

SEED_LESSONS = {"road-to-the-moscow-treaty", "soviet-aid-roads-and-obstacles", "stalin-memduh-sevket-interview"}


class LessonCards(HTMLParser):
    """Each lesson's card on the page: its heading, facts (by the dd's class) and action links (by class)."""

    def __init__(self):
        super().__init__()
        self.cards: dict[str, dict] = {}
        self.card = None
        self.capture = None  # (kind, key) whose text is being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and attrs.get("class") == "lesson":
            self.card = self.cards[attrs["id"].removeprefix("lesson-")] = {"facts": {}, "links": {}, "title": ""}
        elif self.card is not None and tag == "h2":
            self.card["title_lang"] = attrs.get("lang")
            self.capture = ("title", None)
        elif self.card is not None and tag == "dd":
            self.capture = ("facts", attrs["class"])
            self.card["facts"][attrs["class"]] = ""
        elif self.card is not None and tag == "a":
            self.card["links"][attrs["class"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag in ("h2", "dd"):
            self.capture = None

    def handle_data(self, data):
        if self.capture and self.capture[0] == "title":
            self.card["title"] += data
        elif self.capture:
            self.card["facts"][self.capture[1]] += data


def cards(page: str) -> dict[str, dict]:
    parser = LessonCards()
    parser.feed(page)
    return parser.cards


def test_the_page_lists_every_published_seed_lesson_with_its_facts_and_no_draft(client, seed):
    Lesson.objects.filter(slug="soviet-aid-roads-and-obstacles").update(status=Status.DRAFT)
    response = client.get("/lessons/?lang=en")
    assert response.status_code == 200
    found = cards(response.content.decode())
    assert set(found) == SEED_LESSONS - {"soviet-aid-roads-and-obstacles"}
    assert "Soviet aid: its roads and its obstacles" not in unescape(response.content.decode())
    for slug, card in found.items():
        steps = LessonStep.objects.filter(lesson__slug=slug).count()
        assert card["facts"]["steps"] == str(steps)
        assert card["facts"]["language"] == "English" and card["title_lang"] == "en"
        assert card["facts"]["level"].startswith("Upper secondary")
        assert re.fullmatch(r"about \d+ minutes", card["facts"]["minutes"])
    road = found["road-to-the-moscow-treaty"]
    assert road["title"] == "The road to the Moscow Treaty (1920–1921)" and road["facts"]["steps"] == "10"
    assert road["facts"]["minutes"] == "about 45 minutes"


def test_every_link_of_every_lesson_opens(client, seed):
    found = cards(client.get("/lessons/?lang=en").content.decode())
    for slug, card in found.items():
        links = card["links"]
        assert set(links) == {"present", "presenter", "handout", "offline", "storymap"}
        # What present-dom.js and the browser tests open: the atlas on the lesson's first step, in a mode.
        assert unescape(links["present"]) == f"/?mode=present&lesson={slug}&step=1&lang=en"
        assert unescape(links["presenter"]) == f"/?mode=presenter&lesson={slug}&step=1&lang=en"
        for kind, href in links.items():
            response = client.get(unescape(href))
            assert response.status_code == 200, f"{slug}: the {kind} link {href} is a {response.status_code}"
        page = client.get(unescape(links["present"])).content.decode()
        assert f'"slug": "{slug}"' in page or f'"slug":"{slug}"' in page  # the lesson is sent with the page


def test_the_turkish_page_is_in_turkish(client, seed):
    response = client.get("/lessons/?lang=tr")
    page = unescape(response.content.decode())
    assert '<html lang="tr">' in page and "<h1>Dersler</h1>" in page
    road = cards(response.content.decode())["road-to-the-moscow-treaty"]
    assert road["title"].startswith("Moskova Antlaşması") and road["title_lang"] == "tr"
    assert road["facts"] == {
        "language": "Türkçe",
        "steps": "10",
        "level": "Lise, 11–12. sınıf",
        "minutes": "yaklaşık 45 dakika",
    }
    for words in ("Sun", "Sunucu görünümü", "Çalışma kâğıdı", "Çevrimdışı dosya", "Adım sayısı", "Gereken süre"):
        assert words in page
    assert unescape(road["links"]["handout"]).endswith("?lang=tr")
    # The other language is one link away, and says which language it is in.
    assert '<a href="/lessons/?lang=en" lang="en" hreflang="en">English</a>' in page


def test_a_lesson_not_written_in_the_readers_language_says_so_and_facts_left_out_read_as_not_given(client, db):
    Lesson.objects.create(slug="only-turkish", title={"tr": "Yalnız Türkçe"}, status=Status.PUBLISHED)
    response = client.get("/lessons/?lang=en")
    card = cards(response.content.decode())["only-turkish"]
    assert card["title_lang"] == "tr" and card["facts"]["language"] == "Turkish"
    assert card["facts"] == {"language": "Turkish", "steps": "0", "level": "not given", "minutes": "not given"}
    assert "Not written in this language yet; shown in Turkish." in unescape(response.content.decode())


def test_no_lesson_published_yet_is_said_not_left_blank(client, db):
    Lesson.objects.all().delete()  # the module's seed, if another test loaded it
    Lesson.objects.create(slug="draft", title={"en": "Draft"})
    page = client.get("/lessons/?lang=en").content.decode()
    assert "No lessons are published yet." in page and "Draft" not in page


def test_the_pages_inline_rules_pass_its_content_security_policy(client, db):
    response = client.get("/lessons/?lang=en")
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    policy = response["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in re.search(r"style-src[^;]*", policy).group(0)
    assert "unsafe-inline" not in policy


def test_the_atlas_header_links_to_the_lessons_in_the_pages_language(client, db):
    page = client.get("/?lang=tr").content.decode()
    header = re.search(r'<header class="bar">.*?</header>', page, re.S).group(0)
    assert '<a class="lessons-link" href="/lessons/?lang=tr" data-i18n="lessonsLink">Dersler</a>' in header
    english = client.get("/?lang=en").content.decode()
    assert '<a class="lessons-link" href="/lessons/?lang=en" data-i18n="lessonsLink">Lessons</a>' in english
