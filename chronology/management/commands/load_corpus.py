from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chronology.corpus import CorpusInvalid, corpus_load
from chronology.models import Event


class Command(BaseCommand):
    help = "Validate a corpus folder (YAML, see docs/corpus-format.md) and load it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CORPUS_DIR), help="corpus folder or file")
        parser.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only into a database with no events yet (so `make run` never overwrites a curator's edits)",
        )

    def handle(self, *args, path, dry_run, if_empty, **options):
        if if_empty and Event.objects.exists():
            self.stdout.write(
                f"The database already has events; {path} not loaded (load_corpus without --if-empty does)."
            )
            return
        try:
            report = corpus_load(path=Path(path), dry_run=dry_run)
        except CorpusInvalid as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) in {path}; nothing was loaded. Fix them and run again."
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        verdict = "dry run: nothing written" if dry_run else ("loaded" if report.changed else "already up to date")
        self.stdout.write(self.style.SUCCESS(f"{path}: {verdict}."))
