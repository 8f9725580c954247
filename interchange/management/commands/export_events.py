from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.formats import FORMATS
from interchange.records import FormatError
from interchange.services import events_export


class Command(BaseCommand):
    help = "Export the atlas's events as a corpus, atlas CSV, TimelineJS JSON or TimelineJS sheet CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--include-drafts", action="store_true", help="drafts too (default: published only)")
        parser.add_argument("--lang", default="", help="the language of a TimelineJS file (default: the first)")

    def handle(self, *args, path, format, include_drafts, lang, **options):
        try:
            text = events_export(format=format, include_drafts=include_drafts, language=lang)
        except FormatError as error:
            raise CommandError(str(error)) from None
        if path:
            Path(path).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {path} ({format}).")
        else:
            self.stdout.write(text, ending="")
