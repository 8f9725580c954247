"""The students' join page: the code form, the class's page, and a clear message when a code is wrong."""

import json

import pytest

from live.models import LiveClass

pytestmark = pytest.mark.django_db


def _config(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="join-config" type="application/json">') + len(
        '<script id="join-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_form_asks_for_the_code_and_sends_a_typed_code_to_its_class(client, started):
    form = client.get("/join/?lang=en")
    assert form.status_code == 200
    assert b'name="code"' in form.content and b"nothing about you is stored" in form.content
    typed = started["code"][:3].lower() + " " + started["code"][3:]
    response = client.get("/join/", {"code": typed, "lang": "en"})
    assert response.status_code == 302
    assert response["Location"] == f"/join/{started['code']}/?lang=en"


def test_an_empty_code_is_asked_for_again(client):
    response = client.get("/join/", {"code": "  ", "lang": "en"})
    assert response.status_code == 400
    assert b"Type the code shown on the teacher&#x27;s screen." in response.content


def test_the_class_page_follows_the_class_in_its_language_and_is_never_cached(client, started):
    response = client.get(f"/join/{started['code']}/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    config = _config(response)
    assert config == {
        "code": started["code"],
        "lang": "tr",
        "lesson": "road-to-moscow",
        "lessonApi": "/api/v1/lessons/road-to-moscow/",
        "lessonPage": "/lessons/road-to-moscow/",
        "atlas": "/",
        "events": f"/live/{started['code']}/events",
        "state": f"/api/v1/live/{started['code']}/",
        "answers": f"/api/v1/live/{started['code']}/answers/",
        "defaultLang": "tr",
    }
    assert b"frontend/live/join.js" in response.content
    assert _config(client.get(f"/join/{started['code']}/?lang=en"))["lang"] == "en"


def test_a_wrong_code_says_so_in_the_readers_language_and_offers_the_form_again(client):
    english = client.get("/join/QQQQQQ/?lang=en")
    assert english.status_code == 404
    assert "There is no live class with the code “QQQQQQ”" in english.content.decode()
    assert b'name="code"' in english.content and b"join.js" not in english.content
    turkish = client.get("/join/QQQQQQ/?lang=tr")
    assert "QQQQQQ" in turkish.content.decode() and "There is no live class" not in turkish.content.decode()


def test_an_ended_class_says_it_has_ended(client, started, teacher):
    teacher("end")
    response = client.get(f"/join/{started['code']}/?lang=en")
    assert response.status_code == 410 and b"This live class has ended." in response.content
    LiveClass.objects.all().delete()
    assert client.get(f"/join/{started['code']}/?lang=en").status_code == 404
