"""The event streams served straight from the ASGI server, in front of Django's handler.

Measured (benchmarks/live_class.py, 200 phones, one uvicorn worker): through Django's handler each open
stream kept a thread (the request's own, for its sync middleware and view) and the worker grew by 90 MB;
answered here, a stream is one coroutine. Only a stream that will run is answered here: a wrong code, an
ended class, an address that has tried too many wrong codes (live/guessing.py) or anything but GET goes on
to Django's view (live.stream.live_events), which says why in the reader's language with the site's headers.
The stream itself is the same generator either way, and it builds no URL, so Django's host check has nothing
to guard here.
"""

from __future__ import annotations

import asyncio
import re

from asgiref.sync import sync_to_async

from live.guessing import TooManyGuesses, refuse_if_guessing, scope_address
from live.stream import class_states, process_watch

EVENTS_PATH = re.compile(r"/live/([^/]{1,40})/events")
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
    (b"x-content-type-options", b"nosniff"),
]


def live_events_first(django_app):
    async def application(scope, receive, send):
        match = EVENTS_PATH.fullmatch(scope.get("path", "")) if scope["type"] == "http" else None
        if not match or scope["method"] != "GET":
            return await django_app(scope, receive, send)
        from live.services import normalise_code

        code = normalise_code(match[1])
        # Not thread-sensitive: a thread of the shared pool, not one kept for this request.
        state = await sync_to_async(_state_unless_guessing, thread_sensitive=False)(code, scope_address(scope))
        if state is None or state["ended"]:
            return await django_app(scope, receive, send)
        await _stream(state, receive, send)

    return application


def _state_unless_guessing(code: str, address: str) -> dict | None:
    """The class's state, or None (Django's view then answers) for an unknown code or an address over the
    wrong-codes limit: a stream answered here for a right code would tell a guesser it is right."""
    try:
        refuse_if_guessing(address)
    except TooManyGuesses:
        return None
    return class_states([code]).get(code)


async def _stream(state: dict, receive, send) -> None:
    async def body():
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        async for chunk in process_watch().stream(state):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    async def gone():
        while (await receive())["type"] != "http.disconnect":
            pass

    # The phone going away ends the stream at once (its follower is let go), not at its next message.
    streaming, leaving = asyncio.ensure_future(body()), asyncio.ensure_future(gone())
    try:
        await asyncio.wait({streaming, leaving}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        streaming.cancel()
        leaving.cancel()
        # Wait for both to finish: the stream lets its follower go in its own `finally`.
        outcome, _left = await asyncio.gather(streaming, leaving, return_exceptions=True)
    if isinstance(outcome, Exception):
        raise outcome
