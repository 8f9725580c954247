"""'Download this map': one self-contained HTML file made with folium, of the layers standing on a day or of
one route, that opens with the network off (a classroom without internet, an archive copy). The map itself
(no tiles, the page's basemap, Leaflet inlined) is geography.folium_maps'; its look is map/styles.json's, as
the page's, through geography.styles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import folium
from django.db.models import Count, Prefetch, Q
from django.utils.html import escape

from chronology.models import AidItem, Event
from common.dates import as_day_number
from common.translation import translate
from geography.folium_maps import local_map, render_local
from geography.models import Area, Place, Route, RouteStatus, RouteStop
from geography.names import as_names, name_on
from geography.styles import area_style, base_colors, route_style


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

    fmap = local_map(self_contained=True, location=[40.5, 42.0], zoom_start=5, prefer_canvas=False)
    lang = request.lang
    for area in areas:
        label = translate(area.name, lang) + (" (≈)" if area.approximate else "")
        style = area_style(kind=area.kind, approximate=area.approximate)
        folium.GeoJson(
            {"type": "Feature", "geometry": area.geometry, "properties": {}},
            name=label,
            tooltip=escape(label),
            style_function=lambda _, style=style: style,
        ).add_to(fmap)
    # Heavier for each aid line that moved on a route, as the page draws it (published events only).
    aid_lines = dict(
        AidItem.objects.filter(route__in=[route.pk for route in routes], event__in=Event.objects.published())
        .values_list("route")
        .annotate(lines=Count("id"))
        .values_list("route", "lines")
    )
    bounds = []
    for route in routes:
        points = [[s.place.latitude, s.place.longitude] for s in route.stops.all()]
        if len(points) < 2:
            continue
        status = _status_on(route, request.day)
        label = f"{translate(route.name, lang)} — {status}"
        style = route_style(purpose=route.purpose, mode=route.mode, status=status, aid_lines=aid_lines.get(route.pk, 0))
        folium.PolyLine(
            points, tooltip=escape(label), color=style["color"], weight=style["weight"],
            dash_array=style["dashArray"], opacity=style["opacity"],
        ).add_to(fmap)  # fmt: skip
        bounds.extend(points)
    colors = base_colors()
    for place in places:
        name = name_on(place.name, as_names(place.names.all()), request.day, lang) if request.day else None
        name = name or translate(place.name, lang)
        folium.CircleMarker(
            [place.latitude, place.longitude], radius=4, color=colors["placeStroke"], weight=1.5, fill=True,
            fill_color=colors["place"], fill_opacity=0.9,
            tooltip=folium.Tooltip(escape(name), permanent=bool(request.route)),
        ).add_to(fmap)  # fmt: skip
        if request.route:
            bounds.append([place.latitude, place.longitude])
    if request.route and bounds:
        fmap.fit_bounds(bounds, padding=(30, 30))
    title = _title(request, routes)
    fmap.get_root().header.add_child(folium.Element(f"<title>{escape(title)}</title>"), name="title")
    return render_local(fmap, self_contained=True)


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
