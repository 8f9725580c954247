from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from chronology.api.index import EventIndexView
from chronology.api.views import SearchView
from config.api_router import router
from config.media_files import serve_media
from frontend.storymap import lesson_storymap_view
from interchange.api import (
    atlas_kml,
    downloads_list,
    events_csv,
    events_timelinejs,
    geojson_layer,
    places_lpf,
    sources_references,
)

admin.site.site_header = _("Chronoatlas curators")
admin.site.site_title = _("Chronoatlas")

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the admin's language chooser posts here; the choice is kept in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/search/", SearchView.as_view(), name="search"),
    path("api/v1/event-index/", EventIndexView.as_view(), name="event-index"),
    # Before the router, whose format suffixes would otherwise take `.geojson` for a renderer it lacks.
    path("api/v1/<str:layer>.geojson", geojson_layer, name="geojson-layer"),
    path("api/v1/downloads/", downloads_list, name="downloads"),
    path("api/v1/sources.csl.json", sources_references, {"format": "csl-json"}, name="sources-csl-json"),
    path("api/v1/sources.bib", sources_references, {"format": "bibtex"}, name="sources-bibtex"),
    path("api/v1/atlas.kml", atlas_kml, name="atlas-kml"),
    path("api/v1/places.lpf.json", places_lpf, name="places-lpf"),
    path("api/v1/events.timeline.json", events_timelinejs, name="events-timelinejs"),
    path("api/v1/events.csv", events_csv, name="events-csv"),
    path("api/v1/lessons/<slug:slug>/storymap.json", lesson_storymap_view, name="lesson-storymap"),
    path("", include("live.urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("frontend.urls")),
]
if settings.MEDIA_SERVE:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"))

# A database outage outside a view (sessions, authentication) answers 503 rather than 500.
handler500 = "config.outage.server_error"
