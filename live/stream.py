"""The live connection: Server-Sent Events carrying the class's state to every student's phone.

`GET /live/<code>/events` answers `text/event-stream`. Its first message is always the class's whole current
state, so a phone that lost the Wi-Fi and reconnects (EventSource does, after `retry:` milliseconds, sending
the `id:` it last saw as Last-Event-ID) lands on the current step whatever it missed: there is nothing to
replay, the state is small and complete. Then one message per change:

    id: <version>
    event: step
    data: {"code": …, "lesson": slug, "lang": …, "step": n, "released": bool, "version": n, "ended": false}

and `event: ended` (same data, "ended": true) before the server closes a class's streams for good.

Where changes come from: the class's row (live/models.py), polled. Under ASGI one task per process polls
every followed class in one query every POLL_SECONDS and wakes that class's streams, so the database sees
four small queries a second per worker however many phones follow (200 phones measured: docs/operations.md,
"A live class on a school network"). Redis pub/sub would cut the ≤ 250 ms of waiting to nothing, but a
classroom cannot see 250 ms, and the laptop in front of it would need a Redis server; polling works
wherever the atlas's database does, several workers and servers included. Under uvicorn a running class's
stream is answered by live/asgi.py, in front of Django's handler; this view answers the rest (and every
stream under WSGI: `manage.py runserver`, the browser tests' live server, where each stream polls on its own
thread: fine for a developer, not for a class).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import time
from collections import Counter

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.db import DatabaseError, close_old_connections, connection
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from live.guessing import TooManyGuesses, guarded
from live.models import LiveClass
from live.services import LiveError, running_class

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25
# A comment line now and then: proxies and phones drop a connection that stays silent for long.
KEEPALIVE_SECONDS = 15
# How soon a dropped phone tries again (EventSource's default is ~3 s).
RETRY_MILLISECONDS = 1000
# Each stream ends after this long and the phone reconnects at once: a restarted or upgraded server is
# never held up by streams that would otherwise last the whole lesson.
STREAM_SECONDS = 300


def event_bytes(state: dict) -> bytes:
    kind = "ended" if state["ended"] else "step"
    return f"id: {state['version']}\nevent: {kind}\ndata: {json.dumps(state)}\n\n".encode()


def class_states(codes: list[str]) -> dict[str, dict]:
    try:
        return {live.code: live.state() for live in LiveClass.objects.filter(code__in=codes)}
    finally:
        # This thread serves no request, so no request closes its connection: a broken one (the database
        # restarted) is replaced on the next poll. Never inside a transaction (a test's on PostgreSQL, where
        # autocommit is off and Django would take the connection for obsolete and close it mid-test).
        if not connection.in_atomic_block:
            close_old_connections()


def _ended(state: dict) -> dict:
    return {**state, "ended": True, "version": state["version"] + 1}


class Watch:
    """The classes followed in this process: their latest state, and an Event set when it changes."""

    def __init__(self):
        self.latest: dict[str, dict] = {}
        self.changed: dict[str, asyncio.Event] = {}
        self.followers: Counter[str] = Counter()
        self.task: asyncio.Task | None = None

    def follow(self, state: dict) -> None:
        code = state["code"]
        self.followers[code] += 1
        if code not in self.latest or self.latest[code]["version"] < state["version"]:
            self.latest[code] = state
        self.changed.setdefault(code, asyncio.Event())
        if self.task is None or self.task.done():
            # A context of its own: one copied from the first request would end with that request, and
            # asgiref refuses database calls from a context that outlived its thread.
            self.task = asyncio.get_running_loop().create_task(self._poll(), context=contextvars.Context())

    def leave(self, code: str) -> None:
        self.followers[code] -= 1
        if self.followers[code] <= 0:
            del self.followers[code]
            self.latest.pop(code, None)
            self.changed.pop(code, None)

    def _publish(self, code: str, state: dict) -> None:
        self.latest[code] = state
        event, self.changed[code] = self.changed[code], asyncio.Event()
        event.set()

    async def _poll(self) -> None:
        while self.followers:
            await asyncio.sleep(POLL_SECONDS)
            codes = list(self.followers)
            try:
                states = await sync_to_async(class_states)(codes)
            except DatabaseError as error:  # an outage: keep the phones connected, try again
                log.warning("live classes not polled: %s", error)
                continue
            for code in codes:
                if code not in self.latest:
                    continue
                state = states.get(code) or _ended(self.latest[code])  # deleted: over
                if state["version"] != self.latest[code]["version"] or state["ended"] != self.latest[code]["ended"]:
                    self._publish(code, state)

    async def stream(self, state: dict):
        code = state["code"]
        self.follow(state)
        try:
            yield f"retry: {RETRY_MILLISECONDS}\n".encode() + event_bytes(state)
            sent, deadline = state, time.monotonic() + STREAM_SECONDS
            while not sent["ended"] and time.monotonic() < deadline:
                changed = self.changed[code]
                if self.latest[code]["version"] == sent["version"]:
                    try:
                        await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
                    except TimeoutError:
                        yield b": keep-alive\n\n"
                        continue
                sent = self.latest[code]
                yield event_bytes(sent)
        finally:
            self.leave(code)


# One per event loop: a test's loop ends with the test, the server's lasts.
_watches: dict[asyncio.AbstractEventLoop, Watch] = {}


def process_watch() -> Watch:
    loop = asyncio.get_running_loop()
    for other in [other for other in _watches if other.is_closed()]:
        del _watches[other]
    return _watches.setdefault(loop, Watch())


async def _async_stream(state: dict):
    async for chunk in process_watch().stream(state):
        yield chunk


def _thread_stream(state: dict):
    yield f"retry: {RETRY_MILLISECONDS}\n".encode() + event_bytes(state)
    sent, deadline, quiet_since = state, time.monotonic() + STREAM_SECONDS, time.monotonic()
    while not sent["ended"] and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        try:
            state = class_states([sent["code"]]).get(sent["code"]) or _ended(sent)
        except DatabaseError:
            continue
        if state["version"] != sent["version"] or state["ended"]:
            sent, quiet_since = state, time.monotonic()
            yield event_bytes(sent)
        elif time.monotonic() - quiet_since > KEEPALIVE_SECONDS:
            quiet_since = time.monotonic()
            yield b": keep-alive\n\n"


@require_GET
def live_events(request, code: str):
    """`GET /live/<code>/events`: the class's state now, then each change (see the module's docstring)."""
    try:
        live = guarded(request, code, lambda: running_class(code))
    except LiveError as error:
        # EventSource gives up on an answer that is not 200: the phone then asks /api/v1/live/<code>/ why.
        response = JsonResponse({"detail": str(error)}, status=error.status)
        if isinstance(error, TooManyGuesses):
            response["Retry-After"] = str(error.retry_after)
        return response
    state = live.state()
    if isinstance(request, ASGIRequest):
        # The stream needs no connection of its own (the poller reads for it): under ASGI this request's
        # thread would otherwise hold one open for as long as the phone follows. Not inside a transaction
        # (a test's), which closing would spoil.
        if not connection.in_atomic_block:
            connection.close()
        chunks = _async_stream(state)
    else:
        chunks = _thread_stream(state)
    response = StreamingHttpResponse(chunks, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each message on at once
    return response
