"""The admin's preview maps, drawn by folium from the same GeoJSON and styles as the public page.

Nothing leaves the host: folium's own assets are CDN URLs, so each map is pointed at the Leaflet the page
serves (NPM_STATIC), has no tile layer, and draws the page's Natural Earth basemap from its local file.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from django.templatetags.static import static
from jinja2 import Template

from geography.styles import area_style, base_colors, route_style

BASEMAP = "vendor/world-atlas/land-50m.json"


class LocalBasemap(MacroElement):
    """The page's offline basemap: Natural Earth land from the world-atlas package, below the overlays."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }}).then((response) => response.json()).then((topology) => {
            const land = topojson.feature(topology, topology.objects.land);
            L.geoJSON(land, {interactive: false, style: {{ this.style|tojson }}})
                .addTo({{ this._parent.get_name() }}).bringToBack();
        });
        {% endmacro %}
        """
    )

    def __init__(self, url: str):
        super().__init__()
        self._name = "LocalBasemap"
        self.url = url
        colors = base_colors()
        self.style = {"color": colors["coast"], "weight": 0.8, "fillColor": colors["land"], "fillOpacity": 1}


def _base_map() -> folium.Map:
    atlas = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoom_control=True)
    # Instance lists: folium's add_js_link would change the class's (shared) defaults.
    atlas.default_js = [
        ("leaflet", static("vendor/leaflet/leaflet.js")),
        ("topojson", static("vendor/topojson-client/topojson-client.min.js")),
    ]
    atlas.default_css = [("leaflet_css", static("vendor/leaflet/leaflet.css"))]
    atlas.get_root().header.add_child(
        folium.Element(f"<style>html, body {{ background: {base_colors()['sea']}; }}</style>")
    )
    LocalBasemap(static(BASEMAP)).add_to(atlas)
    return atlas


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
    return atlas.get_root().render()


def area_preview_html(feature: dict) -> str:
    """A standalone HTML page drawing an area feature (the API's GeoJSON) in the page's style for its kind."""
    atlas = _base_map()
    properties = feature["properties"]
    style = area_style(kind=properties.get("kind", ""), approximate=bool(properties.get("approximate")))
    shape = {"type": "Feature", "geometry": feature["geometry"], "properties": {}}
    folium.GeoJson(shape, style_function=lambda _feature: style).add_to(atlas)
    _fit(atlas, _positions(feature["geometry"]))
    return atlas.get_root().render()
