from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.audit import corpus_audit
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


def test_audit_command_fails_when_there_are_findings(db, capsys):
    make_event(slug="nowhere")
    try:
        call_command("audit_corpus")
    except CommandError as error:
        assert "1 finding" in str(error)
    else:
        raise AssertionError("audit_corpus should fail")
    assert "event nowhere" in capsys.readouterr().out
