from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.translation import language_codes
from frontend.storymap import lesson_storymap
from lessons.models import Lesson

FORMATS = ("storymap",)


class Command(BaseCommand):
    help = "Export a lesson as a StoryMapJS story (JSON): an overview slide, then a slide a step at its place."

    def add_arguments(self, parser):
        parser.add_argument("lesson", help="the lesson's slug")
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=FORMATS, default="storymap")
        parser.add_argument("--lang", default="", help="the story's language (default: the first)")

    def handle(self, *args, lesson, path, format, lang, **options):
        lang = lang or language_codes()[0]
        if lang not in language_codes():
            raise CommandError(f"Unknown language {lang!r}; use one of {', '.join(language_codes())}.")
        # A command is the curator's own: drafts export too, as the admin's button does.
        data = lesson_storymap(slug=lesson, lang=lang, drafts=True)
        if data is None:
            known = ", ".join(Lesson.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No lesson {lesson!r}; the lessons are: {known}.")
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
