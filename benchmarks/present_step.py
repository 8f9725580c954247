"""Time one step of present mode in headless Chromium on a throwaway database of generated events.

    .venv/bin/python benchmarks/present_step.py --events 1000

Opens present mode without a lesson (it steps through the events in view), presses → (as a clicker's
PageDown/→ does) many times and prints the script time of a step, median and worst: from the key to the
step drawn, the panel and store updated and the map's flight started. The flight itself (frames after)
is not counted. Numbers only, no pass/fail; the budget is 50 ms.
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
from measure import CHROMIUM, CHROMIUM_ARGS, bench_environment, free_port, manage, start_served_app, stop

STEP_JS = """async (count) => {
    const times = [];
    for (let i = 0; i < count; i++) {
        const start = performance.now();
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
        times.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 60));
    }
    return times;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-bench-"))
    env = bench_environment(os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}"))
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "generate_corpus", "--events", str(args.events), "--routes", "50", "--areas", "20")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_served_app(env, port)  # as `make serve` runs it (measure.py)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{base}/?lang=en&mode=present&step=1")
            page.wait_for_selector("html[data-ready]", timeout=180_000)
            page.wait_for_selector(".present-title")
            times = page.evaluate(STEP_JS, args.steps)
            browser.close()
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Present mode, {args.events} events, script time of a step (ms, flight aside):")
    print(f"  median {statistics.median(times):6.1f}  worst {max(times):6.1f}  over {len(times)} steps")


if __name__ == "__main__":
    main()
