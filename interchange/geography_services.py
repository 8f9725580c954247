"""The atlas's geography out to Google Earth (KML) and gazetteers (Linked Places Format), and places back in.

Kept apart from `services.py` (the events' import and export): these read and write places, routes and
areas only. The writers (`kml.py`, `lpf.py`) never touch the database; this module gathers what they write.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from slugify import slugify

from common.translation import translate
from geography.models import Area, Place, PlaceKind, PlaceName, Route
from geography.names import folded
from sources.selectors import citations_by_owner

from . import scope
from .kml import Folder, Placemark, write_kml
from .lpf import AAT, ID_PREFIX, PlaceRecord, lpf_citation, read_lpf, when_of, write_lpf
from .planning import default_language
from .records import FormatError
from .services import CHANGE, CREATE, REJECT, UNCHANGED, ImportRejected, ImportReport, RowOutcome, _shown
from .slides import language_codes

# The model's ordering leaves two names of the same day and spelling in different languages in whatever order
# the database returns them (PostgreSQL and SQLite differ): exports are the same bytes for the same data.
_NAMES_IN_ORDER = Prefetch(
    "names", queryset=PlaceName.objects.order_by(F("day_start").asc(nulls_first=True), "name", "language", "date", "pk")
)


def _language(language: str) -> str:
    language = language or default_language()
    if language not in language_codes():
        raise FormatError(f"Unknown language {language!r}; use one of {', '.join(language_codes())}.")
    return language


def _name_line(name) -> str:
    details = ", ".join(part for part in (name.language, name.date) if part)
    return f"{name.name} ({details})" if details else name.name


def _place_placemarks(language: str, collection) -> list[Placemark]:
    placemarks = []
    places = scope.places(collection).prefetch_related(_NAMES_IN_ORDER).order_by("slug")
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


def _route_placemarks(language: str, collection) -> list[Placemark]:
    routes = scope.routes(collection).prefetch_related("stops__place", "statuses").order_by("slug")
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


def _area_placemarks(language: str, collection) -> list[Placemark]:
    areas = scope.areas(collection).order_by("slug")
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


def kml_export(*, language: str = "", collection=None) -> bytes:
    """Places, routes and areas as one KML file (a Folder each) in `language`, for Google Earth; of a
    collection, those its events use (interchange.scope)."""
    language = _language(language)
    with translation.override(language):
        folders = [
            Folder("places", _("Places"), _place_placemarks(language, collection)),
            Folder("routes", _("Routes"), _route_placemarks(language, collection)),
            Folder("areas", _("Areas"), _area_placemarks(language, collection)),
        ]
        return write_kml(_("Chronoatlas"), folders)


# -- Linked Places Format ------------------------------------------------------------------------------


def _lpf_feature(place: Place, citations: list[dict], default: str) -> dict:
    cited = [lpf_citation(c) for c in citations]
    names = [{"toponym": text, "lang": code} for code, text in place.name.items() if text]
    for name in place.names.all():
        entry = {"toponym": name.name, **({"lang": name.language} if name.language else {})}
        when = when_of(name.date, name.start_iso, name.end_iso)
        names.append({**entry, **({"when": when} if when else {})})
    if cited and names:
        names[0]["citations"] = cited  # LPF wants at least one name cited
    place_type = {"label": place.kind, "sourceLabels": [{"label": place.kind, "lang": "en"}]}
    if place.kind in AAT:
        place_type = {"identifier": AAT[place.kind], **place_type}
    return {
        "@id": f"{ID_PREFIX}{place.slug}",
        "type": "Feature",
        "properties": {
            "title": translate(place.name, default) or place.slug,
            "slug": place.slug,
            "atlas_name": dict(place.name),
        },
        "names": names,
        "types": [place_type],
        "geometry": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Point", "coordinates": [place.longitude, place.latitude]}],
        },
        "descriptions": [{"value": text, "lang": code} for code, text in place.description.items() if text],
        **({"citations": cited} if cited else {}),
    }


def lpf_export(*, collection=None) -> bytes:
    """Every place (of a collection: those its events use) as a Linked Places FeatureCollection, for the
    World Historical Gazetteer."""
    places = scope.places(collection).prefetch_related(_NAMES_IN_ORDER).order_by("slug")
    citations = citations_by_owner(Place, places.values("pk"))
    default = default_language()
    return write_lpf([_lpf_feature(place, citations.get(place.pk, []), default) for place in places])


# A name matches within about 10 km (a city's own extent and a gazetteer's rounding); without a name, only
# a point within about 100 m is taken for the same place.
NAME_MATCH_DEGREES = 0.1
POINT_MATCH_DEGREES = 0.001


class _Matcher:
    """The atlas's places indexed by folded name and by a 0.001° grid, read once for the whole file: a
    gazetteer's file of thousands of features is matched in one pass, not one scan of the atlas a feature."""

    def __init__(self):
        self.points: dict[int, tuple[float, float]] = {}
        self.by_name: dict[str, set[int]] = {}
        self.by_cell: dict[tuple[int, int], set[int]] = {}
        for place in Place.objects.prefetch_related("names"):
            self.add(place)

    @staticmethod
    def _cell(latitude: float, longitude: float) -> tuple[int, int]:
        return int(latitude // POINT_MATCH_DEGREES), int(longitude // POINT_MATCH_DEGREES)

    def add(self, place: Place) -> None:
        self.points[place.pk] = (place.latitude, place.longitude)
        for text in (*place.name.values(), *(name.name for name in place.names.all())):
            if text:
                self.by_name.setdefault(folded(text), set()).add(place.pk)
        self.by_cell.setdefault(self._cell(place.latitude, place.longitude), set()).add(place.pk)

    def _near(self, pk: int, record: PlaceRecord, degrees: float) -> bool:
        latitude, longitude = self.points[pk]
        return abs(latitude - record.latitude) <= degrees and abs(longitude - record.longitude) <= degrees

    def match(self, record: PlaceRecord, claimed: set[int]) -> Place | None:
        """The atlas's place this record is: by slug, else by a name near it, else by its point; never twice."""
        if record.slug:
            return Place.objects.filter(slug=record.slug).first()
        wanted = {folded(text) for text in (record.title, *record.name.values(), *(n.toponym for n in record.names))}
        named = sorted(set().union(*(self.by_name.get(text, set()) for text in wanted)) - claimed)
        found = next((pk for pk in named if self._near(pk, record, NAME_MATCH_DEGREES)), None)
        if found is None:
            row, column = self._cell(record.latitude, record.longitude)
            cells = [(row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
            around = set().union(*(self.by_cell.get(cell, set()) for cell in cells))
            found = next((pk for pk in sorted(around - claimed) if self._near(pk, record, POINT_MATCH_DEGREES)), None)
        # A fresh copy: a rejected feature's changes, rolled back in the database, stay out of the index.
        return None if found is None else Place.objects.get(pk=found)


def _unique_place_slug(base: str, taken: set[str]) -> str:
    base = slugify(base, max_length=70) or "place"
    candidate, number = base, 2
    while candidate in taken or Place.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _place_snapshot(place: Place) -> dict:
    names = set()
    if place.pk:
        names = {
            " ".join(filter(None, (n.name, f"[{n.language}]" if n.language else "", n.date))) for n in place.names.all()
        }
    return {
        "name": dict(place.name or {}),
        "kind": place.kind,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "description": dict(place.description or {}),
        "names": names,
    }


def _place_outcome(record: PlaceRecord, matcher: _Matcher, claimed: set[int], slugs: set[str]) -> RowOutcome:
    place = matcher.match(record, claimed)
    row = RowOutcome(record.where, "", record.title, CHANGE if place else CREATE)
    if place is None:
        place = Place(slug=record.slug or _unique_place_slug(record.title, slugs), name={}, description={})
    else:
        claimed.add(place.pk)
    row.slug = place.slug
    slugs.add(place.slug)
    before = _place_snapshot(place)
    # Languages and names the file leaves out are kept: a gazetteer's file adds to the atlas, never erases.
    if record.own_names or place.pk is None:
        place.name = {**place.name, **record.name}
    place.description = {**place.description, **record.description}
    if record.kind != "other" or place.pk is None:
        place.kind = record.kind
    place.latitude, place.longitude = record.latitude, record.longitude
    try:
        place.full_clean()
    except ValidationError as error:
        row.reasons += [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
        row.action = REJECT
        return row
    place.save()
    existing = {(n.name, n.language, n.date) for n in place.names.all()}
    if not record.own_names:
        # A gazetteer lists today's names among the others, undated: they are the place's names already.
        existing |= {(text, code, "") for code, text in place.name.items()} | {(t, "", "") for t in place.name.values()}
    for index, name in enumerate(record.names):
        row_name = PlaceName(place=place, name=name.toponym, language=name.language, date=name.date)
        try:
            row_name.full_clean(exclude=["note"])
        except ValidationError as error:
            row.reasons += [
                f"names[{index}] ({name.toponym}).{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            continue
        row_name.refresh_date_bounds()  # the stored spelling, to compare with what the atlas holds
        if (row_name.name, row_name.language, row_name.date) not in existing:
            row_name.save()
            existing.add((row_name.name, row_name.language, row_name.date))
    if row.reasons:
        row.action = REJECT
        return row
    after = _place_snapshot(place)
    row.changes = [(name, _shown(before[name]), _shown(after[name])) for name in after if before[name] != after[name]]
    if row.action == CHANGE and not row.changes:
        row.action = UNCHANGED
    return row


def places_import(*, source, dry_run: bool = True, skip_rejected: bool = False) -> ImportReport:
    """Compare an LPF file's places with the atlas, feature by feature, and unless `dry_run` apply them in
    one transaction. A rejected feature (any problem) saves nothing unless `skip_rejected`; then
    ImportRejected carries the report. A file that is not LPF at all is a FormatError."""
    read = read_lpf(
        source,
        languages=tuple(language_codes()),
        kinds=tuple(PlaceKind.values),
        default=default_language(),
    )
    report = ImportReport(format="lpf", dry_run=dry_run, notes=list(read.notes))
    claimed: set[int] = set()
    slugs: set[str] = set()
    with transaction.atomic():
        matcher = _Matcher()
        outcomes = []
        for record in read.places:
            # A savepoint a feature: a rejected one leaves nothing behind for the others to match.
            with transaction.atomic():
                outcome = _place_outcome(record, matcher, claimed, slugs)
                if outcome.action == REJECT:
                    transaction.set_rollback(True)
                else:
                    matcher.add(Place.objects.prefetch_related("names").get(slug=outcome.slug))
            outcomes.append((record.number, outcome))
        for problem in read.problems:
            outcomes.append(
                (
                    problem.row,
                    RowOutcome(
                        problem.where, "", problem.where, REJECT, reasons=[f"{problem.field}: {problem.message}"]
                    ),
                )
            )
        report.rows = [outcome for _number, outcome in sorted(outcomes, key=lambda pair: pair[0])]
        refused = bool(report.rejected) and not skip_rejected
        if dry_run or refused:
            transaction.set_rollback(True)
        else:
            report.applied = True
    if refused and not dry_run:
        raise ImportRejected(report)
    return report
