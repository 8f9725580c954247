"""What a client may ask of the event list: filters, sparse fields and the date window."""

from __future__ import annotations

import datetime as dt

from django.db.models import Model, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from chronology.models import Category, Collection, Event, Person, Theme
from chronology.preview import PREVIEW_PARAMETER
from chronology.selectors import EVENT_FIELDS, DateWindow
from geography import api as geography_api
from geography.models import Place, Route
from sources.models import Source

FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description=f"Comma-separated subset of fields to return (sparse fieldset), from: {', '.join(EVENT_FIELDS)}.",
)


# Parameters of the event list that are not filters (a preview is a filter only for staff: get_queryset).
UNFILTERED_PARAMETERS = frozenset({"lang", "fields", "limit", "offset", PREVIEW_PARAMETER})


def requested_fields(request) -> tuple[str, ...]:
    raw = request.query_params.get("fields")
    if raw is None:
        return EVENT_FIELDS
    names = tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
    unknown = [name for name in names if name not in EVENT_FIELDS]
    if unknown or not names:
        raise ValidationError(
            {
                "fields": f"Unknown field(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(EVENT_FIELDS)}."
            }
        )
    return names


def canonical(value):
    """A filter's cleaned value as plain JSON, the same however the client spelled or ordered it."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet):  # several records chosen (categories); none asked is an empty one
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, slice):
        return [canonical(value.start), canonical(value.stop)]
    if isinstance(value, list | tuple):
        return sorted(canonical(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def date_window(cleaned_filters: dict) -> DateWindow | None:
    """The date_after/date_before window asked for, if any, as day numbers."""
    value = cleaned_filters.get("date")
    if not value or (value.start is None and value.stop is None):
        return None
    return (value.start, value.stop)


class EventFilter(geography_api.DatedFilter):
    collection = filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Collection.objects.filter(published=True),
        label="Collection slug",
        error_messages={"invalid_choice": "No collection with this slug; /api/v1/collections/ lists them."},
    )
    category = filters.ModelMultipleChoiceFilter(
        to_field_name="slug", queryset=Category.objects.all(), label="Category slug (several allowed)"
    )
    place = filters.ModelChoiceFilter(
        field_name="places", to_field_name="slug", queryset=Place.objects.all(), label="Place slug"
    )
    person = filters.ModelChoiceFilter(
        field_name="people", to_field_name="slug", queryset=Person.objects.all(), label="Person slug"
    )
    theme = filters.ModelChoiceFilter(
        field_name="themes", to_field_name="slug", queryset=Theme.objects.all(), label="Theme slug"
    )
    route = filters.ModelChoiceFilter(
        field_name="routes", to_field_name="slug", queryset=Route.objects.all(), label="Route slug"
    )
    source = filters.ModelChoiceFilter(
        field_name="citations__source",
        to_field_name="slug",
        queryset=Source.objects.all(),
        label="Source slug (events citing it)",
        distinct=True,
    )

    class Meta:
        model = Event
        fields = ["collection", "category", "place", "person", "theme", "route", "source"]
