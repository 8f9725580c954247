"""Collections: several atlases on one site. The seed is one of them and is untouched by imports into
another; every list narrows to a collection; a curator given one collection cannot reach another's events."""

from pathlib import Path

import pytest
from django.urls import reverse

from chronology.models import SEED_COLLECTION, Collection, Event
from lessons.models import Lesson
from tests.factories import make_event, make_source

SAMPLE = Path("/work/shared/samples/timelinejs/women_in_computing.json")
SEED_BODIES = ["/api/v1/events/", "/api/v1/event-index/", "/api/v1/categories/", "/api/v1/lessons/"]


def test_the_collections_list_gives_each_title_and_page(db, client):
    Collection.objects.create(slug="computing", title={"en": "Women in computing"}, extent=[-10, 30, 40, 60])
    listed = {row["slug"]: row for row in client.get("/api/v1/collections/", {"lang": "en"}).json()}
    assert listed[SEED_COLLECTION]["url"] == "/"  # the seed keeps its address
    assert listed["computing"]["title"] == "Women in computing"
    assert listed["computing"]["url"] == "/?collection=computing"
    assert listed["computing"]["extent"] == [-10, 30, 40, 60]


def test_every_list_narrows_to_the_collection_asked(db, client):
    other = Collection.objects.create(slug="computing", title={"en": "Computing"})
    make_event(slug="moscow-treaty", category="treaty")
    make_event(slug="eniac", category="invention", collection=other)
    Lesson.objects.create(slug="treaties", title={"en": "Treaties"}, status="published")
    Lesson.objects.create(slug="programmers", title={"en": "Programmers"}, status="published", collection=other)

    def slugs(url, collection):
        body = client.get(url, {"collection": collection}).json()
        return sorted(body["slug"]) if "format" in body else sorted(row["slug"] for row in body)

    assert slugs("/api/v1/events/", "computing") == ["eniac"]
    assert slugs("/api/v1/events/", SEED_COLLECTION) == ["moscow-treaty"]
    assert slugs("/api/v1/event-index/", "computing") == ["eniac"]
    assert slugs("/api/v1/categories/", "computing") == ["invention"]
    assert slugs("/api/v1/lessons/", "computing") == ["programmers"]
    assert slugs("/api/v1/events/", "") != []  # not asked: every collection, as before
    assert sorted(row["slug"] for row in client.get("/api/v1/events/").json()) == ["eniac", "moscow-treaty"]


@pytest.mark.parametrize("url", SEED_BODIES)
def test_an_unknown_collection_is_a_clear_400(db, client, url):
    response = client.get(url, {"collection": "atlantis"})
    assert response.status_code == 400
    assert "collection" in response.json()


@pytest.fixture
def curator_of_b(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("b-curator", "b@example.org", "secret-pass", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_event", "change_event", "add_event"]))
    b = Collection.objects.create(slug="b", title={"en": "B"})
    b.curators.add(user)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client, b


def test_a_curator_of_one_collection_cannot_see_or_edit_another(db, curator_of_b):
    client, b = curator_of_b
    a_event = make_event(slug="moscow-treaty")  # the seed collection's
    b_event = make_event(slug="eniac", collection=b)
    listed = client.get(reverse("admin:chronology_event_changelist"))
    assert [event.slug for event in listed.context["cl"].result_list] == ["eniac"]
    # Another collection's event is not there to open, nor to change.
    opened = client.get(reverse("admin:chronology_event_change", args=[a_event.pk]))
    assert opened.status_code == 302  # Django's "does not exist" redirect to the admin index
    assert client.get(reverse("admin:chronology_event_change", args=[b_event.pk])).status_code == 200
    choices = client.get(reverse("admin:chronology_event_add")).context["adminform"].form.fields["collection"]
    assert list(choices.queryset) == [b]


def test_a_corpus_with_a_collection_header_loads_into_that_collection(db, tmp_path):
    from chronology.corpus import corpus_load
    from tests.factories import make_category

    make_category(slug="invention")
    make_source(slug="light-1999")
    (tmp_path / "corpus.yaml").write_text(
        "collection:\n  slug: computing\n  title: {en: Women in computing}\n"
        "  introduction: {en: Who wrote the first programs.}\n"
        "events:\n- slug: eniac\n  title: {en: ENIAC}\n  summary: {en: The first programmers.}\n  date: 1946-02-14\n"
        "  category: invention\n  citations:\n  - {source: light-1999, locator: p. 455}\n",
        encoding="utf-8",
    )
    corpus_load(path=tmp_path)
    collection = Collection.objects.get(slug="computing")
    assert collection.introduction == {"en": "Who wrote the first programs."}
    assert Event.objects.get(slug="eniac").collection == collection


def test_a_collection_header_without_a_slug_is_refused_saying_what_to_write(db, tmp_path):
    from chronology.corpus import CorpusInvalid, corpus_load

    (tmp_path / "corpus.yaml").write_text("collection:\n  title: {en: No slug}\n", encoding="utf-8")
    with pytest.raises(CorpusInvalid, match="mapping with a slug"):
        corpus_load(path=tmp_path)
    assert not Collection.objects.filter(title={"en": "No slug"}).exists()


def test_an_import_into_one_collection_never_changes_another_collections_event(db):
    import json

    from interchange.planning import import_plan
    from interchange.services import ImportRejected, events_import

    seed_event = make_event(slug="moscow-treaty")
    slide = {"unique_id": "moscow-treaty", "start_date": {"year": "1946"}, "text": {"headline": "ENIAC", "text": "x"}}
    plan = import_plan(source=json.dumps({"events": [slide]}).encode(), format="timelinejs", language="en")
    with pytest.raises(ImportRejected) as refused:
        events_import(plan=plan, dry_run=False, collection="computing")
    assert "is an event of the collection 'turk-sovyet'" in "\n".join(refused.value.report.lines())
    seed_event.refresh_from_db()
    assert seed_event.collection.slug == SEED_COLLECTION and seed_event.title["en"] == "Event moscow-treaty"
    assert not Collection.objects.filter(slug="computing").exists()  # rolled back with the refused file


def test_a_curator_reads_and_edits_a_collections_eras_on_its_page(admin_client):
    from chronology.models import Era

    universe = Collection.objects.create(slug="universe", title={"en": "The universe"})
    Era.objects.create(collection=universe, date="Y-4600000000/Y-538800000", title={"en": "Precambrian"})

    page = admin_client.get(reverse("admin:chronology_collection_change", args=[universe.pk])).content.decode()

    assert 'value="Y-4600000000/Y-538800000"' in page and "Precambrian" in page
