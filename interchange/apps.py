from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "interchange"
    verbose_name = "Import and export"

    def ready(self):
        from geography.collections import set_narrowing

        from .scope import narrow_geography

        # The geography's API narrows `?collection=` as this app's downloads do (geography/collections.py).
        set_narrowing(narrow_geography)
