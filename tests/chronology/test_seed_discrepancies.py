"""The article's own inconsistencies (issue 18): each is shown beside the event it touches, with every passage
that disagrees quoted from the article (test_seed_evidence.py checks the words are there), in the API and in
both languages."""

import pytest

from chronology.models import Event
from sources.models import Discrepancy


def test_every_discrepancy_belongs_to_an_event_and_quotes_at_least_two_passages(seed):
    discrepancies = list(Discrepancy.objects.prefetch_related("citations"))
    # The inventory in docs/corpus-format.md lists each one; a curator who removes one says why there.
    assert len(discrepancies) >= 29
    events = set(Event.objects.values_list("pk", flat=True))
    for discrepancy in discrepancies:
        assert discrepancy.object_id in events and isinstance(discrepancy.owner, Event), discrepancy
        passages = [c.evidence for c in discrepancy.citations.all() if c.evidence]
        assert len(passages) >= 2, f"{discrepancy.owner.slug}: {discrepancy.note['en'][:60]}"
        assert discrepancy.note.get("tr") and discrepancy.note.get("en"), discrepancy.owner.slug


def test_each_events_discrepancies_reach_the_api_with_their_passages(seed, client):
    for event in Event.objects.filter(discrepancies__isnull=False).distinct():
        stored = [
            [c.evidence for c in d.citations.order_by("position", "id")]
            for d in event.discrepancies.order_by("position", "id")
        ]
        for lang in ("tr", "en"):
            shown = client.get(f"/api/v1/events/{event.slug}/", {"lang": lang}).json()["discrepancies"]
            assert [[c["evidence"] for c in d["citations"]] for d in shown] == stored, (event.slug, lang)
            assert all(d["note"] == stored_d.note[lang] for d, stored_d in zip(
                shown, event.discrepancies.order_by("position", "id"), strict=True))  # fmt: skip


@pytest.mark.parametrize(
    ("event", "one", "other"),
    [
        # The interview's date: the report's 5 November against the conclusion's 12 August.
        ("stalin-memduh-sevket-interview-1920", "5 Kasım 1920 tarihli rapordur", "12 Ağustos 1920 tarihinde"),
        # The report's own date against its archive reference.
        ("memduh-sevket-report-on-stalin-1920", "5 Kasım 1920 tarihli rapordur", "04.12.1920"),
        # Batum given up, the Pact's borders recognised, not an inch to be given.
        ("treaty-of-moscow-1921", "Batum’un Gürcistan’a", "Misak-ı Millî sınırlarını tanıyan"),
        ("mdivani-sent-to-ankara-1920", "Midivani adındaki elçisini", "Ekim 1920’de Ankara’ya elçi"),
        ("military-mission-sets-out-for-baku-1920", "Kazım Karabekir Paşa’nın başkanlığında", "18 Nisan 1920"),
        ("tkp-declaration-1920", "14 Temmuz 1920", "10 Eylül 1920"),
        ("first-battle-of-inonu-1921", "İnönü Muharebeleri kazanılmış", "5 Kasım 1920"),
        ("kars-taken-1920", "30 Ekim’de Kars", "hem Kars’ı hem de Tiflis’i"),
        ("soviet-aid-during-national-struggle", "on milyon altın ruble vermeyi", "on bir milyon altın ruble"),
        ("treaty-of-brest-litovsk", "Elviye-i Selase Osmanlı’ya bırakılmıştır", "bölge halkına bırakacağını"),
        # Georgia, Armenia and Azerbaijan occupied after Gümrü, against Soviet Azerbaijan of 28 April 1920.
        ("sovietisation-of-azerbaijan-1920", "Gürcistan’ı işgal ederek", "28 Nisan 1920’de Azerbaycan Sovyet"),
        ("soviet-guns-promised-summer-1920", "yardımların gönderilememesini", "bir milyon altın ruble ile silahı"),
        ("caucasus-islam-army-1918", "Binbaşı Nuri Beyi", "Nuri Paşa’nın başında"),
        ("treaty-of-sevres-1920", "Sevr Antlaşması ile birlikte", "26 Nisan 1920’de gönderdiği mektubunda"),
        ("official-turkish-communist-party-1920", "mülakatın yapıldığı süreçte zaten", "12 Ağustos 1920"),
    ],
)
def test_the_disagreements_a_teacher_would_meet_show_both_passages(seed, event, one, other):
    passages = [[c.evidence for c in d.citations.all()] for d in Event.objects.get(slug=event).discrepancies.all()]
    assert any(
        any(one in p for p in quoted) and any(other in p for p in quoted) and len(quoted) >= 2 for quoted in passages
    ), event
