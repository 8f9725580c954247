"""Migration 0016: the one media link an event had becomes its first medium, caption in its collection's
language, kind from the address; migrating back puts the link where it was."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("chronology", "0015_deep_time_eras")]
AFTER = [("chronology", "0016_event_media_items")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_events_link_becomes_its_first_medium_and_back():
    try:
        apps = migrate(BEFORE)
        Event = apps.get_model("chronology", "Event")
        english = apps.get_model("chronology", "Collection").objects.create(
            slug="women", title={"en": "W"}, languages=["en"]
        )
        apps.get_model("chronology", "Category").objects.get_or_create(
            slug="treaty", defaults={"name": {"en": "T"}, "colour": "#2b6cb0"}
        )
        fields = {"summary": {"en": "S."}, "category_id": "treaty", "date": "1921", "day_start": 0, "day_end": 0}
        Event.objects.create(
            slug="brutus", title={"en": "Brutus"}, collection=english, media_url="https://example.org/bust.jpg",
            media_caption="A bust", media_credit="Museum", **fields,
        )  # fmt: skip
        Event.objects.create(slug="plain", title={"en": "Plain"}, collection=english, **fields)

        apps = migrate(AFTER)
        [medium] = apps.get_model("chronology", "EventMedia").objects.all()
        assert (medium.event.slug, medium.kind, medium.url, medium.position) == (
            "brutus", "image", "https://example.org/bust.jpg", 0,
        )  # fmt: skip
        assert (medium.caption, medium.credit) == ({"en": "A bust"}, "Museum")

        apps = migrate(BEFORE)
        brutus = apps.get_model("chronology", "Event").objects.get(slug="brutus")
        assert (brutus.media_url, brutus.media_caption, brutus.media_credit) == (
            "https://example.org/bust.jpg", "A bust", "Museum",
        )  # fmt: skip
    finally:
        migrate_to_latest()
