from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "geography"
    default_auto_field = "django.db.models.BigAutoField"
