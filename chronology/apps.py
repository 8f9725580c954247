from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChronologyConfig(AppConfig):
    name = "chronology"
    verbose_name = _("Chronology")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common import epoch

        epoch.register(self)
