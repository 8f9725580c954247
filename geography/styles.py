"""The map layers' styles, defined once in frontend/static/frontend/map/styles.json: the page's map.js gets
them with the page's config; every folium map (the admin's previews, the downloadable maps) reads them here."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

STYLES_FILE = Path(settings.BASE_DIR) / "frontend" / "static" / "frontend" / "map" / "styles.json"


@cache
def map_styles() -> dict:
    """The whole style definition, as the page's map.js reads it."""
    return json.loads(STYLES_FILE.read_text(encoding="utf-8"))


def base_colors() -> dict:
    """Land, sea, borders, coasts, places: the basemap's colours (normal theme)."""
    return map_styles()["base"]


def route_style(*, purpose: str, mode: str, status: str = "open", aid_lines: int = 0) -> dict:
    """A route drawn as the page draws it in the normal theme: colour by purpose, dash by mode, the day's
    status overriding both where it has its own look, heavier for each aid line that moved on it."""
    styles = map_styles()
    look = styles["status"].get(status or "unknown", {})
    weight = styles["weight"]
    return {
        "color": look.get("color") or styles["purpose"]["normal"].get(purpose, styles["base"]["place"]),
        "weight": min(weight["max"], weight["base"] + weight["perAidLine"] * aid_lines),
        "opacity": look.get("opacity", styles["status"]["open"]["opacity"]),
        "dashArray": look.get("dash") or styles["mode"].get(mode, {}).get("dash"),
    }


def area_style(*, kind: str, approximate: bool) -> dict:
    styles = map_styles()
    shape = styles["areaShape"]
    color = styles["area"]["normal"].get(kind, styles["base"]["place"])
    return {
        "color": color,
        "weight": shape["weight"],
        "opacity": shape["opacity"],
        "fillColor": color,
        "fillOpacity": shape["fillOpacity"],
        "dashArray": shape["approximateDash"] if approximate else None,
    }
