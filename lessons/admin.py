from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chronology.admin import CollectionScopedAdmin
from common.admin import CuratedAdmin, TranslatedSearchMixin, translated_column
from lessons.models import Lesson, LessonStep
from sources.admin import CitationInline


class LessonStepInline(admin.StackedInline):
    model = LessonStep
    extra = 0
    fields = (
        "position",
        "event",
        "caption",
        "teacher_note",
        "date",
        ("map_latitude", "map_longitude", "map_zoom"),
        "frame_route",
        "question",
        "question_choices",
    )
    autocomplete_fields = ("event", "frame_route")
    ordering = ("position", "id")
    show_change_link = True  # a step's sources are cited on its own page, as an alternative dating's are
    classes = ("lesson-steps",)


@admin.register(Lesson)
class LessonAdmin(TranslatedSearchMixin, CollectionScopedAdmin):
    list_display = ("slug", translated_column("title", _("title")), "status", "step_count", "minutes")
    list_filter = ("status",)
    search_fields = ("slug",)
    translated_search = ("title", "summary")
    inlines = [LessonStepInline]
    fieldsets = [
        (None, {"fields": ("collection", "slug", "title", "summary", "status")}),
        (_("In the classroom"), {"fields": ("level", "minutes")}),
    ]

    class Media:
        # Up/down buttons on each step: keyboard-usable reordering that rewrites the position numbers.
        js = ["lessons/step_order.js"]
        css = {"all": ["lessons/step_order.css"]}

    @admin.display(description=_("steps"))
    def step_count(self, lesson):
        return lesson.steps.count()


@admin.register(LessonStep)
class LessonStepAdmin(CuratedAdmin):
    list_display = ("__str__", "event")
    list_select_related = ("lesson", "event")
    search_fields = ("lesson__slug", "event__slug")
    autocomplete_fields = ("lesson", "event", "frame_route")
    inlines = [CitationInline]
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "lesson",
                    "position",
                    "event",
                    "caption",
                    "teacher_note",
                    "date",
                    ("map_latitude", "map_longitude", "map_zoom"),
                    "frame_route",
                )
            },
        ),
        (_("Quick question (live class)"), {"fields": ("question", "question_choices")}),
    ]
