from pathlib import Path

from django.core.management.base import BaseCommand

from interchange.references import REFERENCE_FORMATS, sources_export


class Command(BaseCommand):
    help = "Export the atlas's sources (works and documents) as CSL-JSON or BibTeX, for Zotero and the like."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=REFERENCE_FORMATS, required=True)

    def handle(self, *args, path, format, **options):
        data = sources_export(format=format)
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
