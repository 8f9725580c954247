"""The one router: every API endpoint of every app is registered here."""

from rest_framework.routers import DefaultRouter

from chronology.api.aid import ActorViewSet, AidViewSet
from chronology.api.collections import CollectionViewSet
from chronology.api.views import CategoryViewSet, EventViewSet, PersonViewSet, ThemeViewSet
from geography.api import AreaViewSet, PlaceViewSet, RouteViewSet
from lessons.api import LessonViewSet
from sources.api import SourceViewSet

router = DefaultRouter()
router.register("collections", CollectionViewSet, basename="collection")
router.register("events", EventViewSet, basename="event")
router.register("aid", AidViewSet, basename="aid")
router.register("actors", ActorViewSet, basename="actor")
router.register("people", PersonViewSet, basename="person")
router.register("sources", SourceViewSet, basename="source")
router.register("themes", ThemeViewSet, basename="theme")
router.register("categories", CategoryViewSet, basename="category")
router.register("places", PlaceViewSet, basename="place")
router.register("routes", RouteViewSet, basename="route")
router.register("areas", AreaViewSet, basename="area")
router.register("lessons", LessonViewSet, basename="lesson")
