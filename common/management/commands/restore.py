from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the whole database by a file written by `backup` (the server may keep running)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file `backup` printed")

    def handle(self, *args, path, **options):
        try:
            restore(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {path}")
