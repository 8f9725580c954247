from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from chronology.corpus.spec import section_register
        from common import epoch
        from lessons.corpus import LESSONS_SECTION

        epoch.register(self)
        # The corpus loader lives below lessons (in chronology); lessons hands it its section, so the
        # loader never imports upward.
        section_register("lessons", LESSONS_SECTION)
