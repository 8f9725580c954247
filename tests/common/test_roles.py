"""Curators edit the atlas and nothing else; other staff cannot edit; nobody anonymous reaches the admin."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from chronology.models import Event
from common.services import CURATOR_GROUP
from tests.admin_forms import admin_form_data
from tests.factories import make_event


def _codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
def test_the_curator_group_made_by_the_migration_holds_exactly_the_atlas_permissions():
    expected = {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for label in ("sources", "geography", "chronology")
        for model in apps.get_app_config(label).get_models()
        for action in ("add", "change", "delete", "view")
    }
    assert "chronology.change_event" in expected and "geography.delete_place" in expected
    assert _codenames(Group.objects.get(name=CURATOR_GROUP)) == expected


def _curator(django_user_model, client):
    call_command("createcurator", "--noinput", "--username", "hilal", "--email", "h@example.org")
    user = django_user_model.objects.get(username="hilal")
    client.force_login(user)
    return user


def test_createcurator_without_input_reads_the_password_from_the_environment(
    db, monkeypatch, client, django_user_model
):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", "a long enough passphrase 42")
    user = _curator(django_user_model, client)
    assert user.is_staff and not user.is_superuser
    assert user.check_password("a long enough passphrase 42")
    assert list(user.groups.values_list("name", flat=True)) == [CURATOR_GROUP]
    event = make_event(slug="kars-falls")
    url = reverse("admin:chronology_event_change", args=[event.pk])
    form = admin_form_data(client.get(url))
    form["title_1"] = "Edited by a curator"
    assert client.post(url, form).status_code == 302
    event.refresh_from_db()
    assert event.title["en"] == "Edited by a curator"


def test_createcurator_has_no_default_password(db, monkeypatch):
    monkeypatch.delenv("DJANGO_CURATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_CURATOR_PASSWORD"):
        call_command("createcurator", "--noinput", "--username", "hilal")


def test_createcurator_refuses_a_weak_password_and_makes_nothing(db, monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="password"):
        call_command("createcurator", "--noinput", "--username", "hilal")
    assert not django_user_model.objects.filter(username="hilal").exists()


def test_createcurator_asks_for_the_password_twice(db, monkeypatch, django_user_model):
    answers = iter(["first try 1234567", "typo 1234567", "a long enough passphrase 42", "a long enough passphrase 42"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr("builtins.input", lambda prompt: {"Username: ": "hilal"}.get(prompt, "h@example.org"))
    call_command("createcurator")
    assert django_user_model.objects.get(username="hilal").check_password("a long enough passphrase 42")


def test_staff_outside_the_curator_group_cannot_edit(client, django_user_model):
    staff = django_user_model.objects.create_user("clerk", is_staff=True)
    client.force_login(staff)
    event = make_event(slug="kars-falls")
    assert client.get(reverse("admin:chronology_event_change", args=[event.pk])).status_code == 403
    assert client.post(reverse("admin:chronology_event_add"), {"slug": "new"}).status_code == 403
    assert not Event.objects.filter(slug="new").exists()


@pytest.mark.parametrize("url_name", ["admin:index", "admin:chronology_event_changelist", "admin:chronology_event_add"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
