from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.audit import corpus_audit
from chronology.models import AlternativeDating, Event, EventPlace
from sources.models import Citation
from tests.factories import make_event, make_person, make_place, make_route, make_source


def findings():
    return [str(f) for f in corpus_audit()]


def test_clean_data_audits_clean(db):
    place = make_place()
    make_event(places=[place], people=[make_person()])
    assert findings() == []


def test_audit_names_each_problem_by_slug(db):
    place = make_place(slug="kars")
    make_event(slug="uncited", places=[place], sources=[])
    make_event(slug="nowhere")
    make_event(slug="english-missing", places=[place], summary={"tr": "Yalnız Türkçe."})
    make_source(slug="never-cited")
    make_route(slug="one-stop", stops=[place])
    make_place(slug="null-island", latitude=0, longitude=0)
    result = findings()
    assert "uncited: event uncited: cites no source" in result
    assert "not on the map: event nowhere: has no place" in result
    assert "missing translation: event english-missing: summary has no en" in result
    assert "unused: source never-cited: nothing refers to it" in result
    assert "dangling: route one-stop: has fewer than two stops" in result
    assert any(f.startswith("no coordinates: place null-island") for f in result)


def test_audit_names_citations_that_quote_no_passage(db):
    place = make_place()
    quoted = make_event(slug="quoted", places=[place])
    bare = make_event(slug="bare", places=[place], sources=[])
    Citation.objects.create(owner=bare, source=make_source(label="Bayur, 1991"), locator="s. 12")
    alternative = AlternativeDating.objects.create(event=quoted, date="1920-08-12")
    Citation.objects.create(owner=alternative, source=quoted.citations.get().source, locator="s. 200")
    assert [f for f in findings() if f.startswith("no evidence")] == [
        "no evidence: event bare: its citation of Bayur, 1991, s. 12 quotes no passage",
        f"no evidence: event quoted: its alternative 1920-08-12 cites {quoted.citations.get().source.label}, "
        "s. 200, quoting no passage",
    ]


def test_audit_names_citations_whose_record_is_gone(db):
    event = make_event(slug="kept", places=[make_place()])
    gone = event.pk + 1000  # as a raw SQL delete of its event would leave it
    orphan = Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Event), object_id=gone, source=make_source(label="Bayur, 1991")
    )
    assert [f for f in findings() if f.startswith("dangling")] == [
        f"dangling: citation {orphan.pk}: of Bayur, 1991 belongs to event {gone}, which is gone"
    ]


def test_audit_command_fails_when_there_are_findings(db, capsys):
    make_event(slug="nowhere")
    try:
        call_command("audit_corpus")
    except CommandError as error:
        assert "1 finding" in str(error)
    else:
        raise AssertionError("audit_corpus should fail")
    assert "event nowhere" in capsys.readouterr().out


def test_audit_names_aid_lines_without_donor_recipient_or_evidence_and_unused_actors(db):
    from chronology.models import Actor, AidItem

    moscow = Actor.objects.create(slug="moscow", name={"tr": "Moskova", "en": "Moscow"})
    Actor.objects.create(slug="nobody", name={"tr": "Kimse", "en": "Nobody"})
    event = make_event(slug="gold", places=[make_place()])
    source = make_source()
    # A line as the migration leaves an older one: no donor or recipient yet.
    AidItem.objects.create(event=event, kind="gold_rubles", quantity=1000, unit="rubles", source=source)
    AidItem.objects.create(
        event=event, donor=moscow, recipient=None, kind="rifles", quantity=5, unit="rifles", source=source, evidence="5"
    )
    result = findings()
    assert "unattributed aid: event gold: its aid line of 1000 gold_rubles names no donor and recipient" in result
    assert "unattributed aid: event gold: its aid line of 5 rifles names no recipient" in result
    assert "no evidence: event gold: its aid line of 1000 gold_rubles quotes no passage for its figure" in result
    assert not any("5 rifles quotes no passage" in finding for finding in result)
    assert "unused: actor nobody: nothing refers to it" in result
    assert not any("actor moscow" in finding for finding in result)


def test_audit_names_an_event_pinned_twice_without_a_reason_and_a_journey_without_an_end(db):
    ankara, moscow, kars = (make_place(slug=slug) for slug in ("ankara", "moscow", "kars"))
    make_event(slug="everywhere", places=[ankara, moscow])
    make_event(slug="explained", places=[ankara, kars], place_note={"tr": "İki cephe.", "en": "Two fronts."})
    journey = make_event(slug="one-way")
    EventPlace.objects.create(event=journey, place=ankara, role="departed_from")
    treaty = make_event(slug="signed")
    EventPlace.objects.create(event=treaty, place=moscow, role="signed_at")
    EventPlace.objects.create(event=treaty, place=kars, role="concerns")
    result = findings()
    assert (
        "pinned twice: event everywhere: is pinned at ankara, moscow: give the others another role (concerns, …) "
        "or say in place_note why it happened at each"
    ) in result
    assert "half a journey: event one-way: is a journey with 0 places arrived_at: give it one" in result
    assert not [f for f in result if "event explained" in f or "event signed" in f]


def test_audit_names_a_discrepancy_that_shows_only_one_side(db):
    from sources.models import Discrepancy

    event = make_event(slug="one-sided", places=[make_place()])
    source = make_source()
    one_sided = Discrepancy.objects.create(owner=event, note={"en": "The source gives two dates.", "tr": "İki tarih."})
    Citation.objects.create(owner=one_sided, source=source, locator="s. 1", evidence="On 5 November.")
    Citation.objects.create(owner=one_sided, source=source, locator="s. 2", evidence="")
    assert findings() == [
        "one-sided discrepancy: event one-sided: its discrepancy #1 quotes 1 passage(s): "
        "quote each passage that disagrees, with its source"
    ]
    Citation.objects.filter(evidence="").update(evidence="On 12 August.")
    assert findings() == []
