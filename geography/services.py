"""Geography's services for curators: finding a place's coordinates, and doubting a pair that looks swapped.

Nothing here is called from a model's `save()`: geocoding may reach the network, so the admin calls it when
a curator asks ("Find coordinates"), and the swap check runs after a save to warn, never to refuse.
"""

from __future__ import annotations

import heapq
from dataclasses import asdict, dataclass

from django.conf import settings
from geopy.distance import great_circle
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from common.translation import translate
from geography.models import Place
from geography.names import folded

USER_AGENT = "Chronoatlas/0.1 (historical atlas curators' admin; geocodes place names on a curator's request)"
OFFLINE_NOTICE = "online geocoder unreachable: only the atlas's own gazetteer was searched"
DISABLED_NOTICE = "online geocoder switched off (DJANGO_GEOCODER_ONLINE): only the atlas's own gazetteer was searched"
ONLINE_LIMIT = 5


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean: where it is, what it is called, and who said so."""

    name: str
    latitude: float
    longitude: float
    source: str  # "atlas" (the gazetteer: `place` is its slug) or "online"
    place: str = ""
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class Candidates(list[Candidate]):
    """Candidates, best first, with `notice` saying what could not be searched (or None)."""

    def __init__(self, items=(), *, notice: str | None = None):
        super().__init__(items)
        self.notice = notice


def _period(name) -> str:
    return f" ({name.date})" if name.date else ""


def _gazetteer(query: str) -> list[Candidate]:
    """Every name of every place in every period, matched without diacritics or Turkish case: exact names
    first, then names the query begins, then names containing it."""
    wanted = folded(query.strip())
    if not wanted:
        return []
    ranked: list[tuple[int, str, Candidate]] = []
    for place in Place.objects.prefetch_related("names"):
        texts = [(text, "") for text in place.name.values() if text]
        texts += [(name.name, _period(name)) for name in place.names.all()]
        texts.append((place.slug, ""))
        best = None
        for text, period in texts:
            folded_text = folded(text)
            if wanted not in folded_text:
                continue
            rank = 0 if folded_text == wanted else 1 if folded_text.startswith(wanted) else 2
            if best is None or rank < best[0]:
                best = (rank, text, period)
        if best is None:
            continue
        rank, text, period = best
        others = sorted({n.name for n in place.names.all()} - {text})
        detail = f"{text}{period}" + (f"; also {', '.join(others)}" if others else "")
        own_name = translate(place.name, "en") or place.slug
        candidate = Candidate(own_name, place.latitude, place.longitude, "atlas", place.slug, detail)
        ranked.append((rank, place.slug, candidate))
    return [candidate for _, _, candidate in sorted(ranked, key=lambda row: row[:2])]


_limiters: dict[int, RateLimiter] = {}


def _nominatim():
    from geopy.geocoders import Nominatim

    return Nominatim(user_agent=USER_AGENT, timeout=settings.GEOCODER_TIMEOUT)


def _rate_limited(geocoder) -> RateLimiter:
    # One limiter per geocoder for the process, so Nominatim's one request a second holds across requests.
    key = id(geocoder)
    if key not in _limiters:
        _limiters[key] = RateLimiter(geocoder.geocode, min_delay_seconds=1, max_retries=0, swallow_exceptions=False)
    return _limiters[key]


_default_geocoder = None


def place_geocode(*, query: str, geocoder=None) -> Candidates:
    """Where `query` may be: the atlas's own places first, then an online geocoder (Nominatim, or `geocoder`,
    any geopy geocoder) when switched on and reachable. Offline, `notice` says so; nothing waits beyond the
    geocoder's timeout (DJANGO_GEOCODER_TIMEOUT, 3 s)."""
    global _default_geocoder
    found = _gazetteer(query)
    if not query.strip():
        return Candidates(found)
    if geocoder is None:
        if not settings.GEOCODER_ONLINE:
            return Candidates(found, notice=DISABLED_NOTICE)
        _default_geocoder = _default_geocoder or _nominatim()
        geocoder = _default_geocoder
    try:
        answers = _rate_limited(geocoder)(
            query.strip(), exactly_one=False, limit=ONLINE_LIMIT, timeout=settings.GEOCODER_TIMEOUT
        )
    except (GeopyError, OSError):
        # GeocoderUnavailable, GeocoderServiceError, GeocoderTimedOut and the rest are all GeopyErrors;
        # a socket error that escaped the adapter is just as offline.
        return Candidates(found, notice=OFFLINE_NOTICE)
    for answer in (answers or [])[:ONLINE_LIMIT]:
        found.append(Candidate(answer.address, answer.latitude, answer.longitude, "online", "", answer.address))
    return Candidates(found)


# The swap check compares a point with the atlas's other places: a point far from all of them whose swapped
# pair lies among them was most likely typed the wrong way round. Close pairs (both readings among the
# places, e.g. 40 N 41 E and 41 N 40 E) are never doubted.
NEIGHBOURS = 3
FAR_KM = 300
MUCH_NEARER = 2.5


def _neighbour_km(latitude: float, longitude: float, others: list[tuple[float, float]]) -> float:
    nearest = heapq.nsmallest(NEIGHBOURS, (great_circle((latitude, longitude), other).km for other in others))
    return sum(nearest) / len(nearest)


def place_swap_warning(*, place: Place) -> str | None:
    """A warning when `place`'s latitude and longitude look swapped (it lies far from the atlas's other
    places and the swapped pair lies among them), else None. A warning, not a refusal: a place may truly
    lie far from the rest."""
    latitude, longitude = place.latitude, place.longitude
    if abs(longitude) > 90:
        return None  # swapped, the longitude would be no latitude
    others = list(
        Place.objects.exclude(pk=place.pk)
        .exclude(latitude=latitude, longitude=longitude)
        .values_list("latitude", "longitude")
    )
    if len(others) < NEIGHBOURS:
        return None
    as_given = _neighbour_km(latitude, longitude, others)
    swapped = _neighbour_km(longitude, latitude, others)
    if as_given < FAR_KM or swapped * MUCH_NEARER > as_given:
        return None
    return (
        f"Place “{place.slug}”: latitude {latitude:g}, longitude {longitude:g} puts it {as_given:.0f} km from its "
        f"nearest places in the atlas; swapped (latitude {longitude:g}, longitude {latitude:g}) it would be "
        f"{swapped:.0f} km from them. If the pair was typed the wrong way round, swap the latitude and longitude "
        "fields and save again."
    )


def area_swap_problem(*, geometry: dict) -> str | None:
    """Why a geometry whose coordinates look like [latitude, longitude] is refused, else None: its positions
    all lie far from the atlas's places, and read the other way round they all lie among them."""
    positions = list(_positions(geometry.get("coordinates") or []))
    others = list(Place.objects.values_list("latitude", "longitude"))
    if not positions or len(others) < NEIGHBOURS or any(abs(lat) > 90 for lat, _ in positions):
        return None
    as_given = max(_neighbour_km(lat, lon, others) for lon, lat in positions)
    swapped = max(_neighbour_km(lon, lat, others) for lon, lat in positions)
    if min(_neighbour_km(lat, lon, others) for lon, lat in positions) < FAR_KM or swapped * MUCH_NEARER > as_given:
        return None
    return (
        f"every position lies far from the atlas's places (up to {as_given:.0f} km), but read as [latitude, "
        f"longitude] they all lie among them (within {swapped:.0f} km): GeoJSON is [longitude, latitude], so swap "
        "the two numbers of each position."
    )


def _positions(value):
    if value and isinstance(value[0], int | float):
        yield value[0], value[1]
        return
    for member in value:
        yield from _positions(member)
