"""Paging for every list: the whole list unless asked for a page, and a 400 for what cannot be read.

Its own module, importing nothing of DRF's views: DRF imports the pagination class named in the settings
while it defines its generic views.
"""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class WholeUnlessAskedPagination(LimitOffsetPagination):
    """The whole list as an array unless `limit` asks for a page ({count, next, previous, results}).

    DRF's own class reads `limit=-5` or `offset=false` as "not given" and answers with something else
    than was asked; here a value it cannot read is a 400 naming the parameter and what to write.
    """

    def paging(self, request) -> tuple[int | None, int]:
        """The validated (limit, offset); limit None means the whole list."""
        limit = _whole_number(request, self.limit_query_param, minimum=1)
        offset = _whole_number(request, self.offset_query_param, minimum=0)
        if offset is not None and limit is None:
            raise ValidationError({"offset": "An offset pages only with a limit: write e.g. limit=10&offset=10."})
        return limit, offset or 0

    def get_limit(self, request):
        return self.paging(request)[0]

    def get_offset(self, request):
        return self.paging(request)[1]

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        return {
            "oneOf": [schema, page],
            "description": "The whole list as an array; with `limit` (and `offset`), one page of it as an object.",
        }


def _whole_number(request, name: str, *, minimum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
        raise ValidationError({name: f"{raw!r} is not a whole number of at least {minimum}; write e.g. {name}=10."})
    return int(raw)
