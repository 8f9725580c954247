"""Time one step of present mode in headless Chromium, on a throwaway database served as `make serve` does.

    .venv/bin/python benchmarks/present_step.py --events 1000
    .venv/bin/python benchmarks/present_step.py --lesson road-to-the-moscow-treaty

With --events: generated events, present mode without a lesson (it steps through the events in view).
With --lesson: the seed corpus (fixtures/seed) and one of its lessons. Presses → (as a clicker's
PageDown/→ does) many times and prints the script time of a step, median and worst: from the key to the
step drawn (progress, title, text), the store and URL updated and the map's flight started. The flight
itself (frames after) is not counted. Numbers only, no pass/fail; the budget is 50 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    bench_environment,
    free_port,
    load_average,
    manage,
    start_served_app,
    stop,
)

# The step is drawn after the key's handler returns (the steps come from a promise): the time runs until
# the progress line says the next step, seen by a MutationObserver, not until the handler returns.
STEP_JS = """async (count) => {
    const stage = document.getElementById("present");
    const progress = () => stage.querySelector(".present-progress")?.textContent;
    const times = [];
    for (let i = 0; i < count; i++) {
        const before = progress();
        const drawn = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
                if (progress() !== before) { observer.disconnect(); resolve(); }
            });
            observer.observe(stage, { childList: true, subtree: true, characterData: true });
        });
        const start = performance.now();
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
        await drawn;
        times.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 60));
    }
    return times;
}"""


# "Step 1 of 10": the steps there are, so the run never presses past the last.
COUNT_JS = "() => Number(document.querySelector('.present-progress').textContent.match(/\\d+$/)[0])"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--lesson", help="a seed lesson's slug: present it on the seed corpus instead")
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-bench-"))
    env = bench_environment(f"sqlite:///{folder / 'bench.sqlite3'}")
    manage(env, "migrate", "--verbosity", "0")
    if args.lesson:
        manage(env, "load_corpus", str(ROOT / "fixtures" / "seed"))
        query = f"?lang=en&mode=present&lesson={args.lesson}&step=1"
    else:
        manage(env, "generate_corpus", "--events", str(args.events), "--routes", "50", "--areas", "20")
        query = "?lang=en&mode=present&step=1"
    port = free_port()
    server = start_served_app(env, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"http://127.0.0.1:{port}/{query}")
            page.wait_for_selector("html[data-ready]", timeout=180_000)
            page.wait_for_selector(".present-title")
            count = page.evaluate(COUNT_JS)
            times = page.evaluate(STEP_JS, min(args.steps, count - 1))
            browser.close()
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)
    what = f"lesson {args.lesson}" if args.lesson else f"{args.events} events"
    print(f"Present mode, {what}, script time of a step (ms, flight aside), load average {load_average()}:")
    print(f"  median {statistics.median(times):6.1f}  worst {max(times):6.1f}  over {len(times)} steps")


if __name__ == "__main__":
    main()
