"""`make serve`: the production configuration on this machine.

Debug off, a secret key from DJANGO_SECRET_KEY or from a local key file made once, static files collected
for WhiteNoise's manifest, the database migrated and the seed corpus loaded if it is empty, then gunicorn
with several workers (config/gunicorn.conf.py). DATABASE_URL and REDIS_URL pass through to the settings.
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


def bind_address(*, environ: Mapping[str, str]) -> str:
    """127.0.0.1:PORT unless SERVE_HOST says otherwise: a proxy in front, not the open network, faces users."""
    port = environ.get("PORT", "").strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ImproperlyConfigured(f"PORT={port!r} is not a port number; write e.g. 8000.")
    host = environ.get("SERVE_HOST", "").strip() or "127.0.0.1"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def production_environment(*, environ: Mapping[str, str], key_file: Path = KEY_FILE) -> dict[str, str]:
    return {
        **environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_MANIFEST": "true",
        "DJANGO_SECRET_KEY": secret_key(environ=environ, key_file=key_file),
    }


def main() -> None:
    try:
        environ = production_environment(environ=os.environ)
        bind_address(environ=environ)
        worker_count(environ=environ, cpus=os.cpu_count())
        thread_count(environ=environ)
    except ImproperlyConfigured as error:
        sys.exit(f"make serve: {error}")
    for command in PREPARE:
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=environ, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "--config", str(BASE_DIR / "config" / "gunicorn.conf.py")]
    os.chdir(BASE_DIR)
    os.execve(sys.executable, gunicorn, environ)


if __name__ == "__main__":
    main()
