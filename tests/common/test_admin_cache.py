"""A curator's repeated admin page comes from the cache, and only ever the page they would have been given:
their own, in their language, with their permissions, with today's data, a CSRF token that validates and the
messages waiting for them (common/admin_cache.py)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chronology.models import Event
from common.services import CURATOR_GROUP
from common.versioning import data_version
from tests.admin_forms import admin_form_data
from tests.factories import make_event

# A hit: the session, the user, their own and their groups' permissions, the data version.
HIT_QUERIES = 5


def _curator(django_user_model, username, *, group=CURATOR_GROUP, **fields):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return user, client


@pytest.fixture
def selin(db, django_user_model):
    return _curator(django_user_model, "selin")


def _change_url(event):
    return reverse("admin:chronology_event_change", args=[event.pk])


CHANGELIST = reverse("admin:chronology_event_changelist")


def _warm(client, url):
    """The first visit sets the CSRF cookie (pages are kept only for a request carrying it), the second keeps the
    page: returns the second response."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return response


def _hit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("url_name", ["index", "changelist", "change", "history"])
def test_a_repeated_page_is_answered_from_the_cache(selin, url_name):
    _user, client = selin
    event = make_event()
    url = {
        "index": reverse("admin:index"),
        "changelist": CHANGELIST,
        "change": _change_url(event),
        "history": reverse("admin:chronology_event_history", args=[event.pk]),
    }[url_name]
    kept = _warm(client, url)
    response, queries = _hit(client, url)
    assert response.content == kept.content
    assert queries <= HIT_QUERIES  # the view itself would ask for the event, its inlines, the log…


def test_a_hit_keeps_the_headers_django_sends(selin):
    _user, client = selin
    url = _change_url(make_event())
    kept = _warm(client, url)
    response, queries = _hit(client, url)
    assert queries <= HIT_QUERIES
    for header in ("Content-Type", "Cache-Control", "Expires", "Vary", "Content-Security-Policy", "X-Frame-Options"):
        assert response.get(header) == kept.get(header), header
    assert "no-store" in response["Cache-Control"] and response["Vary"] == kept["Vary"]
    # The page used the CSRF cookie, so Django renews it (same value), from the cache as from the view.
    assert response.cookies["csrftoken"].value == kept.cookies["csrftoken"].value == client.cookies["csrftoken"].value


def test_a_write_retires_the_page(selin):
    _user, client = selin
    event = make_event(title={"tr": "Kars", "en": "Kars falls"})
    assert "Kars falls" in _warm(client, CHANGELIST).content.decode()
    Event.objects.filter(pk=event.pk).update(title={"tr": "Kars", "en": "The fall of Kars"})
    page = client.get(CHANGELIST).content.decode()
    assert "The fall of Kars" in page and "Kars falls" not in page


def test_each_path_and_query_string_is_its_own_page(selin):
    _user, client = selin
    make_event(slug="kars-falls", title={"tr": "Kars", "en": "Kars falls"})
    make_event(slug="baku-talks", title={"tr": "Bakü", "en": "Talks in Baku"})
    _warm(client, CHANGELIST + "?q=kars")
    page = client.get(CHANGELIST + "?q=baku").content.decode()
    assert "Talks in Baku" in page and "Kars falls" not in page
    _warm(client, reverse("admin:index"))
    assert "Talks in Baku" in client.get(CHANGELIST).content.decode()


def test_a_renamed_curator_sees_their_new_name(selin):
    user, client = selin
    _warm(client, CHANGELIST)
    user.first_name = "Selin Hanım"
    user.save()  # the auth tables are not versioned: the data version stands
    assert "Selin Hanım" in client.get(CHANGELIST).content.decode()


def test_the_key_tells_apart_sessions_users_and_their_rights(selin, django_user_model, rf):
    from django.contrib.sessions.backends.db import SessionStore

    from common.admin_cache import _key

    user, _ = selin
    other = django_user_model.objects.create_user("okan", is_staff=True)

    def key(who=user, session_key="a" * 32, **session):
        request = rf.get(CHANGELIST + "?q=kars", HTTP_COOKIE="csrftoken=" + "c" * 32)
        request.META["CSRF_COOKIE"] = "c" * 32
        request.user, request.session = who, SessionStore(session_key)
        request.session._session_cache = {"_auth_user_id": "1", **session}
        return _key(request)

    base = key()
    assert key() == base
    different = [key(session_key="b" * 32), key(theme="dark"), key(who=other)]
    user.is_superuser = True
    different.append(key())
    assert len({base, *different}) == 1 + len(different)


def test_each_language_is_its_own_page(selin):
    _user, client = selin
    url = _change_url(make_event())
    assert "Save and continue editing" in _warm(client, url).content.decode()
    client.cookies["django_language"] = "tr"
    page = client.get(url).content.decode()
    assert "Kaydet ve düzenlemeye devam et" in page and "Save and continue editing" not in page


def test_the_cached_form_token_validates_when_the_form_is_saved(db, django_user_model):
    user, _ = _curator(django_user_model, "selin")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    event = make_event(title={"tr": "Kars", "en": "Kars falls"})
    _warm(client, _change_url(event))
    form, queries = _hit(client, _change_url(event))
    assert queries <= HIT_QUERIES
    data = admin_form_data(form)
    data.update(title_1="The fall of Kars", csrfmiddlewaretoken=_token(form))
    assert client.post(_change_url(event), data).status_code == 302
    assert Event.objects.get(pk=event.pk).title["en"] == "The fall of Kars"


def test_a_new_csrf_cookie_gets_a_page_whose_token_it_validates(db, django_user_model):
    user, _ = _curator(django_user_model, "selin")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    event = make_event()
    _warm(client, _change_url(event))
    client.cookies["csrftoken"] = "x" * 32  # another browser tab's cookie after a clear, say: a valid secret
    form = client.get(_change_url(event))
    data = admin_form_data(form)
    data.update(csrfmiddlewaretoken=_token(form))
    assert client.post(_change_url(event), data).status_code == 302


def test_without_the_csrf_cookie_the_view_answers_and_sets_it(selin):
    _user, client = selin
    url = _change_url(make_event())
    _warm(client, url)
    del client.cookies["csrftoken"]
    response, queries = _hit(client, url)
    assert queries > HIT_QUERIES and response.cookies["csrftoken"].value


def test_another_curator_never_gets_my_page(selin, django_user_model):
    _user, client = selin
    reader, reader_client = _curator(django_user_model, "okan", group=None)
    reader.user_permissions.add(*Group.objects.get(name=CURATOR_GROUP).permissions.filter(codename="view_event"))
    url = _change_url(make_event())
    mine = _warm(client, url).content.decode()
    assert 'name="_save"' in mine
    _warm(reader_client, url)
    theirs, _ = _hit(reader_client, url)
    assert 'name="_save"' not in theirs.content.decode() and "okan" in theirs.content.decode()


def test_a_revoked_permission_gets_403_not_the_cached_page(selin):
    user, client = selin
    url = _change_url(make_event())
    _warm(client, url)
    user.groups.clear()
    assert client.get(url).status_code == 403
    assert client.get(CHANGELIST).status_code == 403


def test_a_view_only_permission_gets_the_read_only_form(selin):
    _user, client = selin
    url = _change_url(make_event())
    _warm(client, url)
    group = Group.objects.get(name=CURATOR_GROUP)
    group.permissions.remove(*group.permissions.filter(codename="change_event"))
    assert 'name="_save"' not in client.get(url).content.decode()


@pytest.mark.parametrize("how", ["logged out", "session expired", "deactivated", "no longer staff"])
def test_a_signed_out_or_deactivated_curator_gets_the_login_page(selin, how):
    user, client = selin
    url = _change_url(make_event())
    _warm(client, url)
    if how == "logged out":
        cookies = {name: morsel.value for name, morsel in client.cookies.items()}
        client.post(reverse("admin:logout"))
        client.cookies.load(cookies)  # a copy of the old cookies, replayed
    elif how == "session expired":
        Session.objects.all().delete()
    else:
        setattr(user, "is_active" if how == "deactivated" else "is_staff", False)
        user.save()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_a_message_waiting_is_shown_on_the_next_page(selin):
    _user, client = selin
    make_event()
    _warm(client, CHANGELIST)
    version = data_version()
    # An action with nothing selected changes nothing (no new data version) and leaves a warning.
    client.post(CHANGELIST, {"action": "publish", "index": "0"})
    assert data_version() == version
    page = client.get(CHANGELIST).content.decode()
    assert "Items must be selected in order to perform actions on them" in page
    assert "Items must be selected" not in client.get(CHANGELIST).content.decode()


def test_the_save_message_shows_once_after_a_save(selin):
    _user, client = selin
    event = make_event()
    data = admin_form_data(_warm(client, _change_url(event)))
    _warm(client, CHANGELIST)
    assert client.post(_change_url(event), data).status_code == 302
    assert "was changed successfully" in client.get(CHANGELIST).content.decode()
    assert "was changed successfully" not in client.get(CHANGELIST).content.decode()


def test_a_refused_save_is_never_served_to_the_next_visit(selin):
    _user, client = selin
    event = make_event()
    data = admin_form_data(_warm(client, _change_url(event)))
    data.update(date="not a date")
    refused = client.post(_change_url(event), data)
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    assert "errornote" not in client.get(_change_url(event)).content.decode()


def test_bad_input_is_answered_as_before(selin):
    _user, client = selin
    missing = reverse("admin:chronology_event_change", args=[987654])
    for _ in range(3):
        response = client.get(missing)
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
        response = client.get(CHANGELIST + "?no_such_field=1")
        assert response.status_code == 302 and response["Location"].endswith("?e=1")
        assert client.get(reverse("admin:chronology_event_change", args=["not-a-number"])).status_code == 302
        assert client.get(reverse("admin:chronology_event_history", args=[987654])).status_code == 302


def test_the_index_shows_a_change_made_in_the_auth_admin(db, django_user_model, client):
    # "Recent actions" are LogEntry rows: the admin's log is versioned so that the cached index sees them.
    admin = django_user_model.objects.create_superuser("aylin", "aylin@example.org", "unused-in-tests")
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    _warm(client, reverse("admin:index"))
    group_url = reverse("admin:auth_group_add")
    client.get(group_url)
    assert client.post(group_url, {"name": "Reviewers"}).status_code == 302
    client.get(reverse("admin:index"))  # shows (and uses up) "The group … was added successfully"
    assert "Reviewers" in client.get(reverse("admin:index")).content.decode()


def test_the_auth_pages_are_never_cached(db, django_user_model, client):
    # Logins write auth's and axes' tables, which are not versioned: their pages are always the view's.
    admin = django_user_model.objects.create_superuser("aylin", "aylin@example.org", "unused-in-tests")
    client.force_login(admin)
    _warm(client, reverse("admin:auth_user_changelist"))
    django_user_model.objects.create_user("newcomer")
    assert "newcomer" in client.get(reverse("admin:auth_user_changelist")).content.decode()


def test_a_curators_save_bumps_the_data_version_once(selin):
    # The save's LogEntry and reversion's revision are versioned too, but written in the save's transaction.
    _user, client = selin
    event = make_event()
    data = admin_form_data(_warm(client, _change_url(event)))
    version = data_version()
    assert client.post(_change_url(event), data).status_code == 302
    assert data_version() == version + 1
