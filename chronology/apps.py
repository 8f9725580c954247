from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "chronology"
    default_auto_field = "django.db.models.BigAutoField"
