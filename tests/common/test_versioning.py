"""The data version moves once per committed change, whatever path the change took, and only for data."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import transaction

from chronology.models import Event
from chronology.services import corpus_generate, event_publish
from common import versioning
from common.versioning import data_version
from geography.models import Place
from sources.models import Citation
from tests.factories import make_event, make_place, make_source


@pytest.fixture
def bumps(db):
    """How many times the version moved since the fixture was taken (reading it starts a new count)."""
    start = data_version()
    return lambda: data_version() - start


def test_setting_a_many_to_many_bumps_once_not_once_per_statement(bumps):
    event = make_event()
    kars, gyumri = make_place(), make_place()
    event.places.set([kars])
    counted = bumps()
    event.places.set([gyumri])  # a removal and an addition: four signals, two statements
    assert bumps() == counted + 1


def test_adding_to_a_many_to_many_bumps(bumps):
    event, kars = make_event(), make_place()
    before = bumps()
    event.places.add(kars)
    assert bumps() == before + 1


def test_bulk_writes_bump_without_being_told(bumps):
    event = make_event(status="draft")
    before = bumps()
    Event.objects.filter(pk=event.pk).update(significance=3)
    assert bumps() == before + 1
    Place.objects.bulk_create([Place(slug="kars", name={"en": "Kars"}, latitude=40.6, longitude=43.1)])
    assert bumps() == before + 2


def test_many_writes_in_one_transaction_bump_once(bumps):
    with transaction.atomic():
        for slug in ("kars", "baku", "gyumri"):
            make_place(slug=slug)
        make_event(places=list(Place.objects.all()))
    assert bumps() == 1


def test_a_rolled_back_savepoint_takes_its_bump_with_it_and_the_next_write_bumps(bumps):
    with transaction.atomic():
        try:
            with transaction.atomic():
                make_place(slug="kars")
                raise RuntimeError("curator cancels")
        except RuntimeError:
            pass
        assert bumps() == 0
        make_place(slug="baku")
    assert bumps() == 1


def test_a_write_after_a_read_in_the_same_transaction_bumps_again(bumps):
    # A list cached under the number read in between must not survive the second write.
    with transaction.atomic():
        make_place(slug="kars")
        assert bumps() == 1
        make_place(slug="baku")
        assert bumps() == 2


def test_writes_outside_the_registered_apps_do_not_bump(bumps):
    User.objects.create_user("reader")
    assert bumps() == 0


def test_each_data_app_registers_itself(db):
    # With the admin's log and reversion's history, which cached admin pages show (common/apps.py).
    assert versioning.registered_apps() == {"geography", "chronology", "sources", "lessons", "admin", "reversion"}
    assert "common" not in versioning.registered_apps() and apps.is_installed("common")


def test_citing_a_source_bumps(bumps):
    event, source = make_event(), make_source()
    before = bumps()
    Citation.objects.create(owner=event, source=source, locator="s. 1")
    assert bumps() == before + 1


def test_publishing_sets_updated_at_and_bumps_once(bumps):
    drafts = [make_event(status="draft"), make_event(status="draft")]
    stamps = {event.pk: event.updated_at for event in drafts}
    before = bumps()
    assert event_publish(events=Event.objects.filter(pk__in=stamps)) == 2
    assert bumps() == before + 1
    for event in Event.objects.filter(pk__in=stamps):
        assert event.status == "published" and event.updated_at > stamps[event.pk]


def test_generating_a_corpus_in_bulk_bumps_once(bumps):
    corpus_generate(events=5, seed=1)
    assert bumps() == 1
