"""The data epoch changes with every write to the atlas's data, by whatever path, and only for data; a
rollback takes the change back with the write (common/epoch.py)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import close_old_connections, connection, transaction

from chronology.models import Event
from chronology.services import corpus_generate, event_publish
from common import epoch
from common.epoch import data_epoch
from geography.models import Place
from sources.models import Citation
from tests.factories import make_event, make_place, make_source


@pytest.fixture
def moved(db):
    """Whether the epoch is another than the last time this was asked (or than when the fixture was taken)."""
    last = [data_epoch()]

    def ask() -> bool:
        now = data_epoch()
        changed, last[0] = now != last[0], now
        return changed

    return ask


def test_every_write_path_moves_the_epoch(moved):
    event = make_event(status="draft")
    assert moved()
    kars, gyumri = make_place(), make_place()
    assert moved()
    event.places.set([kars])
    assert moved()
    event.places.set([gyumri])
    assert moved()
    Event.objects.filter(pk=event.pk).update(significance=3)
    assert moved()
    Place.objects.bulk_create([Place(slug="van", name={"en": "Van"}, latitude=38.5, longitude=43.4)])
    assert moved()
    Citation.objects.create(owner=event, source=make_source(), locator="s. 1")
    assert moved()
    Place.objects.filter(slug="van").delete()
    assert moved()


def test_raw_sql_through_djangos_connection_moves_the_epoch(moved):
    make_event()
    moved()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE chronology_event SET significance = significance + 1")
    assert moved()
    with connection.cursor() as cursor:
        # PostgreSQL's TRUNCATE (its own trigger event); SQLite has none, and deletes.
        if connection.vendor == "postgresql":
            # The test's one transaction still holds the event's deferred foreign-key checks, which TRUNCATE
            # refuses to run past; a real TRUNCATE runs in its own transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "TRUNCATE chronology_event CASCADE" if connection.vendor == "postgresql" else "DELETE FROM chronology_event"
        )
    assert moved()


def test_a_rolled_back_write_takes_its_epoch_back(moved):
    before = data_epoch()
    with transaction.atomic():
        try:
            with transaction.atomic():
                make_place(slug="kars")
                assert data_epoch() != before  # the transaction sees its own write's epoch
                raise RuntimeError("curator cancels")
        except RuntimeError:
            pass
        assert data_epoch() == before
        make_place(slug="baku")
    assert data_epoch() != before


def test_a_write_after_a_read_in_the_same_transaction_moves_it_again(moved):
    # A list cached under the epoch read in between must not be the answer after the second write.
    with transaction.atomic():
        make_place(slug="kars")
        assert moved()
        make_place(slug="baku")
        assert moved()


def test_writes_outside_the_atlas_data_leave_it(moved):
    User.objects.create_user("reader")
    assert not moved()


def test_each_data_app_registers_itself(db):
    assert epoch.registered_apps() == {"geography", "chronology", "sources", "lessons"}
    assert "common" not in epoch.registered_apps() and apps.is_installed("common")
    watched = set(epoch.watched_tables(connection))
    # Every table of each registered app, many-to-many ones included, and nothing else.
    expected = {
        model._meta.db_table
        for label in epoch.registered_apps()
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    assert watched == expected


def test_publishing_and_generating_move_it(moved):
    drafts = [make_event(status="draft"), make_event(status="draft")]
    stamps = {event.pk: event.updated_at for event in drafts}
    moved()
    assert event_publish(events=Event.objects.filter(pk__in=stamps)) == 2
    assert moved()
    for event in Event.objects.filter(pk__in=stamps):
        assert event.status == "published" and event.updated_at > stamps[event.pk]
    corpus_generate(events=5, seed=1)
    assert moved()


def test_migrating_installs_the_triggers_and_gives_a_new_epoch(moved):
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS chronoatlas_epoch ON geography_place"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER IF EXISTS chronoatlas_epoch_geography_place_insert"
        )
    make_place(slug="unwatched")
    assert not moved()  # the proof that the trigger, nothing in Python, moves it
    epoch.after_migrate(apps.get_app_config("common"), using="default")
    assert moved()
    make_place(slug="watched-again")
    assert moved()


# Only PostgreSQL ends a connection under a running app (a restart); SQLite's file has no server to lose.
# CI runs on PostgreSQL.
if connection.vendor == "postgresql":

    @pytest.mark.django_db(transaction=True)
    def test_a_cached_answer_after_the_database_dropped_the_connection_is_answered_on_a_new_one(client):
        """The epoch's read stands in for Django's health check on a kept connection: when the database has
        ended that connection between two requests (a restart), the next reader still gets the list."""
        make_place()
        assert client.get("/api/v1/places/").status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        killer = connection.copy()
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        killer.close()
        close_old_connections()  # what a request's start does under a server (Django's test client skips it)
        answer = client.get("/api/v1/places/")
        assert answer.status_code == 200
        assert len(answer.json()["features"]) == 1
