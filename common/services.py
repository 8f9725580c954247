"""Writes that belong to no one app: the Curator role and its accounts."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

CURATOR_GROUP = "Curator"

# The apps whose records curators keep. Each of their models' add/change/delete/view permissions, and
# nothing else: not users, groups, the data version or the login lock-outs.
CURATOR_APPS = ("sources", "geography", "chronology")


def curator_group_sync(*, apps=global_apps, using: str = "default"):
    """Make the Curator group hold exactly the curators' permissions; return it.

    Takes `apps` so the data migration can run it on the historical models; run again (after every
    migrate, common.apps) it also grants the permissions of models added since.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.using(using).get_or_create(name=CURATOR_GROUP)
    group.permissions.set(permission_model.objects.using(using).filter(content_type__app_label__in=CURATOR_APPS))
    return group


def curator_create(*, username: str, email: str, password: str):
    """A staff account in the Curator group (not a superuser). Raises ValidationError naming the field."""
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError({"username": "A username is required."})
    if user_model._default_manager.filter(username=username).exists():
        raise ValidationError({"username": f"A user named {username!r} already exists; choose another name."})
    user = user_model(username=username, email=user_model.objects.normalize_email(email.strip()), is_staff=True)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user.groups.add(curator_group_sync())
    return user
