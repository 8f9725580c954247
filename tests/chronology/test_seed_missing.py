"""What the corpus was missing (issue 18): each addition is there, cited from the article and placed by role."""

import pytest

from chronology.models import Event, PlaceRole
from common.dates import parse_day
from geography.models import Area, Route


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


def _stops(route: Route) -> list[tuple[str, str]]:
    return list(route.stops.order_by("position").values_list("place__slug", "date"))


def test_ali_fuat_pashas_road_runs_from_ankara_to_moscow_and_his_mission_is_drawn_along_it(seed):
    road = Route.objects.get(slug="ali-fuat-to-moscow-1920")
    assert [place for place, _ in _stops(road)] == ["ankara", "moscow"]
    assert road.citations.filter(evidence__contains="Ali Fuat Paşa başkanlığındaki bir heyeti Moskova’ya").exists()
    mission = Event.objects.get(slug="ali-fuat-mission-to-moscow-1920")
    assert list(mission.routes.values_list("slug", flat=True)) == ["ali-fuat-to-moscow-1920"]


def test_mustafa_suphis_road_goes_moscow_baku_anatolia_and_ends_on_the_day_he_was_killed(seed):
    road = Route.objects.get(slug="mustafa-suphi-road-1918-1921")
    stops = _stops(road)
    assert [place for place, _ in stops][:2] == ["moscow", "baku"]
    assert stops[-1] == ("trabzon", "1921-01-28")
    evidence = " ".join(road.citations.values_list("evidence", flat=True))
    assert "Moskova’da Mustafa Suphi’ye Yeni Dünya" in evidence
    assert "Anadolu’ya geçerek faaliyetlerini burada sürdürmeyi planlamıştır" in evidence
    # The stops the article does not name are owned up to.
    assert "not in the article" in road.description["en"] and "makalede yazmaz" in road.description["tr"]


def test_the_courier_by_batum_is_only_planned_as_the_report_says(seed):
    road = Route.objects.get(slug="courier-by-batum-1920")
    assert [place for place, _ in _stops(road)] == ["baku", "batumi", "ankara"]
    assert list(road.statuses.values_list("status", flat=True)) == ["planned"]
    assert road.citations.filter(evidence__contains="Batum’dan bir kurye göndermek istediğini").count() == 2


@pytest.mark.parametrize(
    ("slug", "stops"),
    [
        ("galip-kemali-to-moscow-1918", ["istanbul", "moscow"]),
        ("baha-sait-to-baku-1919", ["istanbul", "baku"]),
        ("enver-to-moscow-and-baku-1920", ["moscow", "baku", "berlin"]),
        ("military-mission-to-baku-1920", ["erzurum", "baku"]),
    ],
)
def test_the_other_journeys_the_article_names_are_drawn_cited(seed, slug, stops):
    road = Route.objects.get(slug=slug)
    assert [place for place, _ in _stops(road)] == stops
    assert road.citations.filter(source__slug="tekinsoy-2025").exclude(evidence="").exists()


def test_the_western_front_is_drawn_and_cites_its_commander_and_the_inonu_battles(seed):
    front = Area.objects.get(slug="western-front-1920-1921")
    assert front.kind == "front"
    evidence = " ".join(front.citations.values_list("evidence", flat=True))
    assert "Batı Cephesi Kumandanı Ali Fuat Paşa’ya" in evidence
    assert "İnönü Muharebeleri kazanılmış" in evidence
    assert Area.objects.get(slug="sakarya-front-1921").kind == "front"


@pytest.mark.parametrize(
    ("day", "zone"),
    [
        ("1919-06-01", "greek-zone-izmir-1919"),  # after the landing at İzmir
        ("1920-11-05", "greek-occupation-western-anatolia"),  # the interview's report
        ("1921-04-02", "greek-occupation-western-anatolia"),  # after the second İnönü: still held
        ("1921-08-25", "greek-zone-sakarya-1921"),  # at the Sakarya
        ("1922-03-01", "greek-zone-1921-1922"),  # back on the Eskişehir–Afyon line
    ],
)
def test_the_greek_zone_has_one_extent_on_each_day_from_1919_to_1922(seed, day, zone):
    number = parse_day(day)
    greek = Area.objects.filter(slug__startswith="greek-", kind="occupation")
    standing = [a.slug for a in greek if (a.day_start or number) <= number <= (a.day_end or number)]
    assert standing == [zone]


@pytest.mark.parametrize("slug", ["russian-held-east-1916-1918", "gallipoli-front-1915"])
def test_the_world_war_fronts_the_article_names_are_drawn_cited(seed, slug):
    area = Area.objects.get(slug=slug)
    assert area.approximate
    assert area.citations.filter(source__slug="tekinsoy-2025", locator="s. 188").exists()


def test_the_moscow_treaty_shows_the_national_pacts_claim_on_batum_as_the_disagreement_it_was(seed):
    treaty = Event.objects.get(slug="treaty-of-moscow-1921")
    for lang, pact in (("tr", "Misak-ı Millî"), ("en", "National Pact")):
        assert pact in treaty.note[lang] and "Batum" in treaty.note[lang], lang
        assert "1920" in treaty.note[lang], lang  # the Pact's own date and the instruction of 20 October 1920
    evidence = " ".join(treaty.citations.values_list("evidence", flat=True))
    # Both halves of the article's claim: Batum to Georgia, and the Pact's borders recognised.
    assert "Batum’un Gürcistan’a" in evidence and "Misak-ı Millî sınırlarını tanıyan" in evidence
    assert "bir karışın dahi verilemeyeceğini" in evidence
    assert "batumi" in _roles(treaty)[PlaceRole.CONCERNS]


@pytest.mark.parametrize(
    ("slug", "stops", "event"),
    [
        ("halil-pasha-to-moscow-1919", ["sivas", "moscow"], "halil-pasha-mission-to-moscow-1919"),
        ("soviet-envoy-to-havza-1919", ["moscow", "havza"], "havza-soviet-contact-1919"),
        ("soviet-envoy-to-balikesir-1919", ["moscow", "balikesir"], "eliava-offer-to-karakol-1919"),
        ("mdivani-to-ankara-1920", ["moscow", "ankara"], "mdivani-sent-to-ankara-1920"),
        ("army-of-islam-baku-to-derbent-1918", ["baku", "derbent"], "derbent-taken-1918"),
        ("oil-equipment-baku-to-erzurum", ["baku", "erzurum"], "azerbaijan-gold-aid"),
        ("senegalese-troops-to-batum-1920", ["istanbul", "batumi"], "stalin-memduh-sevket-interview-1920"),
        ("soviet-supplies-to-nakhchivan-via-armenia-1920", ["baku", "yerevan", "nakhchivan"],
         "stalin-memduh-sevket-interview-1920"),
    ],
)  # fmt: skip
def test_the_rest_of_the_articles_journeys_missions_and_aid_roads_are_drawn_cited_and_on_their_event(
    seed, slug, stops, event
):
    road = Route.objects.get(slug=slug)
    assert [place for place, _ in _stops(road)] == stops
    assert road.citations.exclude(evidence="").exists()
    assert slug in Event.objects.get(slug=event).routes.values_list("slug", flat=True)
    # Where a stop or a date is the atlas's and not the article's, the description says so in both languages.
    assert "atlas" in road.description["en"] and "atlas" in road.description["tr"]


def test_what_stalin_only_named_as_possible_is_drawn_as_planned_not_as_travelled(seed):
    for slug in ("senegalese-troops-to-batum-1920", "soviet-supplies-to-nakhchivan-via-armenia-1920"):
        assert list(Route.objects.get(slug=slug).statuses.values_list("status", flat=True)) == ["planned"], slug


def test_the_army_of_islams_march_stops_on_the_articles_two_days(seed):
    road = Route.objects.get(slug="army-of-islam-baku-to-derbent-1918")
    assert _stops(road) == [("baku", "1918-09-15"), ("derbent", "1918-10-13")]


@pytest.mark.parametrize(
    ("slug", "kind", "passage"),
    [
        ("armenian-held-baku-1918", "occupation", "Ermenilerin Bakü’yü 18 Mart 1918’de işgal etmeleri"),
        ("soviet-troops-in-nakhchivan-1920", "occupation", "oradaki Sovyet askerlerine iaşe"),
        ("polish-front-1920", "front", "Polonya karşısında uğranılan başarısızlık"),
    ],
)
def test_the_other_fronts_and_zones_the_article_names_are_drawn_cited(seed, slug, kind, passage):
    area = Area.objects.get(slug=slug)
    assert (area.kind, area.approximate) == (kind, True)
    assert area.citations.filter(source__slug="tekinsoy-2025", evidence__contains=passage).exists()


def test_the_corpus_draws_the_articles_twenty_one_roads_and_its_fronts_and_zones(seed):
    # The article names 21 journeys, missions and aid roads with two ends to draw, and 15 fronts and zones
    # of war or occupation (borders and treaty lines besides).
    assert Route.objects.count() == 21
    assert Area.objects.filter(kind__in=("front", "occupation")).count() == 15


def test_the_national_pact_the_treaties_are_measured_against_is_an_event_before_them(seed):
    pact = Event.objects.get(slug="national-pact-adopted-1920")
    assert pact.date == "1920-01-28"
    assert _roles(pact) == {PlaceRole.AT: {"istanbul"}, PlaceRole.CONCERNS: {"kars", "ardahan", "batumi"}}
    evidence = " ".join(pact.citations.values_list("evidence", flat=True))
    assert "Misak-ı Millî sınırları içinde" in evidence and "Misak-ı Millî sınırlarını tanıyan" in evidence
    # The article gives neither its day nor its place: the note owns up to both.
    assert "neither the day" in pact.note["en"] and "vermez" in pact.note["tr"]
    for treaty in ("treaty-of-moscow-1921", "treaty-of-kars-1921"):
        assert pact.day_end < Event.objects.get(slug=treaty).day_start
