"""`/api/v1/collections/` and the `?collection=SLUG` every list endpoint takes."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from chronology.models import SEED_COLLECTION, Collection
from chronology.selectors import era_rows
from common.api import LANG_PARAMETER, TranslatedReadOnlyViewSet, TranslatedTextField, iso_day_field

COLLECTION_PARAMETER = OpenApiParameter(
    "collection", OpenApiTypes.STR, description="Only what belongs to this collection (its slug)"
)


def asked_collection(request) -> Collection | None:
    """The collection `?collection=` names, None when not asked; a slug no published collection has is a 400
    naming the slugs there are, so the caller can fix the link."""
    slug = request.query_params.get("collection")
    if slug is None:
        return None
    collection = Collection.objects.filter(slug=slug.strip(), published=True).first()
    if collection is None:
        known = ", ".join(Collection.objects.filter(published=True).values_list("slug", flat=True))
        raise ValidationError({"collection": f"No collection {slug!r}; the collections are: {known}."})
    return collection


def collection_page(collection: Collection) -> str:
    # The seed collection keeps the atlas's own address; another is the same page asked for that collection.
    atlas = reverse("frontend:atlas")
    return atlas if collection.slug == SEED_COLLECTION else f"{atlas}?collection={collection.slug}"


class EraSerializer(serializers.Serializer):
    """An era as the API gives it (chronology.selectors.era_rows)."""

    title = serializers.DictField(child=serializers.CharField(), help_text="Language code → title")
    date = serializers.CharField(help_text="EDTF interval, e.g. Y-4600000000/Y-538800000")
    start = iso_day_field("First day")
    end = iso_day_field("Last day")


class CollectionSerializer(serializers.ModelSerializer):
    title = TranslatedTextField()
    introduction = TranslatedTextField()
    url = serializers.SerializerMethodField(help_text="The collection's page on this site")
    eras = serializers.SerializerMethodField(help_text="Its eras, drawn as bands behind its events, in time order")

    class Meta:
        model = Collection
        fields = ["slug", "title", "introduction", "languages", "extent", "url", "eras"]

    def get_url(self, collection) -> str:
        return collection_page(collection)

    @extend_schema_field(EraSerializer(many=True))
    def get_eras(self, collection) -> list[dict]:
        return era_rows(collection)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class CollectionViewSet(TranslatedReadOnlyViewSet):
    """The site's atlases: each with its slug, title, introduction, languages, map extent and page address."""

    serializer_class = CollectionSerializer
    queryset = Collection.objects.filter(published=True).order_by("slug")
