from django.urls import path

from frontend import embeds, lesson_pages, live_pages, views

app_name = "frontend"
urlpatterns = [
    path("", views.atlas, name="atlas"),
    path("present/<slug:lesson>/", views.present, name="present"),
    path("export/map.html", views.export_map, name="export-map"),
    path("lessons/", lesson_pages.lessons_index, name="lessons"),
    path("lessons/<slug:lesson_slug>/", views.atlas, name="lesson"),
    path("lessons/<slug:slug>/handout/", lesson_pages.lesson_handout, name="lesson-handout"),
    path("lessons/<slug:slug>/offline.html", lesson_pages.lesson_offline, name="lesson-offline"),
    # The only views other sites may frame (frontend.embeds), and the oEmbed answer that points at them.
    path("embed/", embeds.embed_atlas, name="embed-atlas"),
    path("embed/events/<slug:slug>/", embeds.embed_event, name="embed-event"),
    path("embed/lessons/<slug:slug>/", embeds.embed_lesson, name="embed-lesson"),
    path("oembed", embeds.oembed, name="oembed"),
    path("qr.svg", lesson_pages.qr_svg, name="qr"),
    path("join/", live_pages.join, name="live-join"),
    path("join/<str:code>/", live_pages.join_class, name="live-join-class"),
]
