"""The release: which code is answering, known once at start-up, the other half of a cached body's key.

Two releases sharing one Redis (a deploy rolling over a running one, a staging copy) must never answer
with each other's bodies: a new serializer, template or static file changes what the same data looks like
without any write to the data. `CHRONOATLAS_RELEASE` names the release when the deploy knows it (a tag, a
commit); otherwise it is a digest of everything that shapes an answer: the project's code, templates,
static files and message catalogs, and the locked versions of its Python and npm packages. Computing it
reads about 3 MB once per process (docs/performance.md, "One cache").
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a body is made of: every app of the project (found, not listed, so a new app cannot be forgotten), the
# settings and the message catalogs. Not the corpus (fixtures/: data, which the epoch covers), tests or benchmarks.
_PARTS = (*sorted(path.parent.name for path in ROOT.glob("*/apps.py")), "config", "locale")
_SUFFIXES = {".py", ".html", ".txt", ".js", ".mjs", ".css", ".json", ".svg", ".mo"}
_LOCKS = ("requirements.lock", "frontend/package-lock.json")
_SKIPPED_FOLDERS = {"node_modules", "__pycache__", "migrations_backup"}


def _code_files() -> list[Path]:
    files = []
    for part in _PARTS:
        for folder, subfolders, names in os.walk(ROOT / part):
            subfolders[:] = sorted(name for name in subfolders if name not in _SKIPPED_FOLDERS)
            files += [Path(folder, name) for name in sorted(names) if Path(name).suffix in _SUFFIXES]
    return files + [ROOT / lock for lock in _LOCKS if (ROOT / lock).exists()]


def code_digest() -> str:
    digest = hashlib.sha256()
    for path in _code_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def release() -> str:
    return os.environ.get("CHRONOATLAS_RELEASE", "").strip() or code_digest()
