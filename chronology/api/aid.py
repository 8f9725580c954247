"""Read API for aid lines and their totals: /api/v1/aid/ and /api/v1/aid/totals/."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from chronology.api.serializers import AidItemSerializer
from chronology.models import Actor, AidItem, AidKind, AidStatus, Event
from chronology.selectors import aid_rows
from common.api import LANG_PARAMETER, LanguageMixin, TranslatedReadOnlyViewSet, TranslatedTextField, asks_whole_list
from common.response_cache import cached_bytes_response
from geography.api import DatedFilter

TOTALS_DESCRIPTION = (
    "Sums of the aid lines that pass the filters, per donor, kind, status and unit. Requested, promised and "
    "delivered are never added together, nor are different units. A line marked `derived` holds only what "
    "its source's total leaves once the other lines are taken out (the 11 million gold rubles less the "
    "million recorded on its own), so each ruble is counted once: the derived line and the line it is "
    "derived from add up to the source's total."
)


class AidLineSerializer(AidItemSerializer):
    """Documents the shape only: the rows come ready-made from chronology.selectors.aid_rows()."""

    event = serializers.SlugField(help_text="The event the line belongs to")
    date = serializers.CharField(help_text="The event's date, EDTF")
    start = serializers.DateField(allow_null=True, help_text="The event's first possible day")
    end = serializers.DateField(allow_null=True, help_text="The event's last possible day")

    def to_representation(self, row: dict) -> dict:
        return row


class AidTotalSerializer(serializers.Serializer):
    donor = serializers.SlugField(allow_null=True)
    kind = serializers.ChoiceField(choices=AidKind.choices)
    status = serializers.ChoiceField(choices=AidStatus.choices)
    unit = serializers.CharField()
    total = serializers.FloatField()
    lines = serializers.IntegerField(help_text="How many aid lines the total adds up")


class AidFilter(DatedFilter):
    donor = filters.ModelChoiceFilter(to_field_name="slug", queryset=Actor.objects.all(), label="Donor actor slug")
    recipient = filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Actor.objects.all(), label="Recipient actor slug"
    )
    kind = filters.ChoiceFilter(choices=AidKind.choices)
    status = filters.ChoiceFilter(choices=AidStatus.choices)
    bbox = None  # an aid line has no place of its own to test against a map extent

    class Meta:
        model = AidItem
        fields = ["donor", "recipient", "kind", "status"]

    def filter_date_window(self, queryset, name, value):
        # An aid line is dated by its event: the same overlap as the event list's.
        return queryset.filter(event__in=Event.objects.overlapping(value.start, value.stop))

    def filter_on(self, queryset, name, value):
        return queryset.filter(event__in=Event.objects.overlapping(value, value))


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER], responses=AidLineSerializer(many=True)),
    totals=extend_schema(
        parameters=[LANG_PARAMETER], responses=AidTotalSerializer(many=True), description=TOTALS_DESCRIPTION
    ),
)
class AidViewSet(LanguageMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Aid lines of published events, in time order: who gave (or promised, or was asked for) what to whom."""

    serializer_class = AidLineSerializer
    filterset_class = AidFilter
    pagination_class = None  # a few lines per event; the whole list is small, and totals need all of it

    def get_queryset(self):
        return AidItem.objects.filter(event__in=Event.objects.published()).order_by(
            "event__day_start", "event__slug", "kind", "id"
        )

    def list(self, request, *args, **kwargs):
        def build() -> list[dict]:
            return aid_rows(self.filter_queryset(self.get_queryset()), lang=self.lang)

        if asks_whole_list(request):  # the aid chart's one fetch, the same for every reader
            return cached_bytes_response(request, ["api:aid", self.lang], build)
        return Response(build())

    @action(detail=False)
    def totals(self, request, *args, **kwargs):
        lines = self.filter_queryset(self.get_queryset())
        return Response(
            [
                {
                    "donor": row["donor__slug"],
                    "kind": row["kind"],
                    "status": row["status"],
                    "unit": row["unit"],
                    "total": float(row["total"]),
                    "lines": row["lines"],
                }
                for row in lines.order_by().totals()
            ]
        )


class ActorSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()

    class Meta:
        model = Actor
        fields = ["slug", "name", "description"]


class ActorViewSet(TranslatedReadOnlyViewSet):
    serializer_class = ActorSerializer
    queryset = Actor.objects.order_by("slug")
