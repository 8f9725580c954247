"""The data version: a counter bumped by every write to the atlas's data, so cached lists know when
they are stale.

The bump is an UPDATE inside the writer's own transaction: it commits with the change and rolls back
with it, and other workers see the new number exactly when they can see the new data. Signals catch
ordinary saves, deletes and many-to-many changes of the apps in VERSIONED_APPS; writes that bypass
signals (bulk_create, bulk_update, QuerySet.update) call `data_version_bump()` themselves.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSIONED_APPS = {"geography", "chronology"}


def data_version() -> int:
    from common.models import DataVersion

    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def data_version_bump() -> None:
    from common.models import DataVersion

    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label in VERSIONED_APPS:
        data_version_bump()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"data-version-{signal}")
