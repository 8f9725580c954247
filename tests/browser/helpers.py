"""What the browser tests share: reading the page's state and clicking what it draws."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def map_view(page) -> dict:
    """The map's settled view (written by map.js on every moveend)."""
    lat, lng, zoom = page.locator("#map").get_attribute("data-view").split(",")
    return {"lat": float(lat), "lng": float(lng), "zoom": float(zoom)}


def wait_for_map_near(page, lat: float, lng: float, tolerance: float = 0.5) -> None:
    """Wait until the map has landed (not just passed) near (lat, lng)."""
    page.wait_for_function(
        """([lat, lng, tolerance]) => {
            const [y, x] = (document.getElementById("map").dataset.view || "").split(",").map(Number);
            return Math.abs(y - lat) < tolerance && Math.abs(x - lng) < tolerance;
        }""",
        arg=[lat, lng, tolerance],
    )


def click_event(page, slug: str) -> None:
    position = page.evaluate("slug => window.chronoatlas.positionOf(slug)", slug)
    assert position, f"{slug} is not drawn on the timeline"
    page.mouse.click(position["x"], position["y"])


def map_point(page, lat: float, lng: float) -> dict:
    """Where on the screen the map draws a latitude and longitude."""
    return page.evaluate(
        """([lat, lng]) => {
            const m = window.chronoatlas.map, p = m.latLngToContainerPoint([lat, lng]);
            const box = m.getContainer().getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        [lat, lng],
    )


def click_place(page, lat: float, lng: float) -> None:
    point = map_point(page, lat, lng)
    page.mouse.click(point["x"], point["y"])


def query(page) -> dict:
    return {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}


def selected(page) -> str | None:
    return page.evaluate("() => window.chronoatlas.store.get().event")
