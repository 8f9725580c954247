"""What every benchmark here shares: the browser's flags, starting the app on a throwaway database, and
the issue's one metric for any page (`quiet_after_load`).

The metric: from navigation start to the end of the last long task or network response before the first
full second in which the main thread runs no long task and no request is in flight (the idea of Lighthouse's
"time to interactive", measured the same way for the atlas and for the timelines it is compared with).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
QUIET_MS = 1000

# Installed before any script of the page runs: long tasks are buffered by the observer from the start.
LONGTASK_OBSERVER = """
window.__longTasks = [];
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
"""

LAST_ACTIVITY_JS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    let last = nav ? nav.responseEnd : 0;
    for (const [start, duration] of window.__longTasks) last = Math.max(last, start + duration);
    for (const entry of performance.getEntriesByType("resource")) last = Math.max(last, entry.responseEnd);
    return { now: performance.now(), last, longTasks: window.__longTasks.length };
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> float:
    """Run a management command; seconds it took."""
    start = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}")


def fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    body = urllib.request.urlopen(url, timeout=120).read()
    return (time.perf_counter() - start) * 1000, len(body)


def summary(values: list[float]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return f"{statistics.median(values):7.0f} ({min(values):.0f})"


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def bench_environment(database_url: str) -> dict:
    """The production settings a benchmark runs the app under (no throttling: the load is ours)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 50),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_API_ANON_RATE": "off",
    }


def start_served_app(env: dict, port: int, workers: int = 3) -> subprocess.Popen:
    """`make serve`'s own entry point (config.serve: collectstatic, migrate, gunicorn + WhiteNoise), returned
    once every worker has warmed itself (config/gunicorn.conf.py logs "warmed" per worker).

    Answering the first request is not enough: the load's keep-alive connections, opened at once, all went to
    the first worker ready and stayed there for the whole run (39 of 50 on one worker of five, counted with
    `ss -tnp`), which measured one worker's queue rather than the server."""
    log = tempfile.NamedTemporaryFile(prefix="chronoatlas-serve-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(
        [PYTHON, "-m", "config.serve"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/api/v1/themes/", timeout=180)
    deadline = time.monotonic() + 180
    while Path(log.name).read_text(errors="replace").count("warmed") < workers:
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError(f"not every one of {workers} workers warmed itself; see {log.name}")
        time.sleep(0.2)
    server.log_path = log.name  # removed by stop()
    return server


def stop(server: subprocess.Popen) -> None:
    """Stop a server started here and its workers (its own process group, nothing else)."""
    if log_path := getattr(server, "log_path", None):
        Path(log_path).unlink(missing_ok=True)
    try:
        os.killpg(server.pid, 15)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, 9)
        server.wait()


def quiet_after_load(browser, url: str, *, timeout_s: float = 120, ready=None) -> dict:
    """Load `url` cold in a fresh context and measure the issue's metric, with the JS heap at that moment.

    Returns {"ms": …, "heapMB": …, "longTasks": …}, or {"ms": None, "timedOut": True} when the page never
    had a quiet second within `timeout_s`. `ready(page)` may wait for the page's own signal first.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="tr-TR")
    context.add_init_script(LONGTASK_OBSERVER)
    page = context.new_page()
    in_flight: set = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    deadline = time.monotonic() + timeout_s
    result: dict = {"ms": None, "timedOut": True}
    try:
        page.goto(url, timeout=timeout_s * 1000)
        shown = ready(page) if ready else None
        while time.monotonic() < deadline:
            state = page.evaluate(LAST_ACTIVITY_JS)
            if not in_flight and state["now"] - state["last"] >= QUIET_MS:
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                result = {
                    "ms": state["last"],
                    "heapMB": metrics["JSHeapUsedSize"] / 1e6,
                    "longTasks": state["longTasks"],
                }
                if shown is not None and shown >= 0:
                    result["events"] = shown
                break
            page.wait_for_timeout(100)
    except Exception as error:  # a page that crashes or hangs is a result too, not the end of the run
        result = {"ms": None, "error": str(error).splitlines()[0][:200]}
    finally:
        context.close()
    return result
