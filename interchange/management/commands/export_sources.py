from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.exports import collection_named
from interchange.records import FormatError
from interchange.references import REFERENCE_FORMATS, sources_export


class Command(BaseCommand):
    help = "Export the atlas's sources (works and documents) as CSL-JSON or BibTeX, for Zotero and the like."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=REFERENCE_FORMATS, required=True)
        parser.add_argument(
            "--collection",
            default="",
            help="only the sources one collection's events cite (default: the whole atlas)",
        )

    def handle(self, *args, path, format, collection, **options):
        try:
            data = sources_export(format=format, collection=collection_named(collection))
        except FormatError as error:
            raise CommandError(str(error)) from None
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
