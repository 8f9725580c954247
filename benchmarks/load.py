"""A bounded HTTP load generator for 127.0.0.1 only: processes × threads, each thread one keep-alive
connection, every request bounded by a deadline and a total count. Standard library only.

    from load import run_load
    stats = run_load(["http://127.0.0.1:8000/api/v1/events/"], seconds=10, clients=16)
"""

from __future__ import annotations

import http.client
import itertools
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from urllib.parse import urlsplit

HEADERS = {"Accept-Encoding": "gzip", "Accept": "application/json, text/html"}


def _client(urls: list, deadline: float, max_requests: int, headers: dict) -> list[tuple]:
    """One connection's requests until the deadline: (latency ms, status, url, sent at) each; status 0 = no
    answer. A URL may come as (url, extra headers), e.g. a logged-in curator's session cookie."""
    parts = urlsplit(urls[0] if isinstance(urls[0], str) else urls[0][0])
    if parts.hostname != "127.0.0.1":
        raise ValueError("the load generator only targets 127.0.0.1")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    samples = []
    for entry in itertools.islice(itertools.cycle(urls), max_requests):
        if time.monotonic() >= deadline:
            break
        url, extra = (entry, {}) if isinstance(entry, str) else entry
        target = urlsplit(url)
        sent = time.monotonic()
        path = target.path + (f"?{target.query}" if target.query else "")
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers={**headers, **extra})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            status = 0
        samples.append(((time.perf_counter() - start) * 1000, status, url, sent))
    connection.close()
    return samples


def _process(urls, deadline, max_requests, threads, headers, offset):
    with ThreadPoolExecutor(threads) as pool:
        # Each client starts at another URL of the mix, so a mix is spread over the run, not in lockstep.
        jobs = [
            pool.submit(
                _client,
                urls[(offset + i) % len(urls) :] + urls[: (offset + i) % len(urls)],
                deadline,
                max_requests,
                headers,
            )
            for i in range(threads)
        ]
        return [sample for job in jobs for sample in job.result()]


def run_load(
    urls: list, *, seconds: float, clients: int, max_requests: int = 100_000, headers=None, keep_samples=False
) -> dict:
    """`clients` concurrent connections for at most `seconds` and `max_requests` requests in all."""
    processes = min(clients, os.cpu_count() or 1)
    per_process = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    deadline_in = seconds
    start = time.monotonic()
    with ProcessPoolExecutor(processes) as pool:
        deadline = time.monotonic() + deadline_in
        jobs = [
            pool.submit(_process, urls, deadline, max(1, max_requests // clients), threads, headers or HEADERS, i * 7)
            for i, threads in enumerate(per_process)
        ]
        samples = [sample for job in jobs for sample in job.result()]
    elapsed = time.monotonic() - start
    stats = summarise(samples, elapsed)
    if keep_samples:
        stats["samples"] = samples
    return stats


def summarise(samples: list[tuple], elapsed: float) -> dict:
    latencies = sorted(sample[0] for sample in samples)
    statuses: dict[int, int] = {}
    for _, status, *_ in samples:
        statuses[status] = statuses.get(status, 0) + 1

    def percentile(p: float) -> float | None:
        if not latencies:
            return None
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    by_url: dict[str, list[float]] = {}
    for latency, _, url, *_ in samples:
        by_url.setdefault(urlsplit(url).path, []).append(latency)

    return {
        "requests": len(samples),
        "rps": len(samples) / elapsed if elapsed else 0,
        "p50": statistics.median(latencies) if latencies else None,
        "p99": percentile(99),
        "max": latencies[-1] if latencies else None,
        "statuses": statuses,
        "errors": sum(n for status, n in statuses.items() if status == 0 or status >= 400),
        "seconds": elapsed,
        # Which requests make the tail: each path's count, p50 and p99 (ms).
        "by_path": {
            path: {"requests": len(values), "p50": statistics.median(values), "p99": _percentile(sorted(values), 99)}
            for path, values in by_url.items()
        },
    }


def _percentile(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]
