"""'Download this map': one self-contained HTML file made with folium, of the layers standing on a day or of
one route, that opens with the network off (a classroom without internet, an archive copy).

folium links Leaflet and its other assets from CDNs and expects a tile server. Here there are no tiles (the
basemap is the world-atlas TopoJSON the page draws, inside the file) and every script and stylesheet
folium asks for is replaced by the local npm file, inlined; an asset with no local copy is an error rather
than a CDN link slipping into the file. Written in `frontend/` until a shared `geography/folium_maps.py`
exists.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.html import escape

from common.dates import as_day_number
from common.translation import translate
from geography.models import Area, Place, Route, RouteStatus, RouteStop
from geography.names import as_names, name_on

# What each folium asset name is, as a file of the npm packages the page already serves (NPM_STATIC).
_LOCAL_JS = {"leaflet": "leaflet/dist/leaflet.js", "topojson": "topojson-client/dist/topojson-client.min.js"}
_LOCAL_CSS = {"leaflet_css": "leaflet/dist/leaflet.css"}
# folium's extras for icons and popups: not used by these maps, so left out rather than fetched.
_UNUSED = {
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css", "awesome_markers_font_css",
    "awesome_markers_css", "awesome_rotate_css",
}  # fmt: skip
BASEMAP = "world-atlas/countries-50m.json"

# One look per route purpose and status; the page's map.js keeps the same colours.
PURPOSE_COLOURS = {"aid": "#b3261e", "mission": "#1d5fa8", "military": "#5b3a8a", "travel": "#3c6e3c"}
STATUS_DASHES = {"open": None, "closed": "2 8", "dangerous": "10 6", "planned": "1 6"}
AREA_COLOURS = {"front": "#c0392b", "occupation": "#7f6000", "border": "#333333", "treaty": "#1d5fa8"}


class ExportError(ValueError):
    """The export cannot be made as asked; the message says what to change."""


@dataclass(frozen=True)
class ExportRequest:
    day: dt.date | None
    route: str | None
    lang: str


def parse_export_request(params, lang: str) -> ExportRequest:
    raw_day, route = params.get("on"), params.get("route") or None
    day = None
    if raw_day:
        try:
            day = dt.date.fromisoformat(raw_day)
        except ValueError:
            raise ExportError(
                f"on={raw_day[:40]!r} is not a day; write it as YYYY-MM-DD, e.g. on=1920-11-05."
            ) from None
    return ExportRequest(day=day, route=route, lang=lang)


def _node_file(relative: str) -> str:
    return (Path(settings.NODE_MODULES) / relative).read_text(encoding="utf-8")


def _without_urls(text: str) -> str:
    r"""The asset's text with no "scheme://" left in it: each one Leaflet holds is in a string or comment
    (the SVG namespace, its attribution link), where "\/" reads as "/", so nothing changes but the bytes."""
    return re.sub(r"(https?:)//", r"\1\\/\\/", text).replace("</script", "<\\/script")


@cache
def _inlined_assets() -> dict[str, str]:
    scripts = {name: f"<script>{_without_urls(_node_file(path))}</script>" for name, path in _LOCAL_JS.items()}
    # Leaflet's default marker and layer-switcher images are not used here; linking them would be a request.
    css = {
        name: "<style>" + re.sub(r"url\(images/[^)]*\)", "none", _without_urls(_node_file(path))) + "</style>"
        for name, path in _LOCAL_CSS.items()
    }
    return {**scripts, **css}


def _localize(fmap: folium.Map) -> None:
    """Swap every CDN asset folium would link for the local file, inlined in the page's head."""
    wanted: list[str] = []
    stack = [fmap]
    while stack:
        element = stack.pop()
        stack.extend(element._children.values())
        for attribute in ("default_js", "default_css"):
            for name, url in getattr(element, attribute, []):
                if name in _UNUSED:
                    continue
                if name not in _LOCAL_JS and name not in _LOCAL_CSS:
                    raise RuntimeError(f"folium asset {name!r} ({url}) has no local copy to inline")
                if name not in wanted:
                    wanted.append(name)
            if hasattr(element, attribute):
                setattr(element, attribute, [])
    header = fmap.get_root().header
    assets = _inlined_assets()
    for name in sorted(wanted, key=lambda n: n != "leaflet"):  # Leaflet before what builds on it
        header.add_child(folium.Element(assets[name]), name=name)


def _status_on(route: Route, day: dt.date | None) -> str:
    if day is None:
        return "open"
    for status in route.statuses.all():
        if _stands_on(status, day):
            return status.status
    return "open"


def _routes(request: ExportRequest):
    routes = Route.objects.prefetch_related(
        Prefetch("stops", queryset=RouteStop.objects.select_related("place").order_by("position")),
        Prefetch("statuses", queryset=RouteStatus.objects.order_by("day_start")),
    ).order_by("slug")
    if request.route:
        routes = routes.filter(slug=request.route)
        if not routes:
            raise LookupError(f"There is no route {request.route!r}; pick one from the atlas's route list.")
    elif request.day:
        routes = routes.overlapping(request.day, request.day) | routes.filter(date="")
    return list(routes)


def _places(request: ExportRequest, routes: list[Route]):
    places = Place.objects.prefetch_related("names").order_by("slug")
    if request.route:
        places = places.filter(Q(route_stops__route__in=[r.pk for r in routes])).distinct()
    return list(places)


def export_map_html(request: ExportRequest) -> str:
    """The whole HTML file. Raises LookupError for a route that does not exist."""
    routes = _routes(request)
    places = _places(request, routes)
    areas = [] if request.route else list(Area.objects.order_by("slug"))
    if request.day and not request.route:
        areas = [a for a in areas if _stands_on(a, request.day)]

    fmap = folium.Map(location=[40.5, 42.0], zoom_start=5, tiles=None, prefer_canvas=False, control_scale=True)
    basemap = json.loads(_node_file(BASEMAP))
    folium.TopoJson(
        basemap, "objects.countries", name="basemap",
        style_function=lambda _: {"color": "#9a9a8a", "weight": 0.6, "fillColor": "#f3efe3", "fillOpacity": 1},
    ).add_to(fmap)  # fmt: skip
    lang = request.lang
    for area in areas:
        label = translate(area.name, lang) + (" (≈)" if area.approximate else "")
        colour = AREA_COLOURS.get(area.kind, "#555555")
        folium.GeoJson(
            {"type": "Feature", "geometry": area.geometry, "properties": {}},
            name=label,
            tooltip=escape(label),
            style_function=lambda _, c=colour, a=area.approximate: {
                "color": c, "weight": 1.5, "fillOpacity": 0.15, "dashArray": "4 4" if a else None,
            },
        ).add_to(fmap)  # fmt: skip
    bounds = []
    for route in routes:
        points = [[s.place.latitude, s.place.longitude] for s in route.stops.all()]
        if len(points) < 2:
            continue
        status = _status_on(route, request.day)
        label = f"{translate(route.name, lang)} — {status}"
        folium.PolyLine(
            points, tooltip=escape(label), color=PURPOSE_COLOURS.get(route.purpose, "#444444"), weight=4,
            dash_array=STATUS_DASHES.get(status), opacity=0.9,
        ).add_to(fmap)  # fmt: skip
        bounds.extend(points)
    for place in places:
        name = name_on(place.name, as_names(place.names.all()), request.day, lang) if request.day else None
        name = name or translate(place.name, lang)
        folium.CircleMarker(
            [place.latitude, place.longitude], radius=4, color="#222222", fill=True, fill_opacity=0.9,
            tooltip=folium.Tooltip(escape(name), permanent=bool(request.route)),
        ).add_to(fmap)  # fmt: skip
        if request.route:
            bounds.append([place.latitude, place.longitude])
    if request.route and bounds:
        fmap.fit_bounds(bounds, padding=(30, 30))
    title = _title(request, routes)
    fmap.get_root().header.add_child(folium.Element(f"<title>{escape(title)}</title>"), name="title")
    _localize(fmap)
    return fmap.get_root().render()


def _stands_on(record, day: dt.date) -> bool:
    number = as_day_number(day)
    return (record.day_start is None or record.day_start <= number) and (
        record.day_end is None or number <= record.day_end
    )


def _title(request: ExportRequest, routes: list[Route]) -> str:
    what = translate(routes[0].name, request.lang) if request.route else "Chronoatlas"
    return f"{what} · {request.day.isoformat()}" if request.day else what


def export_filename(request: ExportRequest) -> str:
    parts = ["chronoatlas", request.route or "", request.day.isoformat() if request.day else ""]
    return "-".join(part for part in parts if part) + ".html"
