"""Reliability under `make serve`: sustained load, then PostgreSQL stopped and restarted under load.

    .venv/bin/python benchmarks/reliability.py --seconds 60 --clients 50

Runs on a throwaway PostgreSQL cluster made for the run (initdb + pg_ctl as the `postgres` user, in a
temporary folder, on `--pg-port`; never the machine's main cluster) and Redis (REDIS_URL, default db 5).
1. `--seconds` at `--clients` over the page, the read API and admin reads (a curator made for the run,
   logged in once): requests, errors, p50/p99.
2. Reads under load while the cluster is stopped (fast shutdown) and started again: what answered during
   the outage (503 with a message, never a traceback) and afterwards (the same app, not restarted); a
   curator's save of title and summary posted during the outage: refused, or committed whole.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from load import run_load, summarise
from measure import ROOT, bench_environment, free_port, load_average, manage, start_served_app, stop

sys.path.insert(0, str(ROOT))
import contextlib

from tests.admin_forms import _FormReader

PG_BIN = Path("/usr/lib/postgresql/15/bin")
CURATOR = ("bench-curator", "bench-only-password-" + os.urandom(6).hex())


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, owned by the `postgres` user, on its own port."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="chronoatlas-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, stdout=subprocess.DEVNULL)

    def create(self) -> None:
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc", "CREATE DATABASE ca_p"],
            check=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "log")
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A save answers 302; keep that answer rather than the page it points to."""

    def redirect_request(self, *args, **kwargs):
        return None


class Curator:
    """A browser-like session: cookies, the CSRF token, admin forms read and posted back."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def _cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._cookie("csrftoken")}, doseq=True)
        request = urllib.request.Request(self.base + path, data=body.encode(), headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def errors(self, text: str) -> str:
        """What an admin form said was wrong, when a save answered 200 instead of 302."""
        return " | ".join(re.findall(r'class="(?:errornote|errorlist)[^"]*">(.*?)</', text, re.S))[:300]

    def change_url(self, slug: str) -> str:
        """The admin change form of the event with exactly this slug (a search for gen-event-1 also lists
        gen-event-10, gen-event-100, …, so the row must name the slug itself)."""
        listing = self.get(f"/admin/chronology/event/?q={slug}")[1]
        for row in listing.split("<tr")[1:]:
            if re.search(rf">\s*{re.escape(slug)}\s*<", row):
                return re.search(r'href="(/admin/chronology/event/\d+/change/)', row).group(1)
        raise RuntimeError(f"no admin row for the event {slug!r}")

    def login(self) -> None:
        self.get("/admin/login/")
        status, text = self.post("/admin/login/?next=/admin/", {"username": CURATOR[0], "password": CURATOR[1]})
        if "sessionid" not in {c.name for c in self.jar}:
            raise RuntimeError(f"curator login failed ({status}): {text[:300]}")

    def form(self, path: str) -> dict:
        reader = _FormReader()
        reader.feed(self.get(path)[1])
        reader.data.pop("csrfmiddlewaretoken", None)
        return {name: values for name, values in reader.data.items() if "__prefix__" not in name}

    @property
    def cookie_header(self) -> dict:
        return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.jar)}


def event_text(base: str, slug: str) -> tuple[str, str]:
    row = json.loads(urllib.request.urlopen(f"{base}/api/v1/events/{slug}/?lang=en", timeout=30).read())
    return row["title"], row["summary"]


def edited(form: dict, mark: str) -> dict:
    """The form with the English title and summary both changed: a save is whole only if both change."""
    changed = dict(form)
    for name, values in form.items():
        if re.fullmatch(r"(title|summary)(_en|_1)?", name) and values:
            changed[name] = [values[0] + mark]
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--outage-seconds", type=float, default=8)
    parser.add_argument(
        "--curators",
        type=int,
        help="of the clients, this many read admin pages and the rest only the page and the API (default: every "
        "client cycles through the one mix of issue 10, 3 admin pages in 7)",
    )
    args = parser.parse_args()

    cluster = ThrowawayCluster(args.pg_port)
    cluster.create()
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    subprocess.run(["redis-cli", "-u", redis, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    env = {**bench_environment(f"postgres://postgres@127.0.0.1:{args.pg_port}/ca_p"), "REDIS_URL": redis}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = None
    try:
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "generate_corpus", "--events", str(args.events), "--areas", str(args.events // 500))
        curator_env = {**env, "DJANGO_CURATOR_PASSWORD": CURATOR[1]}
        subprocess.run(
            [sys.executable, "manage.py", "createcurator", "--no-input", "--username", CURATOR[0], "--email", ""],
            cwd=ROOT, env=curator_env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        app = start_served_app(env, port, workers=5)
        curator = Curator(base)
        curator.login()
        change = curator.change_url("gen-event-1")
        admin = curator.cookie_header
        mix = [
            f"{base}/",
            f"{base}/api/v1/events/?fields=slug,title,date,start,end,category,places&lang=tr",
            f"{base}/api/v1/places/?lang=tr",
            f"{base}/api/v1/events/gen-event-7/?lang=en",
            (f"{base}/admin/", admin),
            (f"{base}/admin/chronology/event/", admin),
            (base + change, admin),
        ]
        if args.curators is None:
            mixed = f"{args.clients} clients, mixed page / API / admin"
            print(f"1. {args.seconds:.0f} s at {mixed} (load {load_average()})")
            sustained = run_load(mix, seconds=args.seconds, clients=args.clients, max_requests=200_000)
            sustained["load_after"] = load_average()
            print("  ", json.dumps(sustained))
        else:
            visitors = args.clients - args.curators
            print(
                f"1. {args.seconds:.0f} s: {visitors} visitors on the page and API, {args.curators} curators on admin "
                f"pages, at once (load {load_average()})"
            )
            runs: dict = {}
            groups = {"visitors": (mix[:4], visitors), "curators": (mix[4:], args.curators)}
            threads = [
                threading.Thread(
                    target=lambda name=name, urls=urls, clients=clients: runs.update(
                        {name: run_load(urls, seconds=args.seconds, clients=clients, max_requests=200_000)}
                    )
                )
                for name, (urls, clients) in groups.items()
                if clients
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for name, stats in runs.items():
                print(f"   {name}:", json.dumps(stats))
            print(f"   load after: {load_average()}")

        print(f"2. PostgreSQL stopped for {args.outage_seconds:.0f} s under load (20 clients), then started again")
        before = event_text(base, "gen-event-1")
        form = curator.form(change)
        holder: dict = {}
        loader = threading.Thread(
            target=lambda: holder.update(run_load(mix, seconds=args.outage_seconds + 20, clients=20, keep_samples=True))
        )
        loader.start()
        time.sleep(5)
        stopping = time.monotonic()
        cluster.stop()
        down = time.monotonic()
        outage_answers = {}
        for path in ("/", "/api/v1/events/gen-event-3/?lang=en", "/api/v1/places/?lang=tr"):
            status, text = Curator(base).get(path)
            outage_answers[path] = (status, "Traceback" in text, text[:160])
        save_status, save_text = curator.post(change, edited(form, " (saved during the outage)"))
        time.sleep(max(0, args.outage_seconds - (time.monotonic() - down)))
        up_begin = time.monotonic()
        cluster.start()
        up = time.monotonic()
        loader.join()
        samples = holder["samples"]
        phases = {
            "before": [s for s in samples if s[3] + s[0] / 1000 < stopping],
            "while stopping": [s for s in samples if stopping <= s[3] < down],
            "outage": [s for s in samples if s[3] >= down and s[3] + s[0] / 1000 <= up_begin],
            "after restart (+2 s)": [s for s in samples if s[3] >= up + 2],
        }
        for name, part in phases.items():
            stats = summarise(part, 1)
            print(f"   {name:22} requests {stats['requests']:5}  statuses {stats['statuses']}  p99 {stats['p99']}")
        for path, (status, traceback, text) in outage_answers.items():
            print(f"   during the outage {path}: {status}, traceback shown: {traceback}, body: {text!r}")
        print(f"   curator's save during the outage: HTTP {save_status}: {save_text[:160]!r}")
        after = event_text(base, "gen-event-1")
        whole = after == before or all(" (saved during the outage)" in text for text in after)
        print(f"   event after restart: {after}; unchanged or whole: {whole}")
        status, text = curator.post(change, edited(curator.form(change), " (saved after)"))
        print(f"   the same save after the restart: HTTP {status} {curator.errors(text)}")
        print(f"   event now {event_text(base, 'gen-event-1')}")
    finally:
        if app:
            stop(app)
        cluster.remove()


if __name__ == "__main__":
    main()
