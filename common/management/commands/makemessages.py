"""Django's `makemessages` with the project's folders to skip built in, so `make messages` and the catalog
test (tests/common/test_translations.py) collect exactly the same strings."""

from django.core.management.commands import makemessages

# Not the project's own strings: tests, measurements, collected static files, installed packages. And the
# page's catalog folder: makemessages takes any folder named `locale` for the catalog of the files beside
# it, so it would write the frontend app's template and view strings there instead of into locale/.
SKIPPED = ["tests", "benchmarks", "staticfiles", ".venv", "frontend/node_modules", "frontend/locale"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*(options.get("ignore_patterns") or []), *SKIPPED]
        return super().handle(*args, **options)
