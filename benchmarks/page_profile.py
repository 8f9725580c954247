"""Where the atlas page's time goes: one cold load with Chromium's CPU profiler and resource timing.

    .venv/bin/python benchmarks/page_profile.py --database sqlite:////tmp/bench-10000.sqlite3

The database must already hold a corpus (page_compare.py --keep DIR leaves one behind per size, or run
`generate_corpus` yourself). The app runs under `make serve`'s entry point, as in page_compare.py. Prints
the page's marks, each request (when it started, waited for its first byte, finished; bytes on the wire
and decoded), the issue's metric, and the script functions with the most self time grouped by file, so
the seconds can be put on server, transfer, parsing, indexing, drawing. Numbers only, no pass/fail.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from measure import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LAST_ACTIVITY_JS,
    LONGTASK_OBSERVER,
    bench_environment,
    free_port,
    load_average,
    start_served_app,
    stop,
)

TIMINGS_JS = """() => ({
    marks: performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]),
    nav: (({ responseStart, responseEnd, domContentLoadedEventEnd }) =>
        ({ responseStart, responseEnd, domContentLoadedEventEnd }))(performance.getEntriesByType("navigation")[0]),
    resources: performance.getEntriesByType("resource").map((e) => ({
        name: e.name.replace(location.origin, ""), start: e.startTime, firstByte: e.responseStart,
        end: e.responseEnd, wire: e.encodedBodySize, decoded: e.decodedBodySize,
    })),
    longTasks: window.__longTasks,
})"""


def self_times(profile: dict) -> tuple[collections.Counter, collections.Counter]:
    """Self time in ms per function (name @ file:line) and per file, from a CDP Profiler profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    hits: collections.Counter = collections.Counter()
    deltas = profile.get("timeDeltas", [])
    for sample, delta in zip(profile.get("samples", []), [*deltas[1:], 0], strict=False):
        hits[sample] += delta / 1000
    by_function: collections.Counter = collections.Counter()
    by_file: collections.Counter = collections.Counter()
    for node_id, ms in hits.items():
        frame = nodes[node_id]["callFrame"]
        url = frame["url"].rsplit("/", 1)[-1] or "(native)"
        name = frame["functionName"] or "(anonymous)"
        by_function[f"{name} @ {url}:{frame['lineNumber'] + 1}"] += ms
        by_file[url] += ms
    return by_function, by_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="DATABASE_URL of a database holding a corpus")
    parser.add_argument("--path", default="/", help="the page to load, e.g. /?lang=en")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="write the .cpuprofile here (open it in DevTools)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    env = bench_environment(args.database)
    port = free_port()
    app = start_served_app(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # A first load fills the server's caches, as any earlier visitor would have; the profile is the second.
            warm = browser.new_page()
            warm.goto(f"{base}{args.path}")
            warm.wait_for_selector("html[data-ready]", timeout=300_000)
            warm.close()
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="tr-TR")
            context.add_init_script(LONGTASK_OBSERVER)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cdp.send("Profiler.start")
            cdp.send("Performance.enable")
            page.goto(f"{base}{args.path}")
            page.wait_for_selector("html[data-ready]", timeout=300_000)
            while True:
                state = page.evaluate(LAST_ACTIVITY_JS)
                if state["now"] - state["last"] >= 1000:
                    break
                page.wait_for_timeout(100)
            profile = cdp.send("Profiler.stop")["profile"]
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            timings = page.evaluate(TIMINGS_JS)
            browser.close()
    finally:
        stop(app)

    if args.save:
        args.save.write_text(json.dumps(profile))
    print(f"load average: {load_average()}")
    print(f"quiet after load: {state['last']:.0f} ms, JS heap {metrics['JSHeapUsedSize'] / 1e6:.1f} MB")
    print(
        f"HTML: first byte {timings['nav']['responseStart']:.0f}, DOMContentLoaded "
        f"{timings['nav']['domContentLoadedEventEnd']:.0f} ms"
    )
    print("marks:", ", ".join(f"{name} {ms}" for name, ms in timings["marks"]))
    print("\nrequests (ms from navigation: start, first byte, end; kB on the wire / decoded):")
    for r in sorted(timings["resources"], key=lambda r: r["start"]):
        if r["end"] - r["start"] < 20 and r["decoded"] < 50_000:
            continue  # the many small modules: listed only when they matter
        print(
            f"  {r['start']:7.0f} {r['firstByte']:7.0f} {r['end']:7.0f}  {r['wire'] / 1e3:8.1f} / "
            f"{r['decoded'] / 1e3:8.1f}  {r['name'][:90]}"
        )
    tasks = timings["longTasks"]
    print(
        f"\nlong tasks: {len(tasks)}, {sum(d for _, d in tasks):.0f} ms in all: "
        + ", ".join(f"{s:.0f}+{d:.0f}" for s, d in tasks[:20])
    )
    by_function, by_file = self_times(profile)
    print("\nself time by file (ms):")
    for name, ms in by_file.most_common(15):
        print(f"  {ms:8.0f}  {name}")
    print("\nself time by function (ms):")
    for name, ms in by_function.most_common(args.top):
        print(f"  {ms:8.0f}  {name}")


if __name__ == "__main__":
    main()
