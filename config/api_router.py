"""The one router: every API endpoint of every app is registered here."""

from rest_framework.routers import DefaultRouter

from chronology.api import AreaViewSet, EventViewSet, PersonViewSet, RouteViewSet, SourceViewSet, ThemeViewSet
from geography.api import PlaceViewSet

router = DefaultRouter()
router.register("events", EventViewSet, basename="event")
router.register("people", PersonViewSet, basename="person")
router.register("sources", SourceViewSet, basename="source")
router.register("themes", ThemeViewSet, basename="theme")
router.register("places", PlaceViewSet, basename="place")
router.register("routes", RouteViewSet, basename="route")
router.register("areas", AreaViewSet, basename="area")
