"""Reads of sources and citations, shaped for the API."""

from __future__ import annotations

from django.db import models

from sources.models import Citation

CITATION_KEYS = ("source", "label", "locator", "evidence", "locator_estimated")


def citations_by_owner(model: type[models.Model], ids) -> dict[int, list[dict]]:
    """The citations of the `model` records whose primary keys are `ids` (a list or a subquery), by owner.

    One query, whatever the count; each owner's citations in their order (position, then id).
    """
    opts = model._meta
    rows = (
        Citation.objects.filter(
            content_type__app_label=opts.app_label, content_type__model=opts.model_name, object_id__in=ids
        )
        .order_by("position", "id")
        .values_list("object_id", "source__slug", "source__label", "locator", "evidence", "locator_estimated")
    )
    grouped: dict[int, list[dict]] = {}
    for owner_id, *values in rows:
        grouped.setdefault(owner_id, []).append(dict(zip(CITATION_KEYS, values, strict=True)))
    return grouped
