"""The admin's preview maps, drawn by folium from the same GeoJSON and styles as the public page.

Nothing leaves the host (geography.folium_maps): Leaflet and the basemap come from the site's static files.
"""

from __future__ import annotations

import folium

from geography.folium_maps import local_map, render_local
from geography.styles import area_style, base_colors, route_style


def _base_map() -> folium.Map:
    return local_map(self_contained=False, prefer_canvas=True, zoom_control=True)


def _fit(atlas: folium.Map, coordinates: list[list[float]]) -> None:
    """Frame the [lon, lat] positions (GeoJSON order), or the whole world when there are none."""
    if not coordinates:
        atlas.fit_bounds([[-60, -170], [75, 170]])
        return
    longitudes = [position[0] for position in coordinates]
    latitudes = [position[1] for position in coordinates]
    atlas.fit_bounds([[min(latitudes), min(longitudes)], [max(latitudes), max(longitudes)]], padding=(24, 24))


def _positions(geometry: dict) -> list[list[float]]:
    """All positions of a GeoJSON geometry, however deeply nested."""
    found: list[list[float]] = []

    def walk(value):
        if value and isinstance(value[0], int | float):
            found.append(value)
        else:
            for member in value:
                walk(member)

    walk(geometry.get("coordinates") or [])
    return found


def route_preview_html(feature: dict) -> str:
    """A standalone HTML page drawing a route feature (the API's GeoJSON) with its stops and its length."""
    atlas = _base_map()
    properties = feature["properties"]
    style = route_style(purpose=properties.get("purpose", ""), mode=properties.get("mode", ""))
    coordinates = feature["geometry"]["coordinates"]
    if len(coordinates) >= 2:
        # Geometry only: the preview needs no curator text, so none can reach its scripts.
        line = {"type": "Feature", "geometry": feature["geometry"], "properties": {}}
        folium.GeoJson(line, style_function=lambda _feature: style).add_to(atlas)
    colors = base_colors()
    for number, (longitude, latitude) in enumerate(coordinates, start=1):
        folium.CircleMarker(
            [latitude, longitude],
            radius=5,
            color=colors["placeStroke"],
            weight=1.5,
            fill=True,
            fill_color=colors["place"],
            fill_opacity=0.9,
            tooltip=str(number),
        ).add_to(atlas)
    _fit(atlas, coordinates)
    length = properties.get("length_km")
    if length is not None:
        atlas.get_root().html.add_child(
            folium.Element(
                '<div class="length" style="position:absolute;z-index:1000;top:8px;right:8px;background:#fff;'
                f'padding:2px 8px;border-radius:3px;font:14px sans-serif">{float(length):.1f} km</div>'
            )
        )
    return render_local(atlas, self_contained=False)


def area_preview_html(feature: dict) -> str:
    """A standalone HTML page drawing an area feature (the API's GeoJSON) in the page's style for its kind."""
    atlas = _base_map()
    properties = feature["properties"]
    style = area_style(kind=properties.get("kind", ""), approximate=bool(properties.get("approximate")))
    shape = {"type": "Feature", "geometry": feature["geometry"], "properties": {}}
    folium.GeoJson(shape, style_function=lambda _feature: style).add_to(atlas)
    _fit(atlas, _positions(feature["geometry"]))
    return render_local(atlas, self_contained=False)
