"""The seed collection is unchanged by an import into another: its API bodies stay byte-identical."""

import io
from pathlib import Path

from django.core.management import call_command

from chronology.models import SEED_COLLECTION, Collection, Event
from common.response_cache import forget_recent_bodies

SAMPLE = Path("/work/shared/samples/timelinejs/women_in_computing.json")
SEED_BODIES = ["/api/v1/events/", "/api/v1/event-index/", "/api/v1/categories/", "/api/v1/lessons/"]


def _bodies(client, collection):
    forget_recent_bodies()
    return {url: client.get(url, {"collection": collection}).content for url in SEED_BODIES}


def test_an_import_into_another_collection_leaves_the_seed_collection_byte_identical(seed, client):
    before = _bodies(client, SEED_COLLECTION)
    assert b"moscow" in before["/api/v1/event-index/"].lower()
    seed_events = Event.objects.filter(collection__slug=SEED_COLLECTION).count()

    said = io.StringIO()
    call_command("import_events", str(SAMPLE), "--collection", "women-in-computing", "--publish", stdout=said)
    assert "10 created" in said.getvalue()

    women = Collection.objects.get(slug="women-in-computing")
    assert women.events.count() == 10  # every slide of the file
    assert _bodies(client, SEED_COLLECTION) == before
    assert Event.objects.filter(collection__slug=SEED_COLLECTION).count() == seed_events
    index = client.get("/api/v1/event-index/", {"collection": "women-in-computing"}).json()
    assert index["count"] == women.events.count()
    assert not set(index["slug"]) & set(
        Event.objects.filter(collection__slug=SEED_COLLECTION).values_list("slug", flat=True)
    )
