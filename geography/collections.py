"""`?collection=SLUG` on the geography's API: the places, routes and areas one collection uses.

Places, routes and areas belong to no collection, and which of them a collection uses is known only above this
app (chronology's collections and events). So the app that knows says how to narrow (interchange registers
`interchange.scope.narrow_geography` when it is ready) and the API asks it here; the downloads of the same
collection (interchange/downloads.py) narrow by the same rule.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

_narrowing: list[Callable[[QuerySet, str], QuerySet]] = []


def set_narrowing(narrow: Callable[[QuerySet, str], QuerySet]) -> None:
    _narrowing[:] = [narrow]


def in_collection(queryset: QuerySet, slug: str) -> QuerySet:
    if not _narrowing:
        raise ValidationError({"collection": "This site cannot narrow places by collection."})
    return _narrowing[0](queryset, slug)
