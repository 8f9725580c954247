"""Uploaded images served by the site itself: in development and under `make serve` (WhiteNoise serves only
static files, and only those collected before the server started).

Only what chronology.media wrote is served: JPEG and PNG under MEDIA_ROOT, with their type said by the
server and never sniffed, and a policy that lets nothing in them run even when opened on their own. A site
with a web server in front serves MEDIA_ROOT there instead (docs/operations.md) and sets DJANGO_MEDIA_SERVE=false.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.http import http_date

SERVED_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}
# The stored names are new for every upload and never rewritten: a browser may keep each for a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"
POLICY = "default-src 'none'; img-src 'self'; sandbox"


def serve_media(request, path: str):
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        found = (root / path).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Http404("No such file.") from None
    content_type = SERVED_TYPES.get(found.suffix.lower())
    if content_type is None or not found.is_file() or not found.is_relative_to(root):
        raise Http404("No such file.")
    # Said, not left to the browser: shown in place (an <img>, or the image opened on its own), under its stored
    # name, never handed to anything that would run it.
    response = FileResponse(found.open("rb"), content_type=content_type, as_attachment=False, filename=found.name)
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Security-Policy"] = POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Last-Modified"] = http_date(found.stat().st_mtime)
    return response
