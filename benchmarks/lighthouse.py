"""Lighthouse's four scores for the pages a visitor, a teacher and a student open, under `make serve`.

Issue 22: the atlas page, a collection's page, a lesson in present mode and the students' join page, each
audited by Lighthouse (npm `lighthouse`, pinned in frontend/package.json) in its default mobile emulation
(a mid-range phone: 4× slower CPU, a slow 4G network, simulated) with this machine's Chromium. The app runs
on a throwaway SQLite database holding the seed corpus and, for the collection page, the Women in Computing
TimelineJS sample imported as a collection of its own. Each page is audited `--runs` times; the median of
each score is printed, and each page's last report is kept in benchmarks/results/lighthouse/ (JSON, as
Lighthouse wrote it) for the audits behind the numbers.

    cd benchmarks && ../.venv/bin/python lighthouse.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

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

LIGHTHOUSE = ROOT / "frontend" / "node_modules" / ".bin" / "lighthouse"
# The samples sit beside the checkout (/work/shared beside /work/main); a git worktree is one folder deeper.
SAMPLE = next(
    (
        folder / "shared" / "samples" / "timelinejs" / "women_in_computing.json"
        for folder in ROOT.parents
        if (folder / "shared" / "samples" / "timelinejs" / "women_in_computing.json").is_file()
    ),
    ROOT.parent / "shared" / "samples" / "timelinejs" / "women_in_computing.json",
)
RESULTS = Path(__file__).resolve().parent / "results" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "atlas": "/?lang=en",
    "collection": "/?collection=women-in-computing&lang=en",
    "present": "/?lesson=road-to-the-moscow-treaty&mode=present&step=1&lang=en",
    "join": "/join/?lang=en",
}


def audit(url: str, report: Path) -> dict[str, int]:
    """One Lighthouse run of `url`: its four scores out of 100, the JSON report written to `report`."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def failing_audits(report: Path, below: float = 0.9) -> list[str]:
    """The weighted audits under `below` in a report: what to look at first."""
    data = json.loads(report.read_text())
    found = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref.get("weight") and result["score"] is not None and result["score"] < below:
                found.append(f"{category['id']}:{ref['id']} {result.get('displayValue', '')}".strip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="chronoatlas-lighthouse-"))
    env = bench_environment(f"sqlite:///{folder / 'db.sqlite3'}")
    manage(env, "migrate", "--noinput")
    manage(env, "load_corpus")
    manage(env, "import_events", str(SAMPLE), "--collection", "women-in-computing", "--publish")
    port = free_port()
    server = start_served_app(env, port)
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {load_average()}")
    scores: dict[str, list[dict[str, int]]] = {}
    try:
        for name in args.pages:
            url = f"http://127.0.0.1:{port}{PAGES[name]}"
            report = RESULTS / f"{name}.json"
            scores[name] = [audit(url, report) for _ in range(args.runs)]
            print(f"  {name:10} {scores[name]}  (load {load_average()})")
            for finding in failing_audits(report):
                print(f"      under 90: {finding}")
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nmedian of {args.runs} Lighthouse runs (mobile emulation), out of 100:")
    print(f"  {'page':10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    for name, runs in scores.items():
        medians = [statistics.median(run[c] for run in runs) for c in CATEGORIES]
        print(f"  {name:10} " + " ".join(f"{m:>15.0f}" for m in medians))


if __name__ == "__main__":
    main()
