"""`/api/v1/collections/` and the `?collection=SLUG` every list endpoint takes."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from chronology.models import SEED_COLLECTION, Collection
from common.api import LANG_PARAMETER, TranslatedReadOnlyViewSet, TranslatedTextField

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


class CollectionSerializer(serializers.ModelSerializer):
    title = TranslatedTextField()
    introduction = TranslatedTextField()
    url = serializers.SerializerMethodField(help_text="The collection's page on this site")

    class Meta:
        model = Collection
        fields = ["slug", "title", "introduction", "languages", "extent", "url"]

    def get_url(self, collection) -> str:
        return collection_page(collection)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class CollectionViewSet(TranslatedReadOnlyViewSet):
    """The site's atlases: each with its slug, title, introduction, languages, map extent and page address."""

    serializer_class = CollectionSerializer
    queryset = Collection.objects.filter(published=True).order_by("slug")
