from django.urls import path

from frontend import views

app_name = "frontend"
urlpatterns = [
    path("", views.atlas, name="atlas"),
    path("present/<slug:lesson>/", views.present, name="present"),
    path("export/map.html", views.export_map, name="export-map"),
]
