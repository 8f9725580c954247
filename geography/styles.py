"""The map layers' styles, defined once in frontend/static/frontend/map-styles.json: the page's map.js gets
them with the page's config, the admin's folium previews read them here."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

STYLES_FILE = Path(settings.BASE_DIR) / "frontend" / "static" / "frontend" / "map-styles.json"


@cache
def map_styles() -> dict:
    """The layer styles the page's map.js reads: colours by route purpose and area kind, dashes by mode."""
    return json.loads(STYLES_FILE.read_text(encoding="utf-8"))


def route_style(*, purpose: str, mode: str) -> dict:
    styles = map_styles()
    return {
        "color": styles["colors"]["purpose"].get(purpose, styles["colors"]["place"]),
        "weight": styles["route"]["weight"],
        "opacity": styles["route"]["opacity"],
        "dashArray": styles["modeDash"].get(mode),
    }


def area_style(*, kind: str, approximate: bool) -> dict:
    styles = map_styles()
    color = styles["colors"]["area"].get(kind, styles["colors"]["place"])
    return {
        "color": color,
        "weight": styles["area"]["weight"],
        "opacity": styles["area"]["opacity"],
        "fillColor": color,
        "fillOpacity": styles["area"]["fillOpacity"],
        "dashArray": styles["approximateDash"] if approximate else None,
    }
