"""What the corpus was missing (issue 18): each addition is there, cited from the article and placed by role."""

from chronology.models import Event, PlaceRole


def _roles(event: Event) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for place, role in event.place_links.values_list("place__slug", "role"):
        roles.setdefault(role, set()).add(place)
    return roles


def test_the_1877_1878_war_is_an_event_of_its_own_and_says_why_the_three_districts_matter(seed):
    war = Event.objects.get(slug="russo-ottoman-war-1877-1878")
    assert war.date == "1877/1878"
    evidence = " ".join(war.citations.values_list("evidence", flat=True))
    assert "93 Harbi (1877-1878 Osmanlı-Rus Savaşı)" in evidence
    assert "Kars Ardahan ve Batum Osmanlı Devleti’ne bırakılmıştır" in evidence
    # Fought in the Caucasus and the Balkans: the districts are what it concerns, not where it is pinned.
    assert _roles(war) == {PlaceRole.CONCERNS: {"kars", "ardahan", "batumi"}}
    for lang in ("tr", "en"):
        assert "Berlin" in war.summary[lang] and "Batum" in war.summary[lang], lang
    # It came before the treaty that closed it.
    assert war.day_end <= Event.objects.get(slug="treaty-of-berlin-1878").day_start
