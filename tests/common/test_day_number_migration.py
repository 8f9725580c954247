"""Bounds stored as dates become day numbers: every dated row keeps its days through the migration."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from common.dates import day_number

BEFORE = [
    ("chronology", "0008_event_labels"),
    ("geography", "0002_placename_order_nulls_first"),
    ("sources", "0002_source_table"),
]
AFTER = [
    ("chronology", "0009_day_number_bounds"),
    ("geography", "0003_day_number_bounds"),
    ("sources", "0003_day_number_bounds"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _dated_rows(apps):
    """One row of every dated model, with dates as the old columns held them (one undated)."""
    D = dt.date
    source = apps.get_model("sources", "Source").objects.create(
        slug="bayur", kind="book", label="Bayur", date="1991", date_start=D(1991, 1, 1), date_end=D(1991, 12, 31)
    )
    event = apps.get_model("chronology", "Event").objects.create(
        slug="kars", title={"en": "Kars"}, summary={"en": "S."}, category="treaty", date="1921-10-13",
        date_start=D(1921, 10, 13), date_end=D(1921, 10, 13),
    )  # fmt: skip
    alternative = apps.get_model("chronology", "AlternativeDating").objects.create(
        event=event, date="1921-10", date_start=D(1921, 10, 1), date_end=D(1921, 10, 31)
    )
    place = apps.get_model("geography", "Place").objects.create(
        slug="gyumri", name={"en": "Gyumri"}, kind="town", latitude=40.8, longitude=43.8
    )
    name = apps.get_model("geography", "PlaceName").objects.create(
        place=place, name="Leninakan", date="1924/1990", date_start=D(1924, 1, 1), date_end=D(1990, 12, 31)
    )
    undated = apps.get_model("geography", "PlaceName").objects.create(place=place, name="Gümrü")
    route = apps.get_model("geography", "Route").objects.create(
        slug="road", name={"en": "Road"}, mode="road", purpose="aid", date="1920-11/..", date_start=D(1920, 11, 1)
    )
    status = apps.get_model("geography", "RouteStatus").objects.create(
        route=route, status="open", date="../1921-03", date_end=D(1921, 3, 31)
    )
    area = apps.get_model("geography", "Area").objects.create(
        slug="front", name={"en": "Front"}, kind="front", geometry={"type": "Point", "coordinates": [43, 40]},
        date="0001-01-01/9999-12-31", date_start=D(1, 1, 1), date_end=D(9999, 12, 31),
    )  # fmt: skip
    return {
        ("sources", "Source", source.pk): (day_number(1991, 1, 1), day_number(1991, 12, 31)),
        ("chronology", "Event", event.pk): (day_number(1921, 10, 13), day_number(1921, 10, 13)),
        ("chronology", "AlternativeDating", alternative.pk): (day_number(1921, 10, 1), day_number(1921, 10, 31)),
        ("geography", "PlaceName", name.pk): (day_number(1924, 1, 1), day_number(1990, 12, 31)),
        ("geography", "PlaceName", undated.pk): (None, None),
        ("geography", "Route", route.pk): (day_number(1920, 11, 1), None),
        ("geography", "RouteStatus", status.pk): (None, day_number(1921, 3, 31)),
        ("geography", "Area", area.pk): (day_number(1, 1, 1), day_number(9999, 12, 31)),
    }


@pytest.mark.django_db(transaction=True)
def test_every_dated_row_keeps_its_days_as_day_numbers_and_back():
    try:
        old = migrate(BEFORE)
        expected = _dated_rows(old)
        old_dates = {
            key: tuple(old.get_model(*key[:2]).objects.filter(pk=key[2]).values_list("date_start", "date_end").get())
            for key in expected
        }

        new = migrate(AFTER)
        found = {
            key: tuple(new.get_model(*key[:2]).objects.filter(pk=key[2]).values_list("day_start", "day_end").get())
            for key in expected
        }
        assert found == expected

        back = migrate(BEFORE)
        restored = {
            key: tuple(back.get_model(*key[:2]).objects.filter(pk=key[2]).values_list("date_start", "date_end").get())
            for key in expected
        }
        assert restored == old_dates
    finally:
        migrate_to_latest()
