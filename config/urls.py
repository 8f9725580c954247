from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from chronology.api import SearchView
from config.api_router import router

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/search/", SearchView.as_view(), name="search"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("frontend.urls")),
]

# A database outage outside a view (sessions, authentication) answers 503 rather than 500.
handler500 = "config.outage.server_error"
