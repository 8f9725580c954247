"""What a collection's downloads hold: its events, and of the geography and the sources those they use.

Places, routes, areas and sources belong to no collection (chronology.models.Collection): a collection's
files narrow them as its page does (frontend/static/frontend/main.js `_collectionsLayers`): the places and
routes its published events use, no areas (fronts and zones belong to no event), and the sources its
published events cite. The seed collection's page is the whole atlas's map, so its geography and sources are
everything, as they are when no collection is asked for.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from chronology.models import SEED_COLLECTION, Collection, Event
from geography.models import Area, Place, Route
from sources.models import Citation, Source


def narrows(collection: Collection | None) -> bool:
    """True when the collection's files hold less geography than the atlas's (every collection but the seed)."""
    return collection is not None and collection.slug != SEED_COLLECTION


def events(collection: Collection | None) -> QuerySet[Event]:
    return Event.objects.all() if collection is None else Event.objects.filter(collection=collection)


def _published_events(collection: Collection) -> QuerySet[Event]:
    return Event.objects.published().filter(collection=collection)


def places(collection: Collection | None) -> QuerySet[Place]:
    if not narrows(collection):
        return Place.objects.all()
    return Place.objects.filter(event_links__event__in=_published_events(collection)).distinct()


def routes(collection: Collection | None) -> QuerySet[Route]:
    if not narrows(collection):
        return Route.objects.all()
    return Route.objects.filter(events__in=_published_events(collection)).distinct()


def areas(collection: Collection | None) -> QuerySet[Area]:
    return Area.objects.none() if narrows(collection) else Area.objects.all()


def sources(collection: Collection | None) -> QuerySet[Source]:
    if not narrows(collection):
        return Source.objects.all()
    cited = Citation.objects.filter(
        content_type__app_label="chronology",
        content_type__model="event",
        object_id__in=_published_events(collection).values("pk"),
    )
    return Source.objects.filter(pk__in=cited.values("source_id"))


def narrow_geography(queryset: QuerySet, slug: str) -> QuerySet:
    """The geography API's `?collection=` (geography/collections.py): `queryset` narrowed to what the
    published collection `slug` uses; an unknown one is a 400 naming the collections there are."""
    collection = Collection.objects.filter(slug=slug.strip(), published=True).first()
    if collection is None:
        known = ", ".join(Collection.objects.filter(published=True).values_list("slug", flat=True))
        raise ValidationError({"collection": f"No collection {slug!r}; the collections are: {known}."})
    scoped = {Place: places, Route: routes, Area: areas}[queryset.model](collection)
    return queryset.filter(pk__in=scoped.values("pk"))
