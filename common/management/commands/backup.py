from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the whole database to a file (SQLite's backup API or pg_dump) and print its path."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the file to write (default: backups/chronoatlas-<time>.<ext>)")

    def handle(self, *args, path=None, **options):
        from django.db import connection

        if path is None:
            folder = Path("backups")
            folder.mkdir(exist_ok=True)
            suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
            path = folder / f"chronoatlas-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.{suffix}"
        try:
            written = backup(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(written))
