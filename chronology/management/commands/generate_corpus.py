"""Deterministic synthetic corpora for measuring the atlas at scale (not for classrooms)."""

from django.core.management.base import BaseCommand, CommandError

from chronology.services import corpus_generate


class Command(BaseCommand):
    help = "Replace the generated corpus (slugs starting 'gen-') with N deterministic published events."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="how many events")
        parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same corpus")
        parser.add_argument("--routes", type=int, help="how many routes (default: one per hundred events)")
        parser.add_argument("--areas", type=int, default=0, help="how many dated areas")

    def handle(self, *args, events: int, seed: int, routes: int | None, areas: int, **options):
        if events < 1:
            raise CommandError("--events must be at least 1.")
        if routes is not None and routes < 1:
            raise CommandError("--routes must be at least 1.")
        if areas < 0:
            raise CommandError("--areas must be 0 or more.")
        made = corpus_generate(events=events, seed=seed, routes=routes, areas=areas)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {made.events} events, {made.places} places, {made.routes} routes, "
                f"{made.sources} sources, {made.areas} areas (seed {seed})."
            )
        )
