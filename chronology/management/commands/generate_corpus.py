"""Deterministic synthetic corpora for measuring the atlas at scale (not for classrooms)."""

from django.core.management.base import BaseCommand, CommandError

from chronology.services import corpus_generate


class Command(BaseCommand):
    help = "Replace the generated corpus (slugs starting 'gen-') with N deterministic published events."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="how many events")
        parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same corpus")

    def handle(self, *args, events: int, seed: int, **options):
        if events < 1:
            raise CommandError("--events must be at least 1.")
        made = corpus_generate(events=events, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {made.events} events, {made.places} places, {made.routes} routes, "
                f"{made.sources} sources (seed {seed})."
            )
        )
