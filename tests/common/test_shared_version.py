"""The data version's shared copy (on with Redis): cached lists answer without asking the database, and a
committed change is still seen by the very next request, on any server sharing the cache.

These tests commit for real (transaction=True): the copy is raised only after a commit, and read only outside
a transaction.
"""

import gzip
import json

import pytest
from django.db import transaction
from django.urls import reverse

from common import versioning
from common.versioning import data_version
from tests.admin_forms import admin_form_data
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)
EVENTS = "/api/v1/events/?lang=en&fields=title"


@pytest.fixture(autouse=True)
def _shared(settings):
    settings.DATA_VERSION_IN_CACHE = True
    # The counter's row, which a committed test's flush removes, made before the first write needs it (as in
    # tests/sources/test_migrations.py).
    versioning.data_version_bump()


def _titles(response) -> list[str]:
    return [row["title"] for row in json.loads(gzip.decompress(response.content))]


def test_a_cached_list_is_answered_without_asking_the_database(api, django_assert_num_queries):
    make_event(title={"en": "Kars"})
    assert _titles(api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")) == ["Kars"]
    with django_assert_num_queries(0):
        again = api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")
    assert _titles(again) == ["Kars"]


def test_a_committed_change_is_seen_by_the_next_request(api):
    event = make_event(title={"en": "Before"})
    assert _titles(api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")) == ["Before"]
    with transaction.atomic():
        event.title = {"en": "After"}
        event.save()
    assert _titles(api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")) == ["After"]


def test_a_curators_save_in_the_admin_is_seen_by_the_next_request(api, client, django_user_model):
    event = make_event(title={"tr": "Önce", "en": "Before"})
    assert _titles(api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")) == ["Before"]
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.org", "pw"))
    url = reverse("admin:chronology_event_change", args=[event.pk])
    data = admin_form_data(client.get(url))
    data["title_1"] = "After"
    assert client.post(url, data).status_code == 302
    assert _titles(api.get(EVENTS, HTTP_ACCEPT_ENCODING="gzip")) == ["After"]


def test_a_rolled_back_change_leaves_the_version_where_it_was(api):
    make_event()
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_event()
        raise RuntimeError("the curator's save fails half-way")
    assert data_version() == before


def test_an_older_number_written_late_never_replaces_a_newer_one():
    make_event()
    newest = data_version()
    versioning._raise_shared_copy("default", newest - 1)  # a reader that read the database before the commit
    assert data_version() == newest


def test_without_the_copy_every_read_asks_the_database(settings, django_assert_num_queries):
    settings.DATA_VERSION_IN_CACHE = False
    make_event()
    with django_assert_num_queries(1):
        data_version()
