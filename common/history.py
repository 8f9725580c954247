"""History of curated records (django-reversion) and the fingerprint that stops two curators' edits colliding.

Each app registers its curated models here with the related rows that belong to a record (an event's
citations, a place's names, a route's stops): a revision then stores them together, restoring a version
restores them too, and the fingerprint changes when any of them changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core import serializers
from django.db import models

# model → names of the related rows followed with it; filled by register_history as the apps load.
_FOLLOW: dict[type[models.Model], tuple[str, ...]] = {}


def register_history(model: type[models.Model], *, follow: tuple[str, ...] = ()) -> type[models.Model]:
    """Record every change of `model` (and of the `follow`ed related rows) in its history."""
    _FOLLOW[model] = follow
    reversion.register(model, follow=follow)
    return model


def _with_followed(instance: models.Model) -> list[models.Model]:
    seen: dict[tuple[str, object], models.Model] = {}
    pending = [instance]
    while pending:
        obj = pending.pop()
        key = (obj._meta.label, obj.pk)
        if key in seen:
            continue
        seen[key] = obj
        for name in _FOLLOW.get(type(obj), ()):
            related = getattr(obj, name, None)
            if isinstance(related, models.Model):
                pending.append(related)
            elif related is not None:
                pending.extend(related.all())
    return sorted(seen.values(), key=lambda obj: (obj._meta.label, obj.pk))


def record_fingerprint(instance: models.Model) -> str:
    """A digest of the record as stored, with its followed rows; any write by anyone changes it.

    Computed from the stored rows rather than a timestamp, so a change from any path (the loader, a
    service's bulk update, another admin form, an inline row) is noticed, not only saves that touch a field.
    """
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        return ""
    text = serializers.serialize("json", _with_followed(stored), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    who: str
    when: datetime | None
    comment: str


def last_change(instance: models.Model) -> Change | None:
    """Who last changed `instance` and when, from its history; None when it has none."""
    from reversion.models import Version  # a model: imported once the apps are loaded

    version = Version.objects.get_for_object(instance).select_related("revision__user").first()
    if version is None:
        return None
    user = version.revision.user
    return Change(
        who=(user.get_full_name() or user.get_username()) if user else "",
        when=version.revision.date_created,
        comment=version.revision.get_comment(),
    )
