"""The event streams answered in front of Django's handler (live/asgi.py), as uvicorn calls them."""

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from live.asgi import live_events_first
from live.models import LiveClass
from live.services import class_step
from live.stream import process_watch


async def _django(scope, receive, send):
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"django"})


def _call(path: str, *, method: str = "GET", after_first=None):
    """Run the app on one request; returns (status, body, followers left once the phone went away)."""
    sent, disconnect = [], asyncio.Event()

    async def receive():
        await disconnect.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
        body = b"".join(m.get("body", b"") for m in sent)
        if after_first and body.count(b"\n\n") == 1:
            await sync_to_async(after_first)()
        if body.count(b"\n\n") >= 2 or (after_first is None and b"\n\n" in body):
            disconnect.set()

    async def run():
        scope = {"type": "http", "method": method, "path": path, "headers": []}
        await asyncio.wait_for(live_events_first(_django)(scope, receive, send), timeout=5)
        return dict(process_watch().followers)

    followers = async_to_sync(run)()
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent), followers


@pytest.mark.django_db(transaction=True)
def test_a_running_class_is_streamed_here_and_a_phone_that_leaves_is_let_go(started):
    code = started["code"]
    status, body, followers = _call(
        f"/live/{code}/events", after_first=lambda: class_step(LiveClass.objects.get(code=code), 2)
    )
    assert status == 200
    assert body.startswith(b"retry: 1000\nid: 1\nevent: step\n")
    assert b'"step": 2' in body.split(b"\n\n")[1]
    assert followers == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("ended", [False, True])
def test_a_wrong_code_an_ended_class_or_another_method_go_on_to_django(started, teacher, ended):
    if ended:
        teacher("end")
        assert _call(f"/live/{started['code']}/events")[:2] == (299, b"django")
    else:
        assert _call("/live/QQQQQQ/events")[:2] == (299, b"django")
        assert _call(f"/live/{started['code']}/events", method="POST")[:2] == (299, b"django")
        assert _call("/join/")[:2] == (299, b"django")
