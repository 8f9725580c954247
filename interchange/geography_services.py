"""The atlas's geography out to Google Earth (KML) and gazetteers (Linked Places Format), and places back in.

Kept apart from `services.py` (the events' import and export): these read and write places, routes and
areas only. The writers (`kml.py`, `lpf.py`) never touch the database; this module gathers what they write.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from common.translation import translate
from geography.models import Area, Place, Route
from sources.selectors import citations_by_owner

from .kml import Folder, Placemark, write_kml
from .planning import default_language
from .records import FormatError
from .slides import language_codes


def _language(language: str) -> str:
    language = language or default_language()
    if language not in language_codes():
        raise FormatError(f"Unknown language {language!r}; use one of {', '.join(language_codes())}.")
    return language


def _name_line(name) -> str:
    details = ", ".join(part for part in (name.language, name.date) if part)
    return f"{name.name} ({details})" if details else name.name


def _place_placemarks(language: str) -> list[Placemark]:
    placemarks = []
    places = Place.objects.prefetch_related("names").order_by("slug")
    citations = citations_by_owner(Place, places.values("pk"))
    for place in places:
        names = "; ".join(_name_line(name) for name in place.names.all())
        placemarks.append(
            Placemark(
                id=f"place-{place.slug}",
                name=translate(place.name, language) or place.slug,
                geometry={"type": "Point", "coordinates": [place.longitude, place.latitude]},
                paragraphs=(
                    translate(place.description, language),
                    _("Names through time: %(names)s") % {"names": names} if names else "",
                ),
                citations=tuple(citations.get(place.pk, [])),
                style="place",
            )
        )
    return placemarks


def _route_placemarks(language: str) -> list[Placemark]:
    routes = Route.objects.prefetch_related("stops__place", "statuses").order_by("slug")
    citations = citations_by_owner(Route, routes.values("pk"))
    placemarks = []
    for route in routes:
        stops = sorted(route.stops.all(), key=lambda stop: stop.position)
        line = [[stop.place.longitude, stop.place.latitude] for stop in stops]
        name = translate(route.name, language) or route.slug
        stop_names = " – ".join(translate(stop.place.name, language) or stop.place.slug for stop in stops)
        common = {
            "geometry": {"type": "LineString", "coordinates": line} if len(line) >= 2 else None,
            "citations": tuple(citations.get(route.pk, [])),
            "style": "route",
        }
        # A placemark a period of its status, as in the GeoJSON: the slider shows the road closed, then open.
        statuses = list(route.statuses.all())
        for number, status in enumerate(statuses, start=1):
            placemarks.append(
                Placemark(
                    id=f"route-{route.slug}.{number}",
                    name=f"{name} ({status.get_status_display()})",
                    begin=status.start_iso,
                    end=status.end_iso,
                    paragraphs=(translate(status.note, language), translate(route.description, language), stop_names),
                    **common,
                )
            )
        if not statuses:
            placemarks.append(
                Placemark(
                    id=f"route-{route.slug}",
                    name=name,
                    begin=route.start_iso,
                    end=route.end_iso,
                    paragraphs=(translate(route.description, language), stop_names),
                    **common,
                )
            )
    return placemarks


def _area_placemarks(language: str) -> list[Placemark]:
    areas = Area.objects.order_by("slug")
    citations = citations_by_owner(Area, areas.values("pk"))
    return [
        Placemark(
            id=f"area-{area.slug}",
            name=translate(area.name, language) or area.slug,
            geometry=area.geometry,
            begin=area.start_iso,
            end=area.end_iso,
            paragraphs=(
                translate(area.description, language),
                _("An approximate outline, not a surveyed line.") if area.approximate else "",
            ),
            citations=tuple(citations.get(area.pk, [])),
            style="area",
        )
        for area in areas
    ]


def kml_export(*, language: str = "") -> bytes:
    """Places, routes and areas as one KML file (a Folder each) in `language`, for Google Earth."""
    language = _language(language)
    with translation.override(language):
        folders = [
            Folder("places", _("Places"), _place_placemarks(language)),
            Folder("routes", _("Routes"), _route_placemarks(language)),
            Folder("areas", _("Areas"), _area_placemarks(language)),
        ]
        return write_kml(_("Chronoatlas"), folders)
