"""`make serve`: the production configuration on this machine.

Debug off, a secret key from DJANGO_SECRET_KEY or from a local key file made once, static files collected
for WhiteNoise's manifest, the database migrated and the seed corpus loaded if it is empty, then gunicorn
with several workers (config/gunicorn.conf.py). DATABASE_URL and REDIS_URL pass through to the settings.

The workers are uvicorn's (ASGI) unless WEB_SERVER=wsgi: a live class keeps every student's phone on an
open event stream (live/stream.py), which an ASGI worker holds as a waiting coroutine and a WSGI worker
only as a whole thread (200 phones would take 200 threads).
"""

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
KEY_FILE = BASE_DIR / ".secret-key"
MAX_DEFAULT_WORKERS = 8  # each worker holds its own copy of the app (about 80 MB); more via WEB_CONCURRENCY
# Threads a worker: while one waits on PostgreSQL or Redis, or writes a large body to a slow client, the
# others answer; a keep-alive connection waits in the worker's poller, not in a thread.
DEFAULT_THREADS = 4
PREPARE = (
    ["collectstatic", "--noinput", "--verbosity", "0"],
    ["migrate", "--noinput"],
    ["load_corpus", "--if-empty"],
)


def secret_key(*, environ: Mapping[str, str], key_file: Path) -> str:
    """DJANGO_SECRET_KEY if set; otherwise the key in `key_file`, made (readable by its owner only) on first use.

    The file keeps sessions and signed links valid across restarts without the key ever being committed.
    """
    if key := environ.get("DJANGO_SECRET_KEY", "").strip():
        return key
    from django.core.management.utils import get_random_secret_key

    try:
        # O_EXCL: two servers started at once cannot both write a key and use different ones.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(key_file)
    key = get_random_secret_key()
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key


def _read_key_file(key_file: Path) -> str:
    if key_file.stat().st_mode & 0o077:
        raise ImproperlyConfigured(f"{key_file} can be read by other users; run: chmod 600 {key_file}")
    key = key_file.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"{key_file} holds no usable secret key (fewer than 50 characters); delete it to make a new one."
        )
    return key


def worker_count(*, environ: Mapping[str, str], cpus: int | None) -> int:
    """WEB_CONCURRENCY if set, else gunicorn's rule of thumb 2 × cores + 1, capped for memory."""
    raw = environ.get("WEB_CONCURRENCY", "").strip()
    if not raw:
        return min(2 * (cpus or 1) + 1, MAX_DEFAULT_WORKERS)
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(f"WEB_CONCURRENCY={raw!r} is not a number of workers; write e.g. 4.")
    return int(raw)


def thread_count(*, environ: Mapping[str, str]) -> int:
    """WEB_THREADS if set, else 4 threads a worker (gunicorn's gthread workers; 1 means sync workers)."""
    raw = environ.get("WEB_THREADS", "").strip()
    if not raw:
        return DEFAULT_THREADS
    if not raw.isdigit() or int(raw) < 1:
        raise ImproperlyConfigured(f"WEB_THREADS={raw!r} is not a number of threads; write e.g. 4 (1: no threads).")
    return int(raw)


def server_kind(*, environ: Mapping[str, str]) -> str:
    """WEB_SERVER: "asgi" (default: uvicorn workers, live classes) or "wsgi" (gunicorn's own, no live class)."""
    raw = environ.get("WEB_SERVER", "").strip().lower() or "asgi"
    if raw not in ("asgi", "wsgi"):
        raise ImproperlyConfigured(f"WEB_SERVER={raw!r} is neither asgi nor wsgi; write asgi (the default) or wsgi.")
    return raw


def lan_address() -> str | None:
    """This machine's address on its local network (the one its default route leaves by), or None.

    A UDP socket's connect sends nothing: it only asks the kernel which address it would send from."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def bind_address(*, environ: Mapping[str, str]) -> str:
    """127.0.0.1:PORT unless SERVE_HOST says otherwise: a proxy in front, not the open network, faces users."""
    port = environ.get("PORT", "").strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ImproperlyConfigured(f"PORT={port!r} is not a port number; write e.g. 8000.")
    host = environ.get("SERVE_HOST", "").strip() or "127.0.0.1"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def production_environment(
    *, environ: Mapping[str, str], key_file: Path = KEY_FILE, lan: str | None = None
) -> dict[str, str]:
    """The server's environment. Bound to every address (SERVE_HOST=0.0.0.0: a classroom's phones reaching
    the laptop), the machine's local-network address `lan` is an allowed host too, unless
    DJANGO_ALLOWED_HOSTS lists the hosts itself."""
    served = {
        **environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_MANIFEST": "true",
        "DJANGO_SECRET_KEY": secret_key(environ=environ, key_file=key_file),
    }
    if lan and environ.get("SERVE_HOST", "").strip() in ("0.0.0.0", "::") and not environ.get("DJANGO_ALLOWED_HOSTS"):
        served["DJANGO_ALLOWED_HOSTS"] = f"localhost,127.0.0.1,[::1],{lan}"
    return served


def main() -> None:
    try:
        lan = lan_address()
        environ = production_environment(environ=os.environ, lan=lan)
        bind_address(environ=environ)
        worker_count(environ=environ, cpus=os.cpu_count())
        thread_count(environ=environ)
    except ImproperlyConfigured as error:
        sys.exit(f"make serve: {error}")
    if lan and environ.get("SERVE_HOST", "").strip() in ("0.0.0.0", "::"):
        port = environ.get("PORT", "").strip() or "8000"
        # The address a live class's QR code must carry: open present mode from it, not from 127.0.0.1.
        print(f"make serve: on the local network at http://{lan}:{port}/ (students join at /join/)", flush=True)
    for command in PREPARE:
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=environ, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "--config", str(BASE_DIR / "config" / "gunicorn.conf.py")]
    os.chdir(BASE_DIR)
    os.execve(sys.executable, gunicorn, environ)


if __name__ == "__main__":
    main()
