from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "geography"
    verbose_name = _("Geography")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common import epoch

        epoch.register(self)
