"""Time the read API at scale, server side (Django test client, no network), on a throwaway database.

    .venv/bin/python benchmarks/api.py --events 1000 --events 10000

Prints one line per endpoint: the first request (cache empty), then median and best of the repeats (the
event list is cached per data version; the others are not), query counts and response size.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENDPOINTS = [
    ("events, all fields", "/api/v1/events/?lang=en"),
    ("events, page fields", None),  # the page's own index fields, once Django is set up
    ("events, one year", "/api/v1/events/?lang=en&date_after=1920-01-01&date_before=1920-12-31"),
    ("one event", "/api/v1/events/gen-event-1/?lang=en"),
    ("places", "/api/v1/places/?lang=en"),
    ("routes", "/api/v1/routes/?lang=en"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = args.events or [1000, 10000]

    db_file = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}"),
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="benchmark",
        DJANGO_STATIC_MANIFEST="false",
    )
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from frontend.views import INDEX_FIELDS

    page_fields = f"/api/v1/events/?lang=en&fields={','.join(INDEX_FIELDS)}"
    call_command("migrate", verbosity=0)
    client = Client()
    print(f"database: {connection.vendor}; {args.repeat} requests each, times in ms")
    for size in sizes:
        started = time.perf_counter()
        call_command("generate_corpus", events=size, seed=1, stdout=io.StringIO())
        print(f"\n{size} events (generated in {time.perf_counter() - started:.1f} s)")
        for label, url in ENDPOINTS:
            url = url or page_fields
            cache.clear()
            timings = []
            for _ in range(args.repeat + 1):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                    if len(timings) == 1:
                        first_queries = len(queries.captured_queries)
                assert response.status_code == 200, (url, response.status_code)
            first, again = timings[0], timings[1:]
            print(
                f"  {label:<22} first {first:7.0f} ({first_queries:2} queries)  then median "
                f"{statistics.median(again):6.0f} best {min(again):6.0f} ({len(queries.captured_queries)} queries)  "
                f"{len(response.content) / 1024:6.0f} KiB"
            )


if __name__ == "__main__":
    main()
