"""Moving citations to the sources app keeps every citation, on its record, in its order."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Geography before its day-number bounds too: the old models here still have date columns.
BEFORE = [
    ("chronology", "0002_calendars_disputes_relative_dates"),
    ("geography", "0002_placename_order_nulls_first"),
    ("sources", None),
]
AFTER = [("chronology", "0003_citations_to_sources"), ("sources", "0002_source_table")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_old_citations_move_to_their_records_with_their_sources():
    old = migrate(BEFORE)
    try:
        source = old.get_model("chronology", "Source").objects.create(slug="bayur", kind="book", label="Bayur, 1991")
        event = old.get_model("chronology", "Event").objects.create(
            slug="moscow-treaty", title={"en": "Treaty"}, summary={"en": "S."}, category="treaty"
        )
        alternative = old.get_model("chronology", "AlternativeDating").objects.create(event=event, date="1921-03")
        route = old.get_model("geography", "Route").objects.create(
            slug="road", name={"en": "Road"}, mode="road", purpose="aid"
        )
        area = old.get_model("geography", "Area").objects.create(
            slug="front", name={"en": "Front"}, kind="front", geometry={"type": "Point", "coordinates": [43, 40]}
        )
        old.get_model("chronology", "AidItem").objects.create(
            event=event, kind="rifles", quantity=10, unit="pieces", source=source
        )
        citation = old.get_model("chronology", "Citation").objects
        citation.create(event=event, source=source, locator="s. 2", position=1)
        citation.create(event=event, source=source, locator="s. 1", position=0, note={"en": "first"})
        citation.create(alternative=alternative, source=source, locator="s. 9")
        citation.create(route=route, source=source, locator="s. 12")
        citation.create(area=area, source=source, locator="s. 13")

        new = migrate(AFTER)
        moved = {
            (row.content_type.model, row.object_id, row.locator, row.position, row.source.slug, str(row.note))
            for row in new.get_model("sources", "Citation").objects.select_related("content_type", "source")
        }
        assert moved == {
            ("event", event.pk, "s. 2", 1, "bayur", "{}"),
            ("event", event.pk, "s. 1", 0, "bayur", "{'en': 'first'}"),
            ("alternativedating", alternative.pk, "s. 9", 0, "bayur", "{}"),
            ("route", route.pk, "s. 12", 0, "bayur", "{}"),
            ("area", area.pk, "s. 13", 0, "bayur", "{}"),
        }
        assert new.get_model("chronology", "AidItem").objects.get().source.label == "Bayur, 1991"
        assert "sources_source" in connection.introspection.table_names()
        assert "chronology_citation" not in connection.introspection.table_names()
    finally:
        migrate_to_latest()


def migrate_to_latest():
    """Leave the schema as the other tests expect it: every app at its newest migration."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
