"""Time the map at a date in headless Chromium on a throwaway database of generated events, routes and areas.

    .venv/bin/python benchmarks/map_date.py --events 10000 --routes 1000 --areas 300

Creates a SQLite database in a temporary folder (or uses BENCH_DATABASE_URL), runs `generate_corpus`,
starts the app as `make serve` does (measure.py: gunicorn, WhiteNoise, DEBUG off) and opens the page.
Then, numbers only, no pass/fail:

- date change: the slider moved to a random day (as a drag does), script time until the map's canvas
  has redrawn, median and worst of many days;
- playback: frames per second while playing at a month a second, and the share of frames over 33 ms;
- the routes and areas API for the whole corpus, for one day (`on=`) and for one day in a box (`bbox=`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (
    CHROMIUM,
    CHROMIUM_ARGS,
    bench_environment,
    fetch,
    free_port,
    manage,
    start_served_app,
    stop,
    summary,
)

# Move the slider as a drag does, then wait for the frame in which Leaflet's canvas redraws.
DATE_CHANGE_JS = """async (days) => {
    const slider = document.querySelector(".time-slider");
    const results = [];
    for (const day of days) {
        const start = performance.now();
        slider.value = String(day);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        const synchronous = performance.now() - start;
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
        results.push({ synchronous, withRedraw: performance.now() - start });
        await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return results;
}"""

PLAYBACK_JS = """async (seconds) => {
    const control = window.chronoatlas.timeControl;
    const frames = [];
    let last = performance.now();
    let running = true;
    const tick = (now) => { frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
    document.querySelector(".time-speed").value = "speedMonth";
    control.play();
    requestAnimationFrame(tick);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    running = false;
    control.pause();
    const total = frames.reduce((a, b) => a + b, 0);
    return { fps: frames.length / (total / 1000), slow: frames.filter((f) => f > 33.4).length / frames.length };
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--routes", type=int, default=1000)
    parser.add_argument("--areas", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changes", type=int, default=40, help="date changes to time")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-bench-"))
    env = bench_environment(os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}"))
    manage(env, "migrate", "--verbosity", "0")
    generate = manage(
        env, "generate_corpus", "--events", str(args.events), "--routes", str(args.routes), "--areas", str(args.areas),
        "--seed", str(args.seed),
    )  # fmt: skip
    print(f"{args.events} events, {args.routes} routes, {args.areas} areas generated in {generate:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_served_app(env, port)
    try:
        print("\nAPI from a plain HTTP client, median (best) ms, size:")
        for label, query in [
            ("routes, all", ""),
            ("routes on one day", "?on=1920-11-15"),
            ("routes on one day in a box", "?on=1920-11-15&bbox=38,38,46,42"),
            ("areas, all", ""),
            ("areas on one day", "?on=1920-11-15"),
        ]:
            endpoint = "routes" if label.startswith("routes") else "areas"
            runs = [fetch(f"{base}/api/v1/{endpoint}/{query}") for _ in range(3)]
            print(f"  {label:28} {summary([ms for ms, _ in runs])}  {runs[0][1] / 1e6:.2f} MB")

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{base}/?on=1920-06-01")
            page.wait_for_selector("html[data-ready]", timeout=180_000)
            low, high = (int(page.locator(".time-slider").get_attribute(name)) for name in ("min", "max"))
            step = max(1, (high - low) // args.changes)
            days = [low + (i * step * 7919) % (high - low) for i in range(args.changes)]
            changes = page.evaluate(DATE_CHANGE_JS, days)
            playback = page.evaluate(PLAYBACK_JS, 4)
            state = page.evaluate("() => window.chronoatlas.mapState()")
            browser.close()
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)

    synchronous = [c["synchronous"] for c in changes]
    redraw = [c["withRedraw"] for c in changes]
    print(f"\nDate change on the page ({len(state['routes'])} routes, {args.areas} areas drawn by day), ms:")
    print(f"  script (setDate)        median {statistics.median(synchronous):6.1f}  worst {max(synchronous):6.1f}")
    print(f"  script + canvas redraw  median {statistics.median(redraw):6.1f}  worst {max(redraw):6.1f}")
    print(f"Playback at a month a second: {playback['fps']:.1f} frames/s, {playback['slow'] * 100:.1f}% over 33 ms")


if __name__ == "__main__":
    main()
