"""The seed's events are pinned where they happened: one `at` (or `signed_at`) place unless a note says why,
journeys from somewhere to somewhere, the places an event only concerns listed without a pin (issue 18)."""

from collections import defaultdict

from chronology.models import Event, EventPlace, PlaceRole

PINNED = {PlaceRole.AT, PlaceRole.SIGNED_AT}
JOURNEY = {PlaceRole.DEPARTED_FROM, PlaceRole.ARRIVED_AT, PlaceRole.VIA}


def _roles_by_event() -> dict[str, dict[str, list[str]]]:
    """event slug → role → place slugs, as the loader stored them."""
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for event, place, role in EventPlace.objects.values_list("event__slug", "place__slug", "role").order_by("pk"):
        roles[event][role].append(place)
    return roles


def test_an_event_pinned_at_more_than_one_place_says_why_in_both_languages(seed):
    notes = dict(Event.objects.values_list("slug", "place_note"))
    unexplained = [
        f"{event}: pinned at {', '.join(places)} with no place_note saying why"
        for event, roles in sorted(_roles_by_event().items())
        if len(places := [place for role in PINNED for place in roles.get(role, [])]) > 1
        and not all((notes[event] or {}).get(lang, "").strip() for lang in ("tr", "en"))
    ]
    assert not unexplained, "\n".join(unexplained)


def test_a_journey_has_where_it_left_and_where_it_ended(seed):
    broken = []
    for event, roles in sorted(_roles_by_event().items()):
        if not JOURNEY & set(roles):
            continue
        for role, what in ((PlaceRole.DEPARTED_FROM, "where it left (departed_from)"),
                           (PlaceRole.ARRIVED_AT, "where it ended (arrived_at)")):  # fmt: skip
            if len(roles.get(role, [])) != 1:
                broken.append(f"{event}: a journey needs one place for {what}, has {roles.get(role, [])}")
    assert not broken, "\n".join(broken)


def test_a_journey_is_drawn_along_its_route_when_it_has_one(seed):
    """The arrow from → to runs between two stops of the event's route, in the route's order."""
    wrong = []
    for event in Event.objects.filter(place_links__role=PlaceRole.DEPARTED_FROM).prefetch_related("routes"):
        start = event.place_links.get(role=PlaceRole.DEPARTED_FROM).place.slug
        end = event.place_links.get(role=PlaceRole.ARRIVED_AT).place.slug
        for route in event.routes.all():
            stops = list(route.stops.order_by("position").values_list("place__slug", flat=True))
            if not (start in stops and end in stops and stops.index(start) < stops.index(end)):
                wrong.append(f"{event.slug}: {start} → {end} is not along route {route.slug} ({' → '.join(stops)})")
    assert not wrong, "\n".join(wrong)


def test_the_map_pins_the_interview_and_the_treaties_where_they_happened(seed):
    roles = _roles_by_event()
    # The interview named eight places; it took place in Baku and only concerns the others.
    interview = roles["stalin-memduh-sevket-interview-1920"]
    assert interview[PlaceRole.AT] == ["baku"]
    assert set(interview[PlaceRole.CONCERNS]) >= {"kars", "tbilisi", "batumi", "nakhchivan"}
    assert roles["treaty-of-moscow-1921"][PlaceRole.SIGNED_AT] == ["moscow"]
    assert "kars" in roles["treaty-of-moscow-1921"][PlaceRole.CONCERNS]
    assert roles["treaty-of-kars-1921"][PlaceRole.SIGNED_AT] == ["kars"]
    assert roles["treaty-of-gumru-1920"][PlaceRole.SIGNED_AT] == ["gyumri"]
    # The delegation left Ankara on 11 May and reached Moscow on 19 July 1920.
    for slug in ("moscow-delegation-departs-1920", "moscow-delegation-arrives-1920"):
        assert roles[slug][PlaceRole.DEPARTED_FROM] == ["ankara"], slug
        assert roles[slug][PlaceRole.ARRIVED_AT] == ["moscow"], slug
    # Yusuf Kemal Bey's sixteen days from Moscow to Trabzon.
    assert roles["yusuf-kemal-reaches-trabzon-1920"][PlaceRole.DEPARTED_FROM] == ["moscow"]
    assert roles["yusuf-kemal-reaches-trabzon-1920"][PlaceRole.ARRIVED_AT] == ["trabzon"]
