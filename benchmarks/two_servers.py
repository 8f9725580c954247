"""Two app servers on one PostgreSQL and one Redis: a curator's save on one is seen at once on the other,
the cached event list included.

    .venv/bin/python benchmarks/two_servers.py

DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ca_p_two; dropped and made again, so it must be
named ca_<something>) and REDIS_URL (default redis://127.0.0.1:6379/5, flushed). Both servers are `make
serve`'s entry point on their own ports. Server B's event list is read first (so it is cached), the curator
saves a new title through server A's admin, and B is asked again straight away.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request

from measure import ROOT, bench_environment, free_port, manage, start_served_app, stop
from reliability import CURATOR, Curator, edited
from serve_api import recreate_database

LIST = "/api/v1/events/?fields=slug,title&lang=en"


def listed_title(base: str, slug: str) -> tuple[str, str | None]:
    response = urllib.request.urlopen(base + LIST, timeout=120)
    rows = json.loads(response.read())
    rows = rows["results"] if isinstance(rows, dict) else rows
    return next(row["title"] for row in rows if row["slug"] == slug), response.headers.get("ETag")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()  # --help, before anything is dropped
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ca_p_two")
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    recreate_database(database)
    subprocess.run(["redis-cli", "-u", redis, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    env = {**bench_environment(database), "REDIS_URL": redis}
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "generate_corpus", "--events", "1000")
    subprocess.run(
        [sys.executable, "manage.py", "createcurator", "--no-input", "--username", CURATOR[0], "--email", ""],
        cwd=ROOT, env={**env, "DJANGO_CURATOR_PASSWORD": CURATOR[1]}, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    a_port, b_port = free_port(), free_port()
    server_a = start_served_app(env, a_port, workers=2)
    server_b = None
    try:
        server_b = start_served_app(env, b_port, workers=2)
        a, b = f"http://127.0.0.1:{a_port}", f"http://127.0.0.1:{b_port}"
        slug = "gen-event-1"
        before, etag_before = listed_title(b, slug)
        listed_title(b, slug)  # served from the cache now
        curator = Curator(a)
        curator.login()
        change = curator.change_url(slug)
        status, text = curator.post(change, edited(curator.form(change), " (edited on server A)"))
        if status != 302:
            print(f"the save was not accepted (HTTP {status}): {curator.errors(text)}")
        saved = time.perf_counter()
        after, etag_after = listed_title(b, slug)
        seen_ms = (time.perf_counter() - saved) * 1000
        detail = json.loads(urllib.request.urlopen(f"{b}/api/v1/events/{slug}/?lang=en", timeout=60).read())
        print(f"server A {a}, server B {b}, one PostgreSQL ({database.rsplit('/', 1)[-1]}), one Redis ({redis})")
        print(f"B's cached event list before the save: {before!r} (ETag {etag_before})")
        print(f"curator saves on A through the admin: HTTP {status} (302: saved)")
        print(f"B's event list right after ({seen_ms:.0f} ms later): {after!r} (ETag {etag_after})")
        print(f"B's event detail: {detail['title']!r}")
        print("seen at once on B:", after.endswith("(edited on server A)") and detail["title"] == after)
    finally:
        stop(server_a)
        if server_b:
            stop(server_b)


if __name__ == "__main__":
    main()
