"""The read API under `make serve` (gunicorn workers, WhiteNoise, DEBUG off) on PostgreSQL with Redis, against
the same bytes served as a static file by the same server (the local limit).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ca_p REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python benchmarks/serve_api.py --events 10000 --seconds 10 --clients 16

The database named in DATABASE_URL is dropped and made again (never point it at real data); the corpus is
`generate_corpus --events N`. Each endpoint's gzip body is copied into STATIC_ROOT/bench/ before the
server starts, so WhiteNoise serves exactly those bytes (with its own .gz). Then each URL gets `--seconds`
of load from `--clients` keep-alive connections (benchmarks/load.py, 127.0.0.1 only, bounded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from load import run_load
from measure import ROOT, bench_environment, free_port, load_average, manage, start_served_app, stop

ENDPOINTS = {
    "events (page's index)": "/api/v1/events/?fields=slug,title,date,start,end,precision,approximate,uncertain,"
    "category,significance,places,routes,disputed,window&lang=tr",
    "places (map layer)": "/api/v1/places/?lang=tr",
    "routes (map layer)": "/api/v1/routes/?lang=tr",
    "areas (map layer)": "/api/v1/areas/?lang=tr",
}


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("ca_"):
        raise SystemExit(f"refusing to drop {name!r}: use a benchmark database named ca_<something>")
    admin = ["psql", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "postgres", "-q"]
    subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    subprocess.run([*admin, "-c", f'CREATE DATABASE "{name}"'], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (make serve's default here)")
    args = parser.parse_args()

    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ca_p")
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    recreate_database(database)
    subprocess.run(["redis-cli", "-u", redis, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    env = {**bench_environment(database), "REDIS_URL": redis}
    manage(env, "migrate", "--verbosity", "0")
    generated = manage(env, "generate_corpus", "--events", str(args.events), "--areas", str(args.events // 500))
    print(f"{args.events} events generated on PostgreSQL in {generated:.1f} s")

    static_dir = ROOT / "staticfiles" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    app = start_served_app(env, port, workers=args.workers)
    try:
        for name, path in ENDPOINTS.items():
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=300).read()
            file = static_dir / f"{name.split()[0]}.json"
            file.write_bytes(body)
            # The API's own gzip level is the middleware's; WhiteNoise serves the .gz made beside it.
            Path(f"{file}.gz").write_bytes(gzip.compress(body, compresslevel=9))
    finally:
        stop(app)

    app = start_served_app(env, port, workers=args.workers)  # WhiteNoise finds static files at start
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        for name, path in ENDPOINTS.items():
            static = f"/static/bench/{name.split()[0]}.json"
            size = len(urllib.request.urlopen(base + path, timeout=300).read())
            for kind, url in (("API", base + path), ("static file", base + static)):
                run_load([url], seconds=1, clients=2)  # warm: caches filled, workers loaded
                stats = run_load([url], seconds=args.seconds, clients=args.clients)
                stats["load"] = load_average()
                results[f"{name} — {kind}"] = stats
                print(
                    f"  {name:24} {kind:12} {stats['rps']:7.1f} req/s  p50 {stats['p50']:6.1f} ms  "
                    f"p99 {stats['p99']:6.1f} ms  errors {stats['errors']}  "
                    f"({size / 1e3:.0f} kB; load {stats['load']})",
                    flush=True,
                )
    finally:
        stop(app)
    print("\nraw:", json.dumps(results))


if __name__ == "__main__":
    main()
