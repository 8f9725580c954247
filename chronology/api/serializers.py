"""The bodies of the events API: an event, its parts, and what search answers."""

from __future__ import annotations

from rest_framework import serializers

from chronology.models import AidKind, AidStatus, Category, MediaKind, Person, PlaceRole, Theme
from common.api import (
    TranslatedTextField,
    iso_day_field,
)
from common.calendars import Calendar
from common.dates import Precision
from sources.api import CitationSerializer


class AidItemSerializer(serializers.Serializer):
    donor = serializers.SlugField(allow_null=True, help_text="Actor slug: who gave, promised or was asked")
    recipient = serializers.SlugField(allow_null=True, help_text="Actor slug: who received or asked")
    status = serializers.ChoiceField(choices=AidStatus.choices)
    kind = serializers.ChoiceField(choices=AidKind.choices)
    quantity = serializers.FloatField()
    unit = serializers.CharField()
    approximate = serializers.BooleanField(help_text="The source gives the figure as a round guess")
    derived = serializers.BooleanField(help_text="Worked out from the source's figures; the note says how")
    route = serializers.SlugField(allow_null=True)
    source = serializers.SlugField()
    locator = serializers.CharField()
    evidence = serializers.CharField(help_text="The passage of the source that gives the figure; may be empty")
    locator_estimated = serializers.BooleanField(
        help_text="The page was estimated from the passage's position in the text"
    )
    note = serializers.CharField()


class WrittenDateSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="As written, e.g. '5 Teşrinisani 1336'")
    calendar = serializers.ChoiceField(choices=[c.value for c in Calendar])
    readings = serializers.ListField(
        child=serializers.DateField(), help_text="Gregorian day(s); two where a Rumi year start is ambiguous"
    )


class AlternativeSerializer(serializers.Serializer):
    date = serializers.CharField(help_text="EDTF; empty when only the place differs")
    start = iso_day_field()
    end = iso_day_field()
    precision = serializers.CharField()
    place = serializers.SlugField(allow_null=True)
    note = serializers.CharField(help_text="The curator's word on this reading")
    citations = CitationSerializer(many=True)


class DiscrepancySerializer(serializers.Serializer):
    note = serializers.CharField(help_text="What the passages disagree on, and which reading the event follows")
    citations = CitationSerializer(many=True, help_text="The passages that disagree, each with its source")


class RelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["after", "before"])
    event = serializers.SlugField()


class PlaceRoleSerializer(serializers.Serializer):
    place = serializers.SlugField()
    role = serializers.ChoiceField(choices=PlaceRole.choices)


class MediaSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MediaKind.choices)
    uploaded = serializers.BooleanField(
        help_text="An image stored by the atlas (with thumbnails); false: an external link, shown as a link card"
    )
    url = serializers.CharField(help_text="The stored image's address, or the external link (http or https)")
    panel = serializers.CharField(allow_null=True, help_text="The stored image 720 px wide at most, for the panel")
    phone = serializers.CharField(allow_null=True, help_text="The stored image 400 px wide at most, for phones")
    width = serializers.IntegerField(allow_null=True, help_text="The stored image's width in pixels")
    height = serializers.IntegerField(allow_null=True)
    caption = serializers.CharField()
    credit = serializers.CharField()
    alt = serializers.CharField(help_text="What the image shows, for readers who cannot see it")


class EventSerializer(serializers.Serializer):
    """An event: every field below unless `fields=` asks for some of them (then only those)."""

    # Documents the shape only: the rows come ready-made from chronology.selectors.event_rows().

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False  # a sparse fieldset leaves any of them out
        return fields

    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    note = serializers.CharField(help_text="Curator's note, e.g. where sources disagree")
    date = serializers.CharField(help_text="EDTF, e.g. 1921-10 or 1920-09~")
    date_words = serializers.CharField(
        help_text="The date as the source shows it ('Late 1940s'), said instead of words made from `date`; often empty"
    )
    start = iso_day_field("First possible day; null when open")
    end = iso_day_field("Last possible day; null when open")
    precision = serializers.ChoiceField(choices=[p.value for p in Precision])
    approximate = serializers.BooleanField()
    uncertain = serializers.BooleanField()
    category = serializers.SlugField(help_text="A category's slug, as /api/v1/categories/ lists them")
    significance = serializers.IntegerField(min_value=1, max_value=3)
    places = serializers.ListField(child=serializers.SlugField())
    place_roles = PlaceRoleSerializer(
        many=True, help_text="What each of `places` was to the event: at, signed at, departed from, arrived at …"
    )
    place_note = serializers.CharField(
        help_text="Why the event is pinned at more than one place (`at` or `signed_at`); empty otherwise"
    )
    people = serializers.ListField(child=serializers.SlugField())
    themes = serializers.ListField(child=serializers.SlugField())
    routes = serializers.ListField(child=serializers.SlugField())
    citations = CitationSerializer(many=True)
    aid = AidItemSerializer(many=True)
    written = WrittenDateSerializer(allow_null=True, help_text="The date as the source wrote it, if recorded")
    calendars = serializers.DictField(
        child=serializers.CharField(),
        help_text="A single day written in the calendars in use then (julian, rumi, hijri ±2 days)",
    )
    disputed = serializers.BooleanField(help_text="Sources date or place it otherwise; see alternatives")
    alternatives = AlternativeSerializer(many=True)
    relations = RelationSerializer(many=True)
    discrepancies = DiscrepancySerializer(
        many=True, help_text="Where the sources, or one source with itself, disagree about the event"
    )
    window = serializers.BooleanField(
        help_text="True when the event is one happening and start–end is only the window in which it could "
        "have been: an event placed after/before others (relations) whose bounds are not a single day, or an "
        "undated event whose bounds its relations give. False for an event that lasted from start to end "
        "(a conference, a negotiation) and for a single day. Draw a window as a point with a faint range."
    )
    media = MediaSerializer(many=True, help_text="Images, video, sound, documents and pages, in the curator's order")
    match = serializers.ChoiceField(
        choices=["certain", "possible"],
        required=False,
        help_text="Only with a date window: whether the event surely falls in it, or only may",
    )

    def to_representation(self, row: dict) -> dict:
        return row


class EventBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    precision = serializers.ChoiceField(choices=[p.value for p in Precision])
    approximate = serializers.BooleanField()
    uncertain = serializers.BooleanField()
    category = serializers.SlugField()


class RelatedEventsSerializer(serializers.Serializer):
    places = EventBriefSerializer(many=True, help_text="Sharing a place, most places shared first")
    routes = EventBriefSerializer(many=True)
    people = EventBriefSerializer(many=True)
    relations = EventBriefSerializer(many=True, help_text="Placed after/before this event, or it after/before them")
    previous = EventBriefSerializer(allow_null=True, help_text="The published event just before in time")
    next = EventBriefSerializer(allow_null=True)


class PersonSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()

    class Meta:
        model = Person
        fields = ["slug", "name", "born", "died", "description"]


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class CategorySerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = Category
        fields = ["slug", "name", "colour", "symbol"]


class NamedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PlaceFoundSerializer(NamedSerializer):
    names = serializers.ListField(child=serializers.CharField(), help_text="Every name it bore, any language")


class SourceFoundSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField()
    title = serializers.CharField()


class SearchTotalsSerializer(serializers.Serializer):
    events = serializers.IntegerField()
    places = serializers.IntegerField()
    people = serializers.IntegerField()
    sources = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    events = EventBriefSerializer(many=True)
    places = PlaceFoundSerializer(many=True)
    people = NamedSerializer(many=True)
    sources = SourceFoundSerializer(many=True)
    totals = SearchTotalsSerializer(help_text="How many of each kind matched; the lists stop at `limit`")
