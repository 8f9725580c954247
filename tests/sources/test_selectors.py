"""Citations read for many owners at once, in their order, without one owner's leaking into another's."""

from chronology.models import AlternativeDating, Event
from geography.models import Area
from sources.models import Citation
from sources.selectors import citations_by_owner
from tests.factories import make_area, make_event, make_place, make_route, make_source


def test_citations_come_grouped_by_owner_in_order_in_one_query(db, django_assert_num_queries):
    bayur, tekinsoy = make_source(label="Bayur, 1991"), make_source(label="Tekinsoy, 2025")
    first, second = make_event(sources=[]), make_event(sources=[])
    Citation.objects.create(owner=first, source=tekinsoy, locator="s. 2", position=1)
    Citation.objects.create(owner=first, source=bayur, locator="s. 1", position=0, evidence="…", locator_estimated=True)
    Citation.objects.create(owner=second, source=bayur, locator="s. 9")
    # An alternative dating whose id equals an event's must not lend it its citations.
    alternative = AlternativeDating.objects.create(event=second, date="1920", pk=first.pk)
    Citation.objects.create(owner=alternative, source=tekinsoy, locator="s. 99")
    with django_assert_num_queries(1):
        cited = citations_by_owner(Event, Event.objects.values("pk"))
    assert cited == {
        first.pk: [
            {
                "source": bayur.slug,
                "label": "Bayur, 1991",
                "locator": "s. 1",
                "evidence": "…",
                "locator_estimated": True,
            },
            {
                "source": tekinsoy.slug,
                "label": "Tekinsoy, 2025",
                "locator": "s. 2",
                "evidence": "",
                "locator_estimated": False,
            },
        ],
        second.pk: [
            {
                "source": bayur.slug,
                "label": "Bayur, 1991",
                "locator": "s. 9",
                "evidence": "",
                "locator_estimated": False,
            }
        ],
    }
    assert [c["locator"] for c in citations_by_owner(AlternativeDating, [alternative.pk])[alternative.pk]] == ["s. 99"]


def test_a_single_route_and_area_carry_their_citations(db, api):
    route = make_route(slug="road", stops=[make_place(), make_place()])
    area = make_area(slug="front")
    Citation.objects.create(owner=route, source=make_source(slug="bayur"), locator="s. 12")
    Citation.objects.create(owner=area, source=make_source(slug="tekinsoy"), locator="s. 193")
    assert [c["source"] for c in api.get("/api/v1/routes/road/").json()["properties"]["citations"]] == ["bayur"]
    assert [c["source"] for c in api.get("/api/v1/areas/front/").json()["properties"]["citations"]] == ["tekinsoy"]


def test_deleting_an_area_deletes_its_citations(db):
    area = make_area()
    Citation.objects.create(owner=area, source=make_source(), locator="s. 1")
    Area.objects.filter(pk=area.pk).delete()
    assert not Citation.objects.exists()
