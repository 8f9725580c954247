from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.records import FormatError
from interchange.references import REFERENCE_FORMATS, SourcesImportRejected, sources_import


class Command(BaseCommand):
    help = (
        "Import works from a CSL-JSON or BibTeX file (a Zotero export): says for each item whether it is new, "
        "matched to a source the atlas has, or refused and why; then saves everything in one transaction, or "
        "nothing when an item is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSL-JSON or BibTeX file")
        parser.add_argument("--format", choices=REFERENCE_FORMATS, help="recognised from the file when left out")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; save nothing")

    def handle(self, *args, path, format, dry_run, **options):
        try:
            report = sources_import(source=Path(path), format=format, dry_run=dry_run)
        except FormatError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        except SourcesImportRejected as error:
            for line in error.report.lines()[:-1]:
                self.stderr.write(line)
            raise CommandError(f"{path}: {error}") from None
        for line in report.lines()[:-1]:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{path} ({report.format}): {report.verdict()}"))
