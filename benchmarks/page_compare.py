"""The atlas page, TimelineJS and vis-timeline side by side, in one run, on the same generated events.

    .venv/bin/python benchmarks/page_compare.py --events 1000 10000 100000

For each size: a throwaway SQLite database (BENCH_DATABASE_URL for another), `generate_corpus --events N`,
the app under `make serve`'s entry point (config.serve: gunicorn, WhiteNoise, DEBUG off). The events are
read once from the app's API and written in each library's own format to a folder that this script serves
with its own static server, together with the libraries from frontend/node_modules (devDependencies, never
served by the app). Each page is then loaded cold `--runs` times, interleaved, in headless Chromium and
timed by the issue's metric (benchmarks/measure.py). TimelineJS only up to `--timelinejs-max` events.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import tempfile
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from measure import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    bench_environment,
    free_port,
    load_average,
    manage,
    quiet_after_load,
    start_served_app,
    stop,
)

TIMELINEJS_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/node_modules/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="/node_modules/@knight-lab/timelinejs/dist/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:1366px;height:768px"></div>
<script>fetch("timelinejs-{n}.json").then((r) => r.json()).then((data) => {{
  window.timeline = new TL.Timeline("timeline", data);
}});</script></body></html>"""

VIS_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css">
<script src="/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:1366px;height:768px"></div>
<script>fetch("vis-{n}.json").then((r) => r.json()).then((items) => {{
  window.timeline = new vis.Timeline(document.getElementById("timeline"), new vis.DataSet(items), {{}});
}});</script></body></html>"""


def _date_parts(iso: str) -> dict:
    negative = iso.startswith("-")
    year, month, day = (iso[1:] if negative else iso).split("-")[:3]
    return {"year": -int(year) if negative else int(year), "month": int(month), "day": int(day)}


def write_library_pages(folder: Path, events: list[dict], n: int) -> None:
    """The same events in TimelineJS's and vis-timeline's formats: title, start and, for spans, end."""
    timelinejs = {
        "events": [
            {
                "start_date": _date_parts(e["start"]),
                **({"end_date": _date_parts(e["end"])} if e["end"] != e["start"] else {}),
                "text": {"headline": e["title"], "text": e["date"]},
            }
            for e in events
        ]
    }
    vis = [
        {"id": i, "content": e["title"], "start": e["start"], **({"end": e["end"]} if e["end"] != e["start"] else {})}
        for i, e in enumerate(events)
    ]
    (folder / f"timelinejs-{n}.json").write_text(json.dumps(timelinejs))
    (folder / f"vis-{n}.json").write_text(json.dumps(vis))
    (folder / f"timelinejs-{n}.html").write_text(TIMELINEJS_PAGE.format(n=n))
    (folder / f"vis-{n}.html").write_text(VIS_PAGE.format(n=n))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def start_static_server(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    (folder / "node_modules").symlink_to(ROOT / "frontend" / "node_modules")
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def _atlas_ready(page) -> int:
    """The page's own signal, then how many events it holds: a page that failed is not a fast page."""
    page.wait_for_selector("html[data-ready]", timeout=300_000)
    return page.evaluate("window.chronoatlas.sequence().length")


def _library_ready(page) -> int:
    page.wait_for_function("window.timeline", timeout=300_000)
    return -1


def measure_size(browser, n: int, args, folder: Path, static_base: str) -> dict:
    import os

    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / f'bench-{n}.sqlite3'}")
    env = bench_environment(database)
    manage(env, "migrate", "--verbosity", "0")
    generate = manage(env, "generate_corpus", "--events", str(n), "--seed", str(args.seed), "--areas", str(n // 500))
    port = free_port()
    app = start_served_app(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        url = f"{base}/api/v1/events/?fields=slug,title,date,start,end&lang=tr"
        events = json.loads(urllib.request.urlopen(url, timeout=300).read())
        events = events["results"] if isinstance(events, dict) else events
        write_library_pages(folder, events, n)
        pages = {"atlas": f"{base}/", "vis-timeline": f"{static_base}/vis-{n}.html"}
        if n <= args.timelinejs_max:
            pages["TimelineJS"] = f"{static_base}/timelinejs-{n}.html"
        results: dict = {name: [] for name in pages}
        for _ in range(args.runs):
            for name, page_url in pages.items():
                ready = _atlas_ready if name == "atlas" else _library_ready
                run = quiet_after_load(browser, page_url, timeout_s=args.timeout, ready=ready)
                run["load"] = load_average()
                results[name].append(run)
                print(f"  {n:>7} {name:13} {run}", flush=True)
    finally:
        stop(app)
    return {"events": len(events), "generate_s": generate, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timelinejs-max", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take to become quiet")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-compare-"))
    static, static_base = start_static_server(folder)
    report = {}
    print(f"load average at start: {load_average()}")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in args.events:
                report[n] = measure_size(browser, n, args, folder, static_base)
            browser.close()
    finally:
        static.shutdown()
        shutil.rmtree(folder, ignore_errors=True)

    print("\nms from navigation to the start of the first quiet second (each run), JS heap MB, load average:")
    for n, size in report.items():
        for name, runs in size["results"].items():
            times = ", ".join("timeout" if r["ms"] is None else f"{r['ms']:.0f}" for r in runs)
            heaps = ", ".join(f"{r['heapMB']:.0f}" for r in runs if r.get("heapMB"))
            loads = "; ".join(r["load"] for r in runs)
            print(f"  {n:>7} events  {name:13} {times:>16} ms   heap {heaps:>8} MB   load {loads}")
    print("\nraw:", json.dumps(report))


if __name__ == "__main__":
    main()
