"""A live class under a running server: how long a teacher's move takes to reach every phone.

    .venv/bin/python benchmarks/live_class.py --url http://127.0.0.1:8000 --students 200 --moves 20 --browsers 50

Against a server already running (`make serve`): starts a class on the first published lesson, opens
`--students` event streams (live/stream.py), then makes `--moves` step changes one after another, each
after every stream has the one before. Prints the time from the POST's send to each stream's message
(p50, p99, max over all phones and moves), the streams that failed, and the server workers' memory when
their process ids are given (--pids). With --browsers, that many other clients load the atlas's page and its
first-paint data (benchmarks/load.py) all the while: their requests, p50, p99 and errors are printed too
(start the server with DJANGO_API_ANON_RATE=off: they all come from one address). Numbers only, nothing
passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import urllib.request
from urllib.parse import urlsplit

from load import run_load

BROWSING = ["/?lang=tr", "/api/v1/event-index/?lang=tr", "/api/v1/places/?lang=tr", "/api/v1/routes/?lang=tr"]


def _post(base: str, path: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(base + path, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


async def _student(host: str, port: int, path: str, versions: dict, index: int, ready: asyncio.Event):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(status.decode().strip())
    while line := await reader.readline():
        if line.startswith(b"id: "):
            versions[index].append((int(line[4:]), time.perf_counter()))
            ready.set()


async def run(base: str, students: int, moves: int, pids: list[int], browsers: int) -> None:
    parts = urlsplit(base)
    lessons = json.load(urllib.request.urlopen(f"{base}/api/v1/lessons/", timeout=10))
    lesson = next(item for item in lessons if item["step_count"] >= 2)
    started = _post(base, "/api/v1/live/", {"lesson": lesson["slug"]})
    versions = {index: [] for index in range(students)}
    readies = [asyncio.Event() for _ in range(students)]
    tasks = [
        asyncio.create_task(_student(parts.hostname, parts.port or 80, started["events_url"], versions, i, readies[i]))
        for i in range(students)
    ]
    opened = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(ready.wait() for ready in readies)), timeout=60)
    print(f"{students} streams open in {time.perf_counter() - opened:.2f} s")
    browsing = None
    if browsers:
        urls = [base + path for path in BROWSING]
        browsing = asyncio.create_task(asyncio.to_thread(run_load, urls, seconds=moves * 0.6, clients=browsers))
        await asyncio.sleep(1)  # the browsing clients under way before the first move
    delays, version = [], started["version"]
    for move in range(moves):
        step = 2 if move % 2 == 0 else 1
        sent = time.perf_counter()
        version = (await asyncio.to_thread(_post, base, f"/api/v1/live/{started['code']}/step/", {"step": step},
                                           started["token"]))["version"]  # fmt: skip
        deadline = sent + 10
        while time.perf_counter() < deadline and not all(
            any(v == version for v, _ in seen) for seen in versions.values()
        ):
            await asyncio.sleep(0.01)
        for seen in versions.values():
            at = [t for v, t in seen if v == version]
            delays.append(at[0] - sent if at else None)
    failed = sum(task.done() and task.exception() is not None for task in tasks)
    missed = sum(delay is None for delay in delays)
    got = sorted(delay for delay in delays if delay is not None)
    print(f"{moves} moves × {students} phones: p50 {statistics.median(got) * 1000:.0f} ms, "
          f"p99 {got[int(len(got) * 0.99) - 1] * 1000:.0f} ms, max {got[-1] * 1000:.0f} ms; "
          f"missed {missed}, streams failed {failed}")  # fmt: skip
    if browsing:
        stats = await browsing
        print(f"{browsers} browsing clients: {stats['requests']} requests, p50 {stats['p50']:.0f} ms, "
              f"p99 {stats['p99']:.0f} ms, errors {stats['errors']}")  # fmt: skip
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            rss = next(line for line in status if line.startswith("VmRSS"))
        print(f"process {pid}: {rss.split(':')[1].strip()}")
    _post(base, f"/api/v1/live/{started['code']}/end/", {}, started["token"])
    for task in tasks:
        task.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--pids", type=int, nargs="*", default=[])
    parser.add_argument("--browsers", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(run(args.url.rstrip("/"), args.students, args.moves, args.pids, args.browsers))


if __name__ == "__main__":
    main()
