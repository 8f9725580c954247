"""What the page costs on the wire: code and styles on first load (compressed, as WhiteNoise serves them),
data bytes per event, and whether the event list revalidates (ETag → 304).

    .venv/bin/python benchmarks/payload.py --events 1000 10000

For each size: a throwaway SQLite database with `generate_corpus --events N`, the app under `make serve`'s
entry point, one cold load of `/` in headless Chromium; every response's encoded (on the wire) and decoded
size from resource timing, grouped by kind.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

from measure import (
    CHROMIUM,
    CHROMIUM_ARGS,
    bench_environment,
    free_port,
    load_average,
    manage,
    start_served_app,
    stop,
)

RESOURCES_JS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return [nav, ...performance.getEntriesByType("resource")].map((e) => ({
        name: e.name, type: e.initiatorType, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
    }));
}"""


def kind(entry: dict) -> str:
    name = entry["name"].split("?")[0]
    if "/api/" in name:
        return "data (API)"
    if name.endswith((".js", ".mjs", ".css")) or entry["type"] == "navigation":
        return "code and styles (HTML, JS, CSS)"
    if "world-atlas" in name or "countries-" in name:
        return "basemap"
    return "other (images, fonts, icons)"


def revalidates(url: str) -> str:
    first = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"}), timeout=120)
    etag = first.headers.get("ETag")
    if not etag:
        return "no ETag on the event list"
    again = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    try:
        status = urllib.request.urlopen(again, timeout=120).status
    except urllib.error.HTTPError as answer:
        status = answer.code
    return f"ETag {etag} → conditional GET answered {status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-payload-"))
    for n in args.events:
        env = bench_environment(f"sqlite:///{folder / f'payload-{n}.sqlite3'}")
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "generate_corpus", "--events", str(n), "--areas", str(n // 500))
        port = free_port()
        app = start_served_app(env, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("html[data-ready]", timeout=300_000)
                page.wait_for_timeout(1500)  # the basemap, drawn after the page is interactive
                entries = page.evaluate(RESOURCES_JS)
                events_url = next(e["name"] for e in entries if "/api/v1/event-index/" in e["name"])
                browser.close()
            print(f"\n{n} events (load {load_average()}):")
            totals: dict[str, list[int]] = {}
            for entry in entries:
                total = totals.setdefault(kind(entry), [0, 0, 0])
                total[0] += entry["encoded"]
                total[1] += entry["decoded"]
                total[2] += 1
            for name, (encoded, decoded, count) in sorted(totals.items()):
                print(f"  {name:34} {count:3} files  {encoded / 1e3:8.1f} kB on the wire  ({decoded / 1e3:.1f} kB)")
            index = next(e for e in entries if "/api/v1/event-index/" in e["name"])
            print(
                f"  events index: {index['encoded'] / n:.0f} bytes per event on the wire, "
                f"{index['decoded'] / n:.0f} uncompressed"
            )
            print("  " + revalidates(events_url))
            print("raw:", json.dumps(entries))
        finally:
            stop(app)


if __name__ == "__main__":
    main()
