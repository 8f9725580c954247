from django.core.management.base import BaseCommand, CommandError

from chronology.audit import corpus_audit


class Command(BaseCommand):
    help = "Report what a historian would flag: uncited events, missing translations, dangling references."

    def handle(self, *args, **options):
        findings = corpus_audit()
        for finding in findings:
            self.stdout.write(str(finding))
        if findings:
            raise CommandError(f"{len(findings)} finding(s).")
        self.stdout.write(self.style.SUCCESS("The corpus audits clean."))
