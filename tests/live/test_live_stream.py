"""The live connection (Server-Sent Events): the current state first, then every move, under ASGI (the
server's one poller per process) and under WSGI (the development server's thread a stream)."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient, Client

from live.models import LiveClass
from live.services import class_end, class_release, class_step

pytestmark = pytest.mark.django_db

# A step change reaches the phones "within a second".
WITHIN = 1.0


def messages(chunk: bytes) -> list[dict]:
    """The SSE messages in a chunk: {"id", "event", "data", "retry"}; comments (keep-alives) left out."""
    found = []
    for block in chunk.decode().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if line and not line.startswith(":"))
        if "data" in fields:
            found.append({**fields, "data": json.loads(fields["data"])})
        elif fields:
            found.append(fields)
    return found


def follow(code: str, moves, **headers):
    """Open the class's stream under ASGI, make each move after the message before it, and return every
    message received, with how long each move took to arrive."""

    async def run():
        response = await AsyncClient().get(f"/live/{code}/events", **headers)
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("text/event-stream")
        assert "Content-Encoding" not in response  # gzip would hold the messages back
        chunks = aiter(response.streaming_content)
        received = [(messages(await anext(chunks)), 0.0)]
        for move in moves:
            await sync_to_async(lambda move=move: move(LiveClass.objects.get(code=code)))()
            started = asyncio.get_running_loop().time()
            chunk = await asyncio.wait_for(anext(chunks), timeout=5)
            received.append((messages(chunk), asyncio.get_running_loop().time() - started))
        await chunks.aclose()
        return received

    return async_to_sync(run)()


def test_the_first_message_is_the_current_state_and_says_how_soon_to_reconnect(started):
    LiveClass.objects.filter(code=started["code"]).update(step=2, version=7)
    [(first, _)] = follow(started["code"], [])
    assert first[0]["retry"] == "1000"
    assert first[0]["id"] == "7" and first[0]["event"] == "step"
    assert first[0]["data"] == {
        "code": started["code"],
        "lesson": "road-to-moscow",
        "lang": "tr",
        "step": 2,
        "released": False,
        "version": 7,
        "ended": False,
    }


def test_a_phone_that_reconnects_is_sent_the_current_step_whatever_it_saw_last(started):
    LiveClass.objects.filter(code=started["code"]).update(step=3, version=5)
    [(first, _)] = follow(started["code"], [], HTTP_LAST_EVENT_ID="2")
    assert (first[0]["data"]["step"], first[0]["id"]) == (3, "5")


def test_every_move_reaches_the_stream_within_a_second_and_the_end_closes_it(started):
    received = follow(
        started["code"],
        [lambda live: class_step(live, 2), class_release, lambda live: class_step(live, 3), class_end],
    )
    steps = [(m[0]["event"], m[0]["data"]["step"], m[0]["data"]["released"]) for m, _ in received]
    assert steps == [("step", 1, False), ("step", 2, False), ("step", 2, True), ("step", 3, True), ("ended", 3, True)]
    assert all(seconds < WITHIN for _, seconds in received), [seconds for _, seconds in received]
    assert received[-1][0][0]["data"]["ended"] is True


def test_two_phones_of_one_class_both_follow_a_move(started):
    async def run():
        streams = [aiter((await AsyncClient().get(f"/live/{started['code']}/events")).streaming_content) for _ in "ab"]
        for chunks in streams:
            await anext(chunks)
        await sync_to_async(class_step)(await LiveClass.objects.aget(code=started["code"]), 2)
        seen = [messages(await asyncio.wait_for(anext(chunks), timeout=5))[0]["data"]["step"] for chunks in streams]
        for chunks in streams:
            await chunks.aclose()
        return seen

    assert async_to_sync(run)() == [2, 2]


def test_a_class_deleted_while_followed_ends_its_streams(started):
    received = follow(started["code"], [lambda live: live.delete()])
    assert received[-1][0][0]["event"] == "ended"


def test_a_wrong_code_or_an_ended_class_is_refused_with_the_reason(client, started, teacher):
    wrong = client.get("/live/QQQQQQ/events")
    assert wrong.status_code == 404 and "QQQQQQ" in wrong.json()["detail"]
    teacher("end")
    ended = client.get(f"/live/{started['code']}/events")
    assert ended.status_code == 410 and "ended" in ended.json()["detail"]


def test_under_wsgi_the_stream_follows_too(started):
    response = Client().get(f"/live/{started['code']}/events", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response
    chunks = iter(response.streaming_content)
    assert messages(next(chunks))[0]["data"]["step"] == 1
    class_step(LiveClass.objects.get(code=started["code"]), 2)
    assert messages(next(chunks))[0]["data"]["step"] == 2
    response.close()
