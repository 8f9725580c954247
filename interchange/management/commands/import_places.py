from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.geography_services import places_import
from interchange.records import FormatError
from interchange.services import ImportRejected


class Command(BaseCommand):
    help = (
        "Import places from a Linked Places Format (LPF) file: shows what each feature creates, changes or is "
        "rejected for, matching the atlas's places by slug, name or point, then applies everything in one "
        "transaction (or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the LPF file (JSON-LD FeatureCollection)")
        parser.add_argument("--format", choices=["lpf"], default="lpf")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; save nothing")
        parser.add_argument(
            "--skip-rejected", action="store_true", help="import the good features and leave the rejected ones out"
        )

    def handle(self, *args, path, format, dry_run, skip_rejected, **options):
        try:
            report = places_import(source=Path(path), dry_run=dry_run, skip_rejected=skip_rejected)
        except FormatError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        except ImportRejected as error:
            for line in error.report.lines():
                self.stderr.write(line)
            raise CommandError(f"{path}: {error}") from None
        for line in report.lines()[:-1]:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{path} ({report.format}): {report.verdict()}"))
