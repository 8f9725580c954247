"""Read API for sources, and the citation shape every app's API uses."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api import TranslatedReadOnlyViewSet, TranslatedTextField
from sources.models import Source


class CitationSerializer(serializers.Serializer):
    source = serializers.SlugField(help_text=_("Source slug"))
    label = serializers.CharField(help_text=_("How the source is cited, e.g. 'Bayur, 1991'"))
    locator = serializers.CharField(help_text=_("Page or file number"))
    evidence = serializers.CharField(help_text=_("The passage of the source that supports the claim; may be empty"))
    locator_estimated = serializers.BooleanField(
        help_text=_("The page was estimated from the passage's position in the text")
    )


class SourceSerializer(serializers.ModelSerializer):
    note = TranslatedTextField()

    class Meta:
        model = Source
        fields = ["slug", "kind", "label", "author", "year", "title", "archive_ref", "date", "note"]


class SourceViewSet(TranslatedReadOnlyViewSet):
    serializer_class = SourceSerializer
    queryset = Source.objects.order_by("label")
