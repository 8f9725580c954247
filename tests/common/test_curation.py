"""History, undo and two curators on one record: every change is recorded, restorable, and never overwritten."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from chronology.models import Event
from chronology.services import event_publish
from geography.models import Area, Place, Route
from sources.models import Citation, Source
from tests.admin_forms import admin_form_data
from tests.factories import make_area, make_event, make_place, make_route, make_source


@pytest.fixture
def alice(client, django_user_model):
    user = django_user_model.objects.create_superuser("alice", "alice@example.org", "unused-in-tests")
    client.force_login(user)
    client.cookies["django_language"] = "en"  # these tests read the English messages (the admin is Turkish first)
    return client


@pytest.fixture
def bob(django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_superuser("bob", "bob@example.org", "unused-in-tests"))
    client.cookies["django_language"] = "en"
    return client


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _edit(client, obj, **changes):
    """Open `obj`'s change form, change some fields, and save it; returns the response to the save."""
    data = admin_form_data(client.get(_change_url(obj)))
    data.update(changes)
    return client.post(_change_url(obj), data)


def test_a_change_in_the_admin_records_who_and_when_and_the_history_shows_it(alice):
    event = make_event(slug="kars-falls", title={"tr": "Kars düştü", "en": "Kars falls"})
    response = _edit(alice, event, title_1="The fall of Kars")
    assert response.status_code == 302
    version = Version.objects.get_for_object(event).first()
    assert version.revision.user.username == "alice"
    history = alice.get(reverse("admin:chronology_event_history", args=[event.pk]))
    assert history.status_code == 200 and "alice" in history.content.decode()


def test_the_diff_between_two_versions_shows_what_changed(alice):
    event = make_event(slug="kars-falls", title={"tr": "Kars düştü", "en": "Kars falls"})
    _edit(alice, event, title_1="Kars taken")
    _edit(alice, event, title_1="The fall of Kars")
    first, second = reversed(Version.objects.get_for_object(event)[:2])
    compare = alice.get(
        reverse("admin:chronology_event_compare", args=[event.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    text = compare.content.decode()
    assert compare.status_code == 200
    assert "Kars taken" in text and "The fall of Kars" in text
    # The Content-Security-Policy allows no inline styles: the diff's colours come from a static file.
    assert "<style" not in text and "reversion_compare.css" in text
    history = alice.get(reverse("admin:chronology_event_history", args=[event.pk])).content.decode()
    assert 'style="' not in history and 'name="version_id1"' in history


def test_restoring_a_version_brings_back_its_fields_and_its_citations_in_one_step(alice):
    event = make_event(slug="kars-falls", title={"tr": "Kars düştü", "en": "Kars falls"})
    _edit(alice, event, title_1="Kars falls")  # the version to return to: one citation
    good = Version.objects.get_for_object(event).first()
    extra = make_source(label="Wrong, 2001")
    with reversion.create_revision():
        Citation.objects.create(owner=event, source=extra, locator="s. 1", evidence="A mistaken passage.")
        event.title = {"tr": "Yanlış", "en": "Wrong"}
        event.save()
    revision_url = reverse("admin:chronology_event_revision", args=[event.pk, good.pk])
    response = alice.post(revision_url, admin_form_data(alice.get(revision_url)))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == {"tr": "Kars düştü", "en": "Kars falls"}
    assert not event.citations.filter(source=extra).exists()
    assert event.citations.count() == 1


def test_restoring_a_place_brings_back_its_historical_names(alice):
    place = make_place(slug="gyumri")
    place.names.create(name="Alexandropol", date="1837/1924")
    _edit(alice, place, longitude="43.85")
    good = Version.objects.get_for_object(place).first()
    with reversion.create_revision():
        place.names.all().delete()
    revision_url = reverse("admin:geography_place_revision", args=[place.pk, good.pk])
    assert alice.post(revision_url, admin_form_data(alice.get(revision_url))).status_code == 302
    assert list(place.names.values_list("name", flat=True)) == ["Alexandropol"]


def test_a_second_curator_saving_an_older_form_is_refused_and_the_first_change_kept(alice, bob):
    event = make_event(slug="kars-falls", title={"tr": "Kars düştü", "en": "Kars falls"})
    alices_form = admin_form_data(alice.get(_change_url(event)))
    assert _edit(bob, event, title_1="Kars taken by the Turkish army").status_code == 302
    alices_form["title_1"] = "The fall of Kars"
    response = alice.post(_change_url(event), alices_form)
    assert response.status_code == 200
    text = response.content.decode()
    assert "changed by bob" in text and "NOT saved" in text
    event.refresh_from_db()
    assert event.title["en"] == "Kars taken by the Turkish army"


def test_a_citation_added_by_another_curator_is_a_conflict_too(alice):
    event = make_event(slug="kars-falls")
    form = admin_form_data(alice.get(_change_url(event)))
    Citation.objects.create(owner=event, source=make_source(), locator="s. 5", evidence="Another passage.")
    form["title_1"] = "Changed"
    assert alice.post(_change_url(event), form).status_code == 200
    event.refresh_from_db()
    assert event.title["en"] != "Changed"
    assert event.citations.count() == 2


def test_publishing_while_a_form_is_open_is_a_conflict_and_is_recorded_with_its_curator(alice, django_user_model):
    event = make_event(slug="kars-falls", status="draft")
    form = admin_form_data(alice.get(_change_url(event)))
    carol = django_user_model.objects.create_user("carol")
    assert event_publish(events=Event.objects.filter(pk=event.pk), user=carol) == 1
    form["title_1"] = "Changed"
    response = alice.post(_change_url(event), form)
    assert response.status_code == 200 and "changed by carol" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "published"


@pytest.mark.parametrize(
    ("make", "model", "field", "value"),
    [
        (make_place, Place, "latitude", "41.5"),
        (lambda: make_route(stops=[make_place(), make_place()]), Route, "mode", "rail"),
        (make_area, Area, "approximate", ""),
        (make_source, Source, "author", "Bayur"),
    ],
    ids=["place", "route", "area", "source"],
)
def test_every_curated_record_refuses_a_stale_form(alice, bob, make, model, field, value):
    record = make()
    stale = admin_form_data(alice.get(_change_url(record)))
    assert _edit(bob, record, **{field: value}).status_code == 302
    stale["slug"] = "renamed-by-alice"
    response = alice.post(_change_url(record), stale)
    assert response.status_code == 200 and "changed by bob" in response.content.decode()
    assert not model.objects.filter(slug="renamed-by-alice").exists()


def test_a_form_without_its_fingerprint_is_refused(alice):
    event = make_event(slug="kars-falls")
    form = admin_form_data(alice.get(_change_url(event)))
    del form["edit_fingerprint"]
    form["title_1"] = "Changed"
    assert alice.post(_change_url(event), form).status_code == 200
    event.refresh_from_db()
    assert event.title["en"] != "Changed"


def test_loading_the_corpus_records_each_loaded_record_in_its_history(db, tmp_path):
    from chronology.corpus import corpus_load

    (tmp_path / "places.yaml").write_text(
        "places:\n  - slug: kars\n    name: {tr: Kars, en: Kars}\n    kind: city\n"
        "    latitude: 40.6\n    longitude: 43.1\n",
        encoding="utf-8",
    )
    corpus_load(path=tmp_path)
    version = Version.objects.get_for_object(Place.objects.get(slug="kars")).get()
    assert version.revision.get_comment() == f"Loaded from the corpus {tmp_path.name}"
    corpus_load(path=tmp_path, dry_run=True)
    assert Version.objects.get_for_object(Place.objects.get(slug="kars")).count() == 1
