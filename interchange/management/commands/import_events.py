from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.formats import FORMATS
from interchange.planning import import_plan
from interchange.records import FormatError
from interchange.services import ImportRejected, events_import
from interchange.translation_import import translation_import


class Command(BaseCommand):
    help = (
        "Import events from a corpus, atlas CSV, TimelineJS JSON or TimelineJS sheet CSV: shows what each row "
        "creates, changes or is rejected for, then applies everything in one transaction (or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file (or a corpus folder)")
        parser.add_argument("--format", choices=FORMATS, help="recognised from the file when left out")
        parser.add_argument(
            "--collection", default="", help="slug of the collection to import into; made when it does not exist"
        )
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; save nothing")
        parser.add_argument("--publish", action="store_true", help="publish imported events (default: drafts)")
        parser.add_argument(
            "--lang",
            help="the language a TimelineJS file's text goes into (default: detected from the text, else the first)",
        )
        parser.add_argument(
            "--category",
            default="",
            help="category of rows whose file gives none (TimelineJS: slides without a group; default 'general')",
        )
        parser.add_argument(
            "--as-translation",
            action="store_true",
            help="a TimelineJS file as the other language of the slides already in --collection: fills that "
            "language's titles, summaries and captions only (slides matched by unique_id, else date, else position)",
        )
        parser.add_argument(
            "--skip-rejected", action="store_true", help="import the good rows and leave the rejected ones out"
        )

    def handle(
        self,
        *args,
        path,
        format,
        dry_run,
        publish,
        lang,
        category,
        skip_rejected,
        collection,
        as_translation,
        **options,
    ):
        try:
            plan = import_plan(source=Path(path), format=format, language=lang, default_category=category)
            if as_translation:
                report = translation_import(plan=plan, collection=collection, language=lang or "", dry_run=dry_run)
            else:
                report = events_import(
                    plan=plan,
                    publish=publish,
                    dry_run=dry_run,
                    skip_rejected=skip_rejected,
                    language=lang or "",
                    collection=collection,
                )
        except FormatError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        except ImportRejected as error:
            for line in error.report.lines():
                self.stderr.write(line)
            raise CommandError(f"{path}: {error}") from None
        for line in report.lines()[:-1]:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{path} ({report.format}): {report.verdict()}"))
