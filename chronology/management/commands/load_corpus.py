from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chronology.corpus import CorpusInvalid, corpus_load


class Command(BaseCommand):
    help = "Validate a corpus folder (YAML, see docs/corpus-format.md) and load it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CORPUS_DIR), help="corpus folder or file")
        parser.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")

    def handle(self, *args, path, dry_run, **options):
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
