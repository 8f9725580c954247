"""Join codes cannot be guessed while a class lasts (live/guessing.py): wrong codes are counted per address,
and past the limit every look-up by code from that address is refused with 429, a right code too, until
the window ends; the teacher still moves the class, and other addresses are not affected."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from django.test import Client
from rest_framework.test import APIClient

from live import guessing
from live.asgi import live_events_first
from live.models import CODE_ALPHABET, CODE_LENGTH, IDLE_LIMIT

pytestmark = pytest.mark.django_db

GUESSER = "198.51.100.7"
WRONG = "AAAAAA"  # no class in these tests has it


@pytest.fixture
def clock(monkeypatch):
    """The guard's time (seconds since the epoch, at the start of a window), moved by hand."""
    now = [guessing.WINDOW_SECONDS * 3_000_000.0]
    monkeypatch.setattr(guessing, "_clock", lambda: now[0])
    return now


def _guess_until_refused(client: APIClient) -> None:
    for _ in range(guessing.MISSES_ALLOWED):
        assert client.get(f"/api/v1/live/{WRONG}/").status_code == 404


def test_a_code_cannot_be_found_by_trying_codes_in_the_time_a_class_lasts():
    """The limit's arithmetic, with the live class's own numbers: ten classes running at once, for the
    longest a class stays open unmoved, guessed from one address at the full allowed rate."""
    codes = len(CODE_ALPHABET) ** CODE_LENGTH
    guesses = guessing.MISSES_ALLOWED * IDLE_LIMIT.total_seconds() / guessing.WINDOW_SECONDS
    assert guesses * 10 / codes < 1e-4


def test_past_the_limit_every_code_is_refused_from_that_address_saying_how_long_to_wait(started, clock):
    guesser = APIClient(REMOTE_ADDR=GUESSER, HTTP_ACCEPT_LANGUAGE="en")
    _guess_until_refused(guesser)

    refused = guesser.get(f"/api/v1/live/{started['code']}/")  # the right code: no oracle
    assert refused.status_code == 429
    assert "Too many wrong class codes" in refused.json()["detail"]
    assert "Wait 10 minutes" in refused.json()["detail"]
    assert refused["Retry-After"] == str(guessing.WINDOW_SECONDS)
    assert guesser.get(f"/api/v1/live/{WRONG}/").status_code == 429
    answer = guesser.post(f"/api/v1/live/{started['code']}/answers/", {"step": 1, "choice": 0}, format="json")
    assert answer.status_code == 429

    page = Client(REMOTE_ADDR=GUESSER).get(f"/join/{started['code']}/?lang=tr")
    assert page.status_code == 429
    assert "Ağınızdan çok fazla yanlış ders kodu denendi. 10 dakika bekleyin" in page.content.decode()
    stream = Client(REMOTE_ADDR=GUESSER).get(f"/live/{started['code']}/events")
    assert stream.status_code == 429 and stream["Retry-After"]

    # Another address (another school) joins as before.
    assert APIClient(REMOTE_ADDR="203.0.113.9").get(f"/api/v1/live/{started['code']}/").status_code == 200
    assert Client(REMOTE_ADDR="203.0.113.9").get(f"/join/{started['code']}/").status_code == 200


def test_wrong_codes_on_the_join_page_and_the_stream_count_too(started, clock):
    page, stream = Client(REMOTE_ADDR=GUESSER), Client(REMOTE_ADDR=GUESSER)
    for attempt in range(guessing.MISSES_ALLOWED):
        wrong = page if attempt % 2 else stream
        path = f"/join/{WRONG}/" if attempt % 2 else f"/live/{WRONG}/events"
        assert wrong.get(path).status_code == 404
    assert page.get(f"/join/{started['code']}/").status_code == 429


def test_a_classroom_mistyping_within_the_limit_still_joins(started, clock):
    guesser = APIClient(REMOTE_ADDR=GUESSER)
    for _ in range(guessing.MISSES_ALLOWED - 1):
        guesser.get(f"/api/v1/live/{WRONG}/")
    assert guesser.get(f"/api/v1/live/{started['code']}/").status_code == 200
    assert Client(REMOTE_ADDR=GUESSER).get(f"/join/{started['code']}/").status_code == 200


def test_the_teacher_behind_the_same_address_still_moves_the_class(started, clock):
    _guess_until_refused(APIClient(REMOTE_ADDR=GUESSER))
    teacher = APIClient(REMOTE_ADDR=GUESSER, HTTP_AUTHORIZATION=f"Bearer {started['token']}")
    moved = teacher.post(f"/api/v1/live/{started['code']}/step/", {"step": 2}, format="json")
    assert moved.status_code == 200 and moved.json()["step"] == 2
    assert teacher.get(f"/api/v1/live/{started['code']}/answers/").status_code == 200
    # A made-up token is no way past the limit.
    forged = APIClient(REMOTE_ADDR=GUESSER, HTTP_AUTHORIZATION="Bearer made-up")
    assert forged.post(f"/api/v1/live/{started['code']}/step/", {"step": 3}, format="json").status_code == 429


def test_after_the_window_the_address_joins_again(started, clock):
    guesser = APIClient(REMOTE_ADDR=GUESSER)
    _guess_until_refused(guesser)
    assert guesser.get(f"/api/v1/live/{started['code']}/").status_code == 429
    clock[0] += guessing.WINDOW_SECONDS
    assert guesser.get(f"/api/v1/live/{started['code']}/").status_code == 200


async def _django(scope, receive, send):
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _asgi_status(path: str, address: str) -> int:
    """The status the ASGI front (live/asgi.py) answers with, 299 when it hands the request to Django."""
    sent = []

    async def receive():
        await asyncio.sleep(0)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "client": (address, 50000)}

    async def run():
        await asyncio.wait_for(live_events_first(_django)(scope, receive, send), timeout=5)

    async_to_sync(run)()
    return sent[0]["status"]


@pytest.mark.django_db(transaction=True)
def test_the_stream_in_front_of_django_gives_a_guesser_past_the_limit_nothing_either(started, clock):
    code = started["code"]
    assert _asgi_status(f"/live/{code}/events", GUESSER) == 200
    _guess_until_refused(APIClient(REMOTE_ADDR=GUESSER))
    assert _asgi_status(f"/live/{code}/events", GUESSER) == 299  # to Django's view, which answers 429
    assert _asgi_status(f"/live/{code}/events", "203.0.113.9") == 200
