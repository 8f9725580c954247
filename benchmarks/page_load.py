"""Time the atlas page in headless Chromium on a throwaway database of N generated events.

    .venv/bin/python benchmarks/page_load.py --events 1000
    .venv/bin/python benchmarks/page_load.py --events 10000

Creates a SQLite database in a temporary folder (or uses BENCH_DATABASE_URL), migrates it, runs
`generate_corpus --events N --seed S`, starts `manage.py runserver` (DEBUG off, static files from the
finders), and loads `/` cold several times. Prints, as median (best) in milliseconds from navigation start:
the API responses, when the timeline first drew its events, when the map drew the places, when the
basemap was drawn, `atlas:interactive` (timeline and map both drawn), the JS heap, how long selecting
an event takes, and the basemap's cost at 50m and 110m. Numbers only, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import CHROMIUM, CHROMIUM_ARGS, PYTHON, ROOT, free_port, manage, wait_for
from measure import fetch as _fetch
from measure import summary as _summary

MARKS = ["atlas:data-tr", "atlas:timeline-drawn", "atlas:map-drawn", "atlas:basemap-drawn", "atlas:interactive"]


def _index_fields() -> str:
    """The fields the page asks for, from the page itself (frontend.views), so the two cannot drift."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from frontend.views import INDEX_FIELDS

    return ",".join(INDEX_FIELDS)


# Time from pressing End on the timeline until the panel shows the last event's full text.
SELECT_JS = """() => new Promise((resolve) => {
    const start = performance.now();
    const panel = document.getElementById("panel");
    const observer = new MutationObserver(() => {
        if (!panel.querySelector(".panel-summary")) return;
        observer.disconnect();
        resolve(performance.now() - start);
    });
    observer.observe(panel, { childList: true, subtree: true });
    const key = new KeyboardEvent("keydown", { key: "End", bubbles: true });
    document.querySelector(".timeline-stage").dispatchEvent(key);
})"""


def _load_once(browser, base: str) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="tr-TR")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(f"{base}/")
    page.wait_for_selector("html[data-ready]", timeout=120_000)
    result = page.evaluate(
        """(marks) => {
            const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
            const events = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/v1/events/"));
            const basemap = performance.getEntriesByType("resource").find((e) => e.name.includes("countries-"));
            const nav = performance.getEntriesByType("navigation")[0];
            return {
                marks: Object.fromEntries(marks.map((name) => [name, mark(name)])),
                html: nav.responseEnd,
                domContentLoaded: nav.domContentLoadedEventEnd,
                eventsStart: events.requestStart,
                eventsFirstByte: events.responseStart,
                eventsEnd: events.responseEnd,
                eventsBytes: events.decodedBodySize,
                basemapBytes: basemap?.decodedBodySize ?? null,
                count: window.chronoatlas.sequence().length,
            };
        }""",
        MARKS,
    )
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    result["heapMB"] = metrics["JSHeapUsedSize"] / 1e6
    # Select the last event with the keyboard: timeline highlight, map flight start, panel with details.
    page.locator(".timeline-stage").focus()
    result["selectMs"] = page.evaluate(SELECT_JS)
    # One timeline redraw at a new scale (lanes laid out again for every event), as during a wheel zoom.
    result["zoomFrameMs"] = page.evaluate(
        """() => new Promise((resolve) => {
            const start = performance.now();
            window.chronoatlas.timeline.zoom(1.7);
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
        })"""
    )
    context.close()
    return result


def _basemap_cost(browser, base: str) -> dict:
    """Fetch, convert, add and draw each world-atlas resolution on the loaded page's map, in isolation."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/")
    page.wait_for_selector("html[data-ready]", timeout=120_000)
    costs = {}
    for resolution in ("110m", "50m"):
        costs[resolution] = page.evaluate(
            """async (resolution) => {
                const out = {};
                let t = performance.now();
                const url = `/static/vendor/world-atlas/countries-${resolution}.json`;
                const topology = await (await fetch(url, { cache: "no-store" })).json();
                out.fetchParse = performance.now() - t;
                t = performance.now();
                const land = topojson.feature(topology, topology.objects.land);
                const borders = topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
                out.convert = performance.now() - t;
                const map = window.chronoatlas.map;
                const renderer = L.canvas({ padding: 0.2 });
                t = performance.now();
                const layers = [L.geoJSON(land, { renderer }).addTo(map), L.geoJSON(borders, { renderer }).addTo(map)];
                await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
                out.addAndDraw = performance.now() - t;
                t = performance.now();
                map.setZoom(map.getZoom() + 1, { animate: false });
                await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
                out.zoomRedraw = performance.now() - t;
                layers.forEach((layer) => layer.remove());
                map.setZoom(map.getZoom() - 1, { animate: false });
                return out;
            }""",
            resolution,
        )
    page.close()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True, help="how many events to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="cold page loads to time")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}"),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    migrate = manage(env, "migrate", "--verbosity", "0")
    generate = manage(env, "generate_corpus", "--events", str(args.events), "--seed", str(args.seed))
    print(f"database {env['DATABASE_URL']}: migrate {migrate:.1f} s, generate_corpus {generate:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/api/v1/themes/")
        # Server side, seen from a plain HTTP client: what the page asks for, and the full list for scale.
        index_url = f"{base}/api/v1/events/?fields={_index_fields()}&lang=tr"
        print(f"\n{args.events} events; API from a plain HTTP client, median (best) ms, size:")
        for label, url in [
            ("events, page's index fields", index_url),
            ("events, all fields", f"{base}/api/v1/events/?lang=tr"),
            ("places", f"{base}/api/v1/places/?lang=tr"),
            ("routes", f"{base}/api/v1/routes/?lang=tr"),
        ]:
            runs = [_fetch(url) for _ in range(3)]
            print(f"  {label:30} {_summary([ms for ms, _ in runs])}  {runs[0][1] / 1e6:.2f} MB")

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _load_once(browser, base)  # warm the server's imports and the OS file cache, not measured
            runs = [_load_once(browser, base) for _ in range(args.repeat)]
            basemap = _basemap_cost(browser, base)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    first = runs[0]

    def row(label: str, key, note: str = "") -> None:
        print(f"  {label:34} {_summary([key(run) for run in runs])}{note}")

    print(f"\nPage, {args.repeat} cold loads in headless Chromium (1366×768), ms from navigation start, median (best):")
    print(f"  {'events on the page':34} {first['count']}")
    row("HTML received", lambda r: r["html"])
    row("DOMContentLoaded", lambda r: r["domContentLoaded"])
    row("events API: request sent", lambda r: r["eventsStart"])
    row("events API: first byte", lambda r: r["eventsFirstByte"])
    row("events API: received", lambda r: r["eventsEnd"], f"  ({first['eventsBytes'] / 1e6:.2f} MB)")
    row("events API: time on the wire", lambda r: r["eventsEnd"] - r["eventsStart"])
    row("all page data parsed (atlas:data)", lambda r: r["marks"]["atlas:data-tr"])
    row("first events drawn (timeline)", lambda r: r["marks"]["atlas:timeline-drawn"])
    row("places drawn (map)", lambda r: r["marks"]["atlas:map-drawn"])
    row("atlas:interactive", lambda r: r["marks"]["atlas:interactive"])
    row(
        "basemap drawn", lambda r: r["marks"]["atlas:basemap-drawn"], f"  ({(first['basemapBytes'] or 0) / 1e6:.2f} MB)"
    )
    row("JS heap after load (MB)", lambda r: r["heapMB"])
    row("select an event (End → full panel)", lambda r: r["selectMs"])
    row("timeline redraw at a new zoom", lambda r: r["zoomFrameMs"])
    print("The page's own work, from the last API response to:")
    row("  atlas:interactive", lambda r: r["marks"]["atlas:interactive"] - r["marks"]["atlas:data-tr"])
    row("  basemap drawn", lambda r: r["marks"]["atlas:basemap-drawn"] - r["marks"]["atlas:data-tr"])
    print(
        "\nBasemap alone on that page, ms: fetch+parse, topojson→GeoJSON, Leaflet add+first draw, redraw after a zoom"
    )
    for resolution, cost in basemap.items():
        print("  " + f"{resolution:5}" + "  ".join(f"{name} {value:.0f}" for name, value in cost.items()))
    print("\nraw:", json.dumps({"runs": runs, "basemap": basemap}))


if __name__ == "__main__":
    main()
