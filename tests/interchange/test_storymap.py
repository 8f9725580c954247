"""A lesson as a StoryMapJS story: the shape StoryMapJS reads (storymap.knightlab.com/advanced, JSON syntax),
a slide a step at the place the atlas pins its event, and curator text that stays text."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from chronology.models import EventMedia, EventPlace, PlaceRole, Status
from lessons.models import Lesson, LessonStep
from tests.factories import make_event, make_place

SEED_LESSON = "road-to-the-moscow-treaty"


def _story(api, slug, **query):
    response = api.get(f"/api/v1/lessons/{slug}/storymap.json", query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _lesson(*events, slug="story", title=None, **fields):
    lesson = Lesson.objects.create(
        slug=slug, title=title or {"tr": "Hikâye", "en": "The story"}, status=Status.PUBLISHED, **fields
    )
    for position, event in enumerate(events, start=1):
        LessonStep.objects.create(lesson=lesson, event=event, position=position, caption={"en": f"Caption {position}"})
    return lesson


def _check_storymapjs_shape(document):
    """What StoryMapJS needs of a story: `storymap.slides`, an overview first, then slides each with a headline,
    text, a date and a numeric location."""
    story = document["storymap"]
    assert isinstance(story["language"], str) and story["map_type"] and story["map_as_image"] is False
    overview, *slides = story["slides"]
    assert overview["type"] == "overview" and overview["text"]["headline"]
    for slide in slides:
        assert "type" not in slide
        assert set(slide["text"]) == {"headline", "text"} and isinstance(slide["date"], str)
        location = slide["location"]
        assert -90 <= location["lat"] <= 90 and -180 <= location["lon"] <= 180 and 1 <= location["zoom"] <= 18
        if "media" in slide:
            assert slide["media"]["url"].startswith(("http://", "https://"))
    return overview, slides


def test_the_seed_lesson_is_an_overview_then_a_slide_a_step_with_its_event_date_and_sources(seed, api):
    lesson = api.get(f"/api/v1/lessons/{SEED_LESSON}/?lang=en").json()
    overview, slides = _check_storymapjs_shape(_story(api, SEED_LESSON, lang="en"))
    assert overview["text"]["headline"] == lesson["title"].replace("'", "&#x27;")
    assert len(slides) == lesson["step_count"]
    for slide, step in zip(slides, lesson["steps"], strict=True):
        assert slide["text"]["headline"].replace("&#x27;", "'") == step["event"]["title"]
        assert step["caption"].replace("'", "&#x27;") in slide["text"]["text"]
        assert slide["date"], "every seed step has a dated event"
        # The sources' passages go with the slide, as the handout prints them.
        cited = step["citations"] or step["event"]["citations"]
        assert cited[0]["evidence"].replace("'", "&#x27;")[:40] in slide["text"]["text"]
    # The treaty of Moscow's slide stands at Moscow (where it was signed).
    moscow = next(
        s for s, step in zip(slides, lesson["steps"], strict=True) if step["event"]["slug"] == "treaty-of-moscow-1921"
    )
    assert (round(moscow["location"]["lat"], 1), round(moscow["location"]["lon"], 1)) == (55.8, 37.6)
    turkish = _story(api, SEED_LESSON, lang="tr")["storymap"]
    assert turkish["language"] == "tr" and turkish["slides"][0]["text"]["headline"] != overview["text"]["headline"]


def test_the_command_writes_the_bytes_the_api_serves(seed, api, tmp_path):
    target = tmp_path / "story.json"
    call_command(
        "export_lessons", SEED_LESSON, str(target), "--format", "storymap", "--lang", "en", stderr=io.StringIO()
    )
    assert target.read_bytes() == api.get(f"/api/v1/lessons/{SEED_LESSON}/storymap.json?lang=en").content


def test_a_slide_stands_at_the_teachers_view_else_the_pin_else_where_the_last_one_was(db, api):
    baku, tiflis = make_place(latitude=40.4, longitude=49.9), make_place(latitude=41.7, longitude=44.8)
    london = make_place(latitude=51.5, longitude=-0.1)
    at_baku = make_event(places=[london, baku])
    EventPlace.objects.filter(event=at_baku, place=london).update(role=PlaceRole.CONCERNS)
    framed, removed = make_event(places=[tiflis]), make_event(places=[tiflis])
    lesson = _lesson(at_baku, framed, removed)
    lesson.steps.filter(event=framed).update(map_latitude=42.0, map_longitude=43.0, map_zoom=5)
    removed.delete()
    slides = _story(api, "story", lang="en")["storymap"]["slides"][1:]
    assert [(s["location"]["lat"], s["location"]["lon"], s["location"]["zoom"]) for s in slides] == [
        (40.4, 49.9, 7),  # the pin, not London, which the event only concerns
        (42.0, 43.0, 5),  # the teacher's own view
        (42.0, 43.0, 5),  # no event any more: the map stays, and the slide says why
    ]
    _lesson(make_event(), at_baku, slug="late")
    first, second = _story(api, "late")["storymap"]["slides"][1:]
    assert first["location"] == second["location"], "a first step placed nowhere starts where the story does"
    assert "removed" in slides[2]["text"]["headline"]


def test_curator_text_stays_text_in_the_story(db, api):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    event = make_event(
        places=[make_place()],
        title={"en": f"Treaty {payload}"},
        summary={"en": f"Signed {payload}"},
    )
    EventMedia.objects.create(event=event, kind="link", url="javascript:alert(3)", caption={"en": payload})
    event.citations.update(evidence=f"Quoted {payload}")
    lesson = _lesson(event, title={"en": f"Lesson {payload}"}, summary={"en": payload})
    lesson.steps.update(caption={"en": f"Look {payload}"})
    response = api.get("/api/v1/lessons/story/storymap.json?lang=en")
    assert b"<" not in response.content and b">" not in response.content
    overview, slides = _check_storymapjs_shape(json.loads(response.content))
    html = json.dumps([overview, slides], ensure_ascii=False)
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "media" not in slides[0], "a javascript: link is not a medium"
    assert slides[0]["text"]["headline"].startswith("Treaty &lt;script&gt;")


def test_a_missing_or_draft_lesson_is_not_found_and_a_bad_language_is_named(db, api):
    _lesson(make_event(), slug="draft").__class__.objects.filter(slug="draft").update(status=Status.DRAFT)
    assert api.get("/api/v1/lessons/nowhere/storymap.json").status_code == 404
    assert api.get("/api/v1/lessons/draft/storymap.json").status_code == 404
    response = api.get("/api/v1/lessons/draft/storymap.json?lang=xx")
    assert response.status_code == 400 and b"tr, en" in response.content


def test_the_command_exports_a_draft_and_names_the_lessons_when_the_slug_is_wrong(db):
    _lesson(make_event(), slug="draft").__class__.objects.filter(slug="draft").update(status=Status.DRAFT)
    out = io.StringIO()
    call_command("export_lessons", "draft", stdout=out)
    assert json.loads(out.getvalue())["storymap"]["slides"][0]["type"] == "overview"
    with pytest.raises(CommandError, match=r"No lesson 'drat'; the lessons are: draft"):
        call_command("export_lessons", "drat")


def test_the_admin_lesson_page_exports_a_draft_story_in_each_language(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    lesson = _lesson(make_event(places=[make_place()]), slug="draft")
    Lesson.objects.filter(pk=lesson.pk).update(status=Status.DRAFT)
    page = client.get(reverse("admin:lessons_lesson_change", args=[lesson.pk])).content.decode()
    links = re.findall(r'href="([^"]*storymap\.json[^"]*)"', page)
    assert len(links) == 2 and "StoryMapJS olarak dışa aktar (en)" in page  # the admin speaks Turkish first
    response = client.get(links[-1].replace("&amp;", "&"))
    assert (
        response.status_code == 200 and response["Content-Disposition"] == 'attachment; filename="draft.storymap.json"'
    )
    assert json.loads(response.content)["storymap"]["language"] == "en"


def test_the_lessons_page_and_the_handout_link_the_story(db, client):
    _lesson(make_event(places=[make_place()]))
    for address in ("/lessons/?lang=en", "/lessons/story/handout/?lang=en"):
        link = re.search(r'href="([^"]*storymap\.json[^"]*)"', client.get(address).content.decode()).group(1)
        assert json.loads(client.get(link.replace("&amp;", "&")).content)["storymap"]["slides"][1]["text"]["text"]


def test_a_lessons_page_offers_its_story_in_the_downloads_box_with_its_size(db, client):
    _lesson(make_event(places=[make_place()]))
    page = client.get("/lessons/story/?lang=en").content.decode()
    found = re.search(
        r'<a href="([^"]*storymap\.json[^"]*)" download data-i18n="download_storymap">([^<]+)</a> '
        r'<span class="download-size" data-size-of="[^"]+" data-size="(\d+)">',
        page,
    )
    assert found and found.group(2) == "This lesson as a story map (StoryMapJS)"
    body = client.get(found.group(1).replace("&amp;", "&")).content
    assert int(found.group(3)) == len(body) and json.loads(body)["storymap"]["language"] == "en"
    assert 'data-i18n="download_storymap"' not in client.get("/?lang=en").content.decode()  # no lesson there
