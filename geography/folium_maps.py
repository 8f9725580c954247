"""Folium maps that need nothing from outside the host: no tile server, no CDN, the page's own basemap.

folium links Leaflet and its other assets from CDNs and expects tiles. Every map made here has no tiles;
its basemap is the world-atlas TopoJSON the page draws (land and faint modern borders, in the colours of
map/styles.json); and every script and stylesheet folium asks for is the local npm file — linked from the
site's static files (the admin's previews, shown inside the site) or inlined (a downloaded file that must
open with the network off). An asset with no local copy is an error rather than a CDN link slipping in.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import folium
from branca.element import MacroElement
from django.conf import settings
from django.templatetags.static import static
from jinja2 import Template

from geography.styles import base_colors, map_styles

# What each folium asset is, as a file of an npm package the site serves under static vendor/<package>/
# (settings.NPM_STATIC maps the package to its folder in node_modules).
LOCAL_ASSETS = {
    "leaflet": ("leaflet", "leaflet.js"),
    "topojson": ("topojson-client", "topojson-client.min.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
}
# folium's extras for icons and popups: not used by these maps, so left out rather than fetched.
_UNUSED = {
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css", "awesome_markers_font_css",
    "awesome_markers_css", "awesome_rotate_css",
}  # fmt: skip
# The page's finer basemap (frontend.views.BASEMAPS): the same package and file.
BASEMAP = ("world-atlas", "countries-50m.json")


def _node_path(package: str, name: str) -> Path:
    return Path(settings.NODE_MODULES) / settings.NPM_STATIC[package] / name


def _static_url(package: str, name: str) -> str:
    return static(f"vendor/{package}/{name}")


def _without_urls(text: str) -> str:
    r"""The asset's text with no "scheme://" left in it: each one Leaflet holds is in a string or comment
    (the SVG namespace, its attribution link), where "\/" reads as "/", so nothing changes but the bytes."""
    return re.sub(r"(https?:)//", r"\1\\/\\/", text).replace("</script", "<\\/script")


@cache
def _inlined(name: str) -> str:
    text = _without_urls(_node_path(*LOCAL_ASSETS[name]).read_text(encoding="utf-8"))
    if name.endswith("_css"):
        # Leaflet's default marker and layer-switcher images are not used here; linking them is a request.
        return "<style>" + re.sub(r"url\(images/[^)]*\)", "none", text) + "</style>"
    return f"<script>{text}</script>"


@cache
def _basemap_topology() -> str:
    return _node_path(*BASEMAP).read_text(encoding="utf-8")


class LocalBasemap(MacroElement):
    """The page's offline basemap below the overlays: land, and modern borders faint, from world-atlas.
    `topology` (the TopoJSON text) is drawn from inside the file; without it the map fetches `url`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const draw = (topology) => {
                const land = topojson.feature(topology, topology.objects.land);
                const borders = topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
                L.geoJSON(land, {interactive: false, style: {{ this.land_style|tojson }}})
                    .addTo({{ this._parent.get_name() }}).bringToBack();
                L.geoJSON(borders, {interactive: false, style: {{ this.border_style|tojson }}})
                    .addTo({{ this._parent.get_name() }});
            };
            {% if this.topology %}
            draw({{ this.topology }});
            {% else %}
            fetch({{ this.url|tojson }}).then((response) => response.json()).then(draw);
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, url: str = "", topology: str = ""):
        super().__init__()
        self._name = "LocalBasemap"
        self.url = url
        # TopoJSON is data, not markup; "</" is escaped so it cannot end the script it sits in.
        self.topology = topology.replace("</", "<\\/")
        colors = base_colors()
        self.land_style = {"color": colors["coast"], "weight": 0.8, "fillColor": colors["land"], "fillOpacity": 1}
        self.border_style = {"color": colors["border"], "weight": 0.8, "dashArray": map_styles().get("borderDash")}


def local_map(*, self_contained: bool, **options) -> folium.Map:
    """A folium map with no tiles over the page's basemap; `options` go to folium.Map. A self-contained map
    carries its basemap inside; otherwise it fetches it from the site's static files."""
    atlas = folium.Map(tiles=None, control_scale=True, **options)
    atlas.get_root().header.add_child(
        folium.Element(f"<style>html, body, .leaflet-container {{ background: {base_colors()['sea']}; }}</style>"),
        name="sea",
    )
    if self_contained:
        LocalBasemap(topology=_basemap_topology()).add_to(atlas)
    else:
        LocalBasemap(url=_static_url(*BASEMAP)).add_to(atlas)
    return atlas


def render_local(atlas: folium.Map, *, self_contained: bool) -> str:
    """The map's HTML page, with every asset folium wants taken from the local npm files: inlined when
    `self_contained`, else linked from the site's static files."""
    wanted: list[str] = []
    stack = [atlas]
    while stack:
        element = stack.pop()
        stack.extend(element._children.values())
        for attribute in ("default_js", "default_css"):
            for name, url in getattr(element, attribute, []):
                if name in _UNUSED:
                    continue
                if name not in LOCAL_ASSETS:
                    raise RuntimeError(f"folium asset {name!r} ({url}) has no local copy")
                if name not in wanted:
                    wanted.append(name)
            if hasattr(element, attribute):
                # Instance lists: changing the class's would change every later map's defaults.
                setattr(element, attribute, [])
    if "leaflet" not in wanted:
        wanted.append("leaflet")
    wanted.append("topojson")  # the basemap needs it whatever folium asked for
    header = atlas.get_root().header
    for name in sorted(set(wanted), key=lambda n: (n != "leaflet", n)):  # Leaflet before what builds on it
        if self_contained:
            element = _inlined(name)
        elif name.endswith("_css"):
            element = f'<link rel="stylesheet" href="{_static_url(*LOCAL_ASSETS[name])}">'
        else:
            element = f'<script src="{_static_url(*LOCAL_ASSETS[name])}"></script>'
        header.add_child(folium.Element(element), name=f"asset-{name}")
    return atlas.get_root().render()
