"""Faults under `make serve` and load: Redis killed and started again, a gunicorn worker killed, PostgreSQL
restarted.

    .venv/bin/python benchmarks/faults.py --seconds 20 --clients 20

Runs on a throwaway PostgreSQL database on the machine's server (`--database`, default
postgres://postgres@127.0.0.1:5432/ca_faults, dropped and made again at the start and dropped at the end;
its name must start with ca_) and a redis-server of its own on a free port (never the shared 6379), with the
API throttle on at a rate the load never reaches, so every API answer takes the throttle's Redis round trip
as in production. The corpus is `generate_corpus --events N`.

1. "redis": `--seconds` of load from `--clients` keep-alive connections (benchmarks/load.py) over the page,
   the read API and a page of a list (`?limit=`, whose rows live only in the shared cache); Redis is killed
   (SIGKILL) at a third and started again, empty, at two thirds. Per phase: requests, errors, p50 and p99;
   the keys Redis holds after it returns (growing: in use again, the app not restarted); the warnings the
   workers logged (one each per outage). With --writes (the default) an UPDATE renews the data epoch half-way
   through the outage and again after Redis is back, so every body is built again: from the database alone,
   then kept in Redis.
2. "worker": the same load; at half time one gunicorn worker is SIGKILLed. Failed requests against the
   connections that worker held at that moment (`ss -tnp`), and the worker the master started in its place.
3. "postgres": the app served on a PostgreSQL cluster of the run's own (tests/private_postgres.py: Debian's
   pg_createcluster on a free port, dropped at the end; root needed, the shared cluster never touched), the
   same corpus and Redis; under the same load the cluster is stopped (fast shutdown: open transactions rolled
   back, connections cut) at a third and started again `--pg-down` seconds later, as a restart that takes that
   long. Per phase the answers 200, 503 and other, and no answer at all; the time from the cluster's start to
   the first 200 and to the last 503; the workers before and after (the same: nothing restarted).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from load import run_load, summarise
from measure import ROOT, bench_environment, free_port, load_average, manage, start_served_app, stop

sys.path.insert(0, str(ROOT))  # the private cluster the outage test uses too
from tests.private_postgres import PrivatePostgres
from tests.private_redis import PrivateRedis

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ca_faults"
# The page, the read API and a page of a list (whose rows live only in the shared cache).
MIX = [
    "/",
    "/api/v1/events/?fields=slug,title,date,start,end,category,places&lang=tr",
    "/api/v1/places/?lang=tr",
    "/api/v1/events/gen-event-7/?lang=en",
    "/api/v1/events/?limit=50&offset=100&lang=en",
]
# After the workers' 3 s back-off (common/cache.py): the bodies built then are kept in Redis again.
WRITE_AFTER_RETURN_SECONDS = 4


def _psql(url: str) -> tuple[list[str], str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("ca_"):
        raise SystemExit(f"refusing to drop {name!r}: use a benchmark database named ca_<something>")
    admin = ["psql", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "postgres", "-q"]
    return admin, name


def drop_database(url: str) -> None:
    admin, name = _psql(url)
    subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)


def create_database(url: str) -> None:
    drop_database(url)
    admin, name = _psql(url)
    subprocess.run([*admin, "-c", f'CREATE DATABASE "{name}"'], check=True)


def write(url: str) -> None:
    """A write to the atlas's data as any client makes it: the database's triggers renew the data epoch, so
    every body is built again (docs/architecture.md)."""
    admin, name = _psql(url)
    statement = "UPDATE chronology_event SET slug = slug WHERE slug = 'gen-event-7'"
    subprocess.run([*admin, "-d", name, "-c", statement], check=True, stdout=subprocess.DEVNULL)


def workers_of(master: int) -> list[int]:
    answer = subprocess.run(["ps", "--ppid", str(master), "-o", "pid="], capture_output=True, text=True).stdout
    return [int(pid) for pid in answer.split()]


def connections_by_pid(port: int) -> dict[int, int]:
    """Established connections to `port`, counted by the process holding their socket."""
    answer = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True, check=True
    ).stdout
    counts: dict[int, int] = {}
    for line in answer.splitlines():
        for pid in set(re.findall(r"pid=(\d+)", line)):
            counts[int(pid)] = counts.get(int(pid), 0) + 1
    return counts


def _ended(sample: tuple) -> float:
    return sample[3] + sample[0] / 1000


def phase_line(name: str, samples: list[tuple]) -> str:
    stats = summarise(samples, 1)
    p50 = f"{stats['p50']:.0f}" if stats["p50"] is not None else "n/a"
    p99 = f"{stats['p99']:.0f}" if stats["p99"] is not None else "n/a"
    return (
        f"   {name:24} requests {stats['requests']:6}  errors {stats['errors']:4}  p50 {p50:>5} ms  p99 {p99:>5} ms"
        f"  statuses {stats['statuses']}"
    )


def loaded(mix: list, seconds: float, clients: int, holder: dict) -> threading.Thread:
    thread = threading.Thread(
        target=lambda: holder.update(run_load(mix, seconds=seconds, clients=clients, keep_samples=True))
    )
    thread.start()
    return thread


def redis_scenario(mix, args, redis: PrivateRedis, log_path: str) -> None:
    print(f"1. Redis killed at {args.seconds / 3:.0f} s and started again at {2 * args.seconds / 3:.0f} s "
          f"of {args.seconds:.0f} s, {args.clients} clients (load {load_average()})")  # fmt: skip
    warnings_before = Path(log_path).read_text(errors="replace").count("cannot be reached")
    holder: dict = {}
    start = time.monotonic()
    thread = loaded(mix, args.seconds, args.clients, holder)
    time.sleep(args.seconds / 3)
    keys_at_kill = redis.keys()
    killed = time.monotonic()
    redis.kill()
    time.sleep(args.seconds / 6)
    if args.writes:
        write(args.database)  # every body built again, from the database alone
    time.sleep(max(0, start + 2 * args.seconds / 3 - time.monotonic()))
    returned_at = time.monotonic()
    redis.start()
    keys_after: list[tuple[float, int]] = []
    wrote_after = False
    while thread.is_alive():
        keys_after.append((time.monotonic() - returned_at, redis.keys()))
        if args.writes and not wrote_after and time.monotonic() - returned_at > WRITE_AFTER_RETURN_SECONDS:
            write(args.database)  # and again with Redis back: the new bodies go to Redis
            wrote_after = True
        thread.join(timeout=1)
    samples = holder["samples"]
    print(phase_line("before (Redis up)", [s for s in samples if _ended(s) < killed]))
    print(phase_line("in flight at the kill", [s for s in samples if s[3] < killed <= _ended(s)]))
    print(phase_line("Redis away", [s for s in samples if killed <= s[3] and _ended(s) < returned_at]))
    print(phase_line("Redis back", [s for s in samples if s[3] >= returned_at]))
    print(phase_line("whole run", samples))
    growth = ", ".join(f"{int(at)} s: {keys}" for at, keys in keys_after)
    print(
        f"   keys in Redis: {keys_at_kill} when killed; after it returned (empty) {growth}; at the end {redis.keys()}"
    )
    log = Path(log_path).read_text(errors="replace")
    print(
        f"   workers' warnings: {log.count('cannot be reached') - warnings_before} 'cannot be reached', "
        f"{log.count('reachable again')} 'reachable again' ({args.workers} workers)"
    )
    print(f"   load after: {load_average()}")


def worker_scenario(mix, args, app, port: int, log_path: str) -> None:
    print(f"2. one gunicorn worker SIGKILLed at {args.seconds / 2:.0f} s of {args.seconds:.0f} s, "
          f"{args.clients} clients (load {load_average()})")  # fmt: skip
    before = workers_of(app.pid)
    warmed_before = Path(log_path).read_text(errors="replace").count("warmed")
    holder: dict = {}
    thread = loaded(mix, args.seconds, args.clients, holder)
    time.sleep(args.seconds / 2)
    held = connections_by_pid(port)
    victim = max(before, key=lambda pid: held.get(pid, 0))  # the busiest: the most to lose
    killed = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    thread.join()
    deadline = time.monotonic() + 60
    while Path(log_path).read_text(errors="replace").count("warmed") == warmed_before and time.monotonic() < deadline:
        time.sleep(0.5)  # the new worker warms itself before it accepts a connection
    samples = holder["samples"]
    failed = [s for s in samples if s[1] == 0 or s[1] >= 500]
    after = workers_of(app.pid)
    print(f"   connections per worker when killed: {dict(sorted(held.items()))}; killed {victim} holding "
          f"{held.get(victim, 0)}")  # fmt: skip
    print(phase_line("before the kill", [s for s in samples if _ended(s) < killed]))
    print(phase_line("in flight at the kill", [s for s in samples if s[3] < killed <= _ended(s)]))
    print(phase_line("after the kill", [s for s in samples if s[3] >= killed]))
    print(phase_line("whole run", samples))
    statuses = {}
    for sample in failed:
        statuses[sample[1]] = statuses.get(sample[1], 0) + 1
    print(f"   failed requests: {len(failed)} (statuses {statuses}) against {held.get(victim, 0)} connections held")
    replaced = sorted(set(after) - set(before))
    warmed = Path(log_path).read_text(errors="replace").count("warmed") - warmed_before
    print(f"   workers before {sorted(before)}, after {sorted(after)}: new {replaced}, warmed since: {warmed}")
    print(f"   load after: {load_average()}")


def answer_counts(samples: list[tuple]) -> str:
    counts = {"200": 0, "503": 0, "other": 0, "no answer": 0}
    for sample in samples:
        status = sample[1]
        key = "no answer" if status == 0 else str(status) if status in (200, 503) else "other"
        counts[key] += 1
    others = sorted({s[1] for s in samples if s[1] not in (0, 200, 503)})
    return "  ".join(f"{key} {n}" for key, n in counts.items()) + (f" (other: {others})" if others else "")


def postgres_scenario(paths: list[str], args, redis: PrivateRedis) -> None:
    cluster = PrivatePostgres("faults", database="ca_faults_pg")
    app = None
    try:
        cluster.create()
        env = {
            **bench_environment(cluster.url),
            "REDIS_URL": redis.url,
            "DJANGO_API_ANON_RATE": "100000000/minute",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "generate_corpus", "--events", str(args.events), "--areas", str(max(1, args.events // 500)))
        port = free_port()
        app = start_served_app(env, port, workers=args.workers)
        mix = [f"http://127.0.0.1:{port}{path}" for path in paths]
        print(f"3. PostgreSQL (a private cluster on {cluster.port}) stopped at {args.seconds / 3:.0f} s and started "
              f"again {args.pg_down:.0f} s later, of {args.seconds:.0f} s, {args.clients} clients "
              f"(load {load_average()})")  # fmt: skip
        before = workers_of(app.pid)
        holder: dict = {}
        thread = loaded(mix, args.seconds, args.clients, holder)
        time.sleep(args.seconds / 3)
        stopping = time.monotonic()
        cluster.stop()
        stopped = time.monotonic()
        time.sleep(args.pg_down)
        starting = time.monotonic()
        cluster.start()
        started = time.monotonic()
        thread.join()
        samples = holder["samples"]
        print(f"   stopping took {stopped - stopping:.1f} s, starting {started - starting:.1f} s")
        phases = [
            ("before the stop", [s for s in samples if _ended(s) < stopping]),
            ("in flight at the stop", [s for s in samples if s[3] < stopping <= _ended(s)]),
            ("while stopping", [s for s in samples if stopping <= s[3] and _ended(s) < stopped]),
            ("stopped", [s for s in samples if stopped <= s[3] and _ended(s) < starting]),
            # pg_ctlcluster returns a moment after the cluster accepts connections.
            ("while starting", [s for s in samples if starting <= s[3] and _ended(s) < started]),
            ("after the start", [s for s in samples if s[3] >= started]),
            ("whole run", samples),
        ]
        for name, phase in phases:
            print(phase_line(name, phase))
            print(f"   {'':24} {answer_counts(phase)}")
        down = phases[2][1] + phases[3][1]  # while stopping, stopped
        served = {}
        for sample in down:
            if sample[1] == 200:
                path = urlsplit(sample[2]).path
                served[path] = served.get(path, 0) + 1
        # None expected: every answer, a kept body too, reads the data epoch from the database first.
        print(f"   200 while stopping or stopped, by path: {dict(sorted(served.items()))}")
        after_start = sorted((s for s in samples if _ended(s) >= starting), key=_ended)
        first_ok = next((_ended(s) - starting for s in after_start if s[1] == 200), None)
        last_503 = max((_ended(s) - starting for s in after_start if s[1] == 503), default=None)
        print(f"   from the start command: first 200 answered at "
              f"{'none' if first_ok is None else f'{first_ok:.2f} s'}, last 503 at "
              f"{'none' if last_503 is None else f'{last_503:.2f} s'}")  # fmt: skip
        log = Path(app.log_path).read_text(errors="replace")
        print(f"   server log: {log.count('Database unavailable')} 'Database unavailable' lines, "
              f"{log.count('Traceback')} tracebacks")  # fmt: skip
        after = workers_of(app.pid)
        print(
            f"   workers before {sorted(before)}, after {sorted(after)}: {'the same' if before == after else 'changed'}"
        )
        print(f"   load after: {load_average()}")
    finally:
        if app:
            stop(app)
        cluster.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="a PostgreSQL URL whose database is ca_…")
    parser.add_argument(
        "--scenario", choices=["redis", "worker", "postgres", "both", "all"], default="all", help="both: redis, worker"
    )
    parser.add_argument("--pg-down", type=float, default=5, help="seconds the private PostgreSQL stays stopped")
    parser.add_argument(
        "--writes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="renew the data epoch half-way through the outage and 4 s after Redis returns (every body rebuilt)",
    )
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is needed (Debian package redis-server)")

    redis = PrivateRedis()
    redis.start()
    shared = args.scenario != "postgres"  # the redis and worker scenarios' database on the shared cluster
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    mix = [f"{base}{path}" for path in MIX]
    app = None
    try:
        if shared:
            create_database(args.database)
            env = {
                **bench_environment(args.database),
                "REDIS_URL": redis.url,
                # The throttle on, as in production, but out of the load's reach: its Redis round trip is measured.
                "DJANGO_API_ANON_RATE": "100000000/minute",
                "DJANGO_LOG_LEVEL": "WARNING",  # the cache's outage warnings, counted in the server's log
            }
            manage(env, "migrate", "--verbosity", "0")
            manage(env, "generate_corpus", "--events", str(args.events), "--areas", str(max(1, args.events // 500)))
            app = start_served_app(env, port, workers=args.workers)
            print(f"PostgreSQL {urlsplit(args.database).path.lstrip('/')}, Redis on {redis.port}, "
                  f"{args.events} events, {args.workers} workers, {os.cpu_count()} cores")  # fmt: skip
        if args.scenario in ("redis", "both", "all"):
            redis_scenario(mix, args, redis, app.log_path)
        if args.scenario in ("worker", "both", "all"):
            worker_scenario(mix, args, app, port, app.log_path)
        if app:
            stop(app)  # one server at a time on two cores
            app = None
        if args.scenario in ("postgres", "all"):
            postgres_scenario(MIX, args, redis)
        print("   mix:", json.dumps(MIX))
    finally:
        if app:
            stop(app)
        redis.kill()
        if shared:
            drop_database(args.database)


if __name__ == "__main__":
    main()
