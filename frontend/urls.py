from django.urls import path

from frontend import lesson_pages, live_pages, views

app_name = "frontend"
urlpatterns = [
    path("", views.atlas, name="atlas"),
    path("present/<slug:lesson>/", views.present, name="present"),
    path("export/map.html", views.export_map, name="export-map"),
    path("lessons/", lesson_pages.lessons_index, name="lessons"),
    path("lessons/<slug:lesson_slug>/", views.atlas, name="lesson"),
    path("lessons/<slug:slug>/handout/", lesson_pages.lesson_handout, name="lesson-handout"),
    path("lessons/<slug:slug>/offline.html", lesson_pages.lesson_offline, name="lesson-offline"),
    path("qr.svg", lesson_pages.qr_svg, name="qr"),
    path("join/", live_pages.join, name="live-join"),
    path("join/<str:code>/", live_pages.join_class, name="live-join-class"),
]
