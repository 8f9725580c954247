"""The `lessons:` section of a corpus, handed to the loader in chronology/corpus from LessonsConfig.ready."""

from chronology.corpus.spec import CITATIONS, Child, Section
from chronology.models import Status
from lessons.models import Lesson, LessonStep

STEPS = Child(
    LessonStep,
    "a step",
    fields=(
        "caption",
        "teacher_note",
        "date",
        "map_latitude",
        "map_longitude",
        "map_zoom",
        "question",
        "question_choices",
    ),
    references={"event": "events", "frame_route": "routes"},
    required=frozenset({"event", "citations"}),
    children={"citations": CITATIONS},
    positioned=True,
)

LESSONS_SECTION = Section(
    Lesson,
    scalars=("slug", "title", "summary", "level", "minutes", "status"),
    required=frozenset({"slug", "title"}),
    children={"steps": STEPS},
    # Corpus lessons are published unless they say otherwise, as corpus events are.
    defaults={"status": Status.PUBLISHED},
)
