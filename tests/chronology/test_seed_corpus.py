"""The shipped corpus (fixtures/seed) loads, audits clean and holds the period's landmarks."""

import datetime as dt

import pytest
from django.conf import settings

from chronology.audit import corpus_audit
from chronology.corpus import corpus_load
from chronology.models import AidItem, Event
from common.dates import as_day_number
from geography.models import Area, Route


def test_seed_corpus_audits_clean(seed):
    # Every kind of finding counts, "no evidence" included: each seed citation quotes its passage.
    assert [str(finding) for finding in corpus_audit()] == []


def test_seed_corpus_loads_twice_without_change(seed):
    assert not corpus_load(path=settings.CORPUS_DIR).changed


def test_seed_corpus_is_complete_rather_than_sampled(seed):
    assert Event.objects.published().count() >= 70
    first, last = Event.objects.chronological().first(), Event.objects.order_by("-day_start").first()
    assert first.day_start <= as_day_number(dt.date(1917, 12, 31))
    assert last.day_start >= as_day_number(dt.date(1924, 1, 1))


@pytest.mark.parametrize(
    "day",
    [
        dt.date(1918, 3, 3),  # Brest-Litovsk
        dt.date(1921, 3, 16),  # Treaty of Moscow
        dt.date(1921, 10, 13),  # Treaty of Kars
    ],
)
def test_the_treaties_stand_on_their_days(seed, day):
    assert Event.objects.filter(category="treaty", day_start=as_day_number(day), day_end=as_day_number(day)).exists()


def test_the_stalin_interview_is_dated_and_its_contradiction_explained(seed):
    interview = Event.objects.filter(people__slug__icontains="stalin", places__slug="baku", category="report")
    assert interview.exists()
    assert any(event.note.get("en") and event.note.get("tr") for event in interview)


def test_aid_roads_and_aid_lines_are_there(seed):
    aid_routes = Route.objects.filter(purpose="aid")
    assert aid_routes.count() >= 3
    assert all(route.stops.count() >= 2 for route in aid_routes)
    kinds = {row["kind"] for row in AidItem.objects.totals()}
    assert {"gold_rubles", "rifles"} <= kinds


# The article's figures (Tekinsoy 2025, in ../shared/seed/000_8f6f189f1a3ab91c.txt), typed here from the
# article and never from the corpus, so that the corpus's lines must add up to them.
ARTICLE_AID_TOTALS = {
    # l. 696-697: "Millî Mücadele boyunca Sovyetlerden on bir milyon altın ruble ile yüz bin lira değerinde
    # külçe altın yardımı alınmıştır."
    ("soviet-russia", "gold_rubles", "delivered", "gold rubles"): 11_000_000,
    ("soviet-russia", "gold_bullion", "delivered", "lira (value)"): 100_000,
    # l. 698-700: "dört tümene yetecek 37.812 tüfek, 324 makineli tüfek, 66 top ve bunların cephaneleri"
    ("soviet-russia", "rifles", "delivered", "rifles"): 37_812,
    ("soviet-russia", "machine_guns", "delivered", "machine guns"): 324,
    ("soviet-russia", "guns", "delivered", "guns (artillery pieces)"): 66,
    # l. 694-696: "Sovyetler ayrıca silah ve cephane yardımı yapmayı ve on milyon altın ruble vermeyi kabul
    # etmiştir." A promise, kept apart from what arrived.
    ("soviet-russia", "gold_rubles", "promised", "gold rubles"): 10_000_000,
    # l. 570: "Moskova’dan 5 milyon altın, asker, silah, cephane ve malzemenin talep edilmesi"
    ("soviet-russia", "gold", "requested", "gold (coin not named)"): 5_000_000,
    # l. 931-932: "Azerbaycan Hükümeti’nin ... 1 milyon altın ruble yardımda bulunmasında", a separate gift.
    ("azerbaijan-ssr", "gold_rubles", "delivered", "gold rubles"): 1_000_000,
}


def test_aid_totals_computed_from_the_lines_equal_the_articles_figures(seed):
    totals = {
        (row["donor__slug"], row["kind"], row["status"], row["unit"]): row["total"]
        for row in AidItem.objects.filter(event__status="published").totals()
    }
    assert totals == ARTICLE_AID_TOTALS


def test_the_eleven_million_is_one_stated_line_and_one_derived_remainder(seed):
    soviet_gold = AidItem.objects.filter(donor__slug="soviet-russia", kind="gold_rubles", status="delivered")
    derived = soviet_gold.get(derived=True)
    assert not derived.approximate
    assert "11" in derived.note["en"] and "1,000,000" in derived.note["en"]
    assert soviet_gold.filter(derived=False).count() == 1


def test_every_seed_aid_line_names_donor_recipient_and_quotes_its_figure(seed):
    lines = AidItem.objects.all()
    assert lines.count() >= 9
    assert not lines.filter(donor=None).exists() and not lines.filter(recipient=None).exists()
    assert not lines.filter(evidence="").exists()


def test_fronts_are_marked_approximate(seed):
    fronts = Area.objects.filter(kind="front")
    assert fronts.exists()
    assert all(area.approximate for area in fronts)


def test_the_interviews_other_datings_are_kept_with_their_sources(seed):
    interview = Event.objects.get(
        people__slug="joseph-stalin", places__slug="baku", category="diplomacy", significance=3
    )
    readings = {alt.date: [c.source.kind for c in alt.citations.all()] for alt in interview.alternatives.all()}
    assert readings == {"1920-08-12": ["article"], "1920-12-04": ["archive"]}
    assert interview.day_start <= as_day_number(dt.date(1920, 11, 5)) <= interview.day_end
