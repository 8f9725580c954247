from django.core.management import call_command

from chronology.models import Event


def _snapshot():
    return list(Event.objects.order_by("slug").values_list("slug", "date", "category", "significance"))


def test_generate_corpus_is_deterministic_and_replaces_the_previous_one(db):
    call_command("generate_corpus", events=40, seed=7)
    first = _snapshot()
    call_command("generate_corpus", events=40, seed=7)
    assert _snapshot() == first
    assert len(first) == 40
    call_command("generate_corpus", events=40, seed=8)
    assert _snapshot() != first


def test_generated_events_are_published_cited_and_placed(db, api):
    call_command("generate_corpus", events=25, seed=1)
    items = api.get("/api/v1/events/").json()
    assert len(items) == 25
    assert all(item["citations"] and item["places"] for item in items)
