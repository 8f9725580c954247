"""One request's cost in-process, through Django's WSGI handler with the production settings (no server, no
sockets): the median of `--repeat` requests per URL, and optionally a cProfile of them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ca_x REDIS_URL=redis://127.0.0.1:6379/12 \\
        DJANGO_DEBUG=false DJANGO_SECRET_KEY=... ../.venv/bin/python profile_requests.py [--profile URL]

Run against a database with a generated corpus (`generate_corpus --events 1000`). The admin URLs are asked
as a curator made for the run (`bench-curator`, a session made in-process, no password, and a CSRF cookie).
The first request of each URL is not timed: it warms the process (and fills the admin's page cache).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

URLS = [
    "/api/v1/areas/?lang=tr",
    "/api/v1/places/?lang=tr",
    "/",
    "/admin/",
    "/admin/chronology/event/",
    "CHANGE_FORM",
]


def curator_cookie() -> str:
    """The curator's session and CSRF cookies, as a browser holds them after its first admin page."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    user, _ = get_user_model().objects.get_or_create(
        username="bench-curator", defaults={"is_staff": True, "email": "bench@example.org"}
    )
    user.groups.add(Group.objects.get(name="Curator"))
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    request = HttpRequest()
    get_token(request)  # makes the secret a CSRF cookie holds
    return f"sessionid={session.session_key}; csrftoken={request.META['CSRF_COOKIE']}"


def environ(path: str, cookie: str = "") -> dict:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def hit(app: WSGIHandler, path: str, cookie: str) -> int:
    status = []
    body = app(environ(path, cookie), lambda s, h: status.append(s))
    b"".join(body)
    body.close()
    return int(status[0].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="a URL of the list (or CHANGE_FORM) to profile")
    parser.add_argument("--only", nargs="*", help="measure these URLs only")
    args = parser.parse_args()

    from chronology.models import Event

    app = WSGIHandler()
    cookie = curator_cookie()
    change_form = f"/admin/chronology/event/{Event.objects.order_by('pk').first().pk}/change/"
    urls = [change_form if u == "CHANGE_FORM" else u for u in (args.only or URLS)]
    for url in urls:
        who = cookie if url.startswith("/admin/") else ""
        assert hit(app, url, who) == 200, url  # warm
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            hit(app, url, who)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{url:45} median {statistics.median(times):8.3f} ms  min {min(times):8.3f} ms", flush=True)
    if args.profile:
        url = change_form if args.profile == "CHANGE_FORM" else args.profile
        who = cookie if url.startswith("/admin/") else ""
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            hit(app, url, who)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(45)
    print("load average:", Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
