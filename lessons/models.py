"""Lessons: an ordered list of steps a teacher projects and hands to students.

A step points at an event. Deleting or unpublishing the event keeps the step (its event becomes null, or
stays but is hidden) and the lesson says what is missing in that step's place: a dead screen in front of
a class is worse than a step that explains itself.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chronology.models import Collection, Event, Status, seed_collection_id
from common.dates import InvalidDate, parse_date
from common.history import register_history
from common.models import SLUG_HELP
from common.translation import TranslatedField, translate
from geography.models import Route


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Lesson(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=SLUG_HELP)
    title = TranslatedField(_("title"))
    summary = TranslatedField(_("summary"), blank=True, multiline=True)
    collection = models.ForeignKey(
        Collection,
        on_delete=models.PROTECT,
        related_name="lessons",
        default=seed_collection_id,
        verbose_name=_("collection"),
    )
    # Free text rather than fixed choices: school systems name their years differently ("Lise 11–12. sınıf",
    # "upper secondary"), and the curator writes it in each language like the title.
    level = TranslatedField(
        _("level"), blank=True, help_text=_("Who the lesson is for, e.g. “upper secondary (ages 16–18)”.")
    )
    minutes = models.PositiveSmallIntegerField(
        _("time needed (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("About how long the lesson takes in class, in minutes. Empty: not said."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title.get("en") or self.title.get("tr") or self.slug


MIN_CHOICES = 2
MAX_CHOICES = 6


def choice_lines(text: str) -> list[str]:
    """The choices written one a line; blank lines are not choices."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_edtf(value: str) -> None:
    try:
        parse_date(value)
    except InvalidDate as error:
        raise ValidationError(
            _("Not a date the atlas reads (EDTF, e.g. 1920-11-05 or 1921-03): %(error)s"), params={"error": error}
        ) from error


class LessonStep(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="steps", verbose_name=_("lesson"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # SET_NULL, not PROTECT: deleting an event must not be blocked by a lesson, and the lesson must still
    # run; the step then says its event is gone.
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="lesson_steps", verbose_name=_("event")
    )
    caption = TranslatedField(
        _("caption"), blank=True, multiline=True, help_text=_("What the class reads on this step.")
    )
    teacher_note = TranslatedField(
        _("teacher's note"), blank=True, multiline=True, help_text=_("For the teacher: what to ask, what to point at.")
    )
    date = models.CharField(
        _("map date"),
        max_length=40,
        blank=True,
        validators=[validate_edtf],
        help_text=_("EDTF; the date the map shows on this step. Empty: the event's date."),
    )
    map_latitude = models.FloatField(
        _("map centre latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    map_longitude = models.FloatField(
        _("map centre longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(18)]
    )
    frame_route = models.ForeignKey(
        Route,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_steps",
        verbose_name=_("route to frame"),
        help_text=_("The map fits this route; else the centre and zoom above; else the event's places."),
    )
    # A quick question for a live class. The choices are lines of one text per language rather than rows of
    # their own so that they are written in the lesson's page beside the step (the admin cannot nest a
    # step's choices inside the lesson's steps); a choice is known by its line number, in every language.
    question = TranslatedField(
        _("quick question"),
        blank=True,
        help_text=_("A multiple-choice question the students answer on their phones in a live class. Empty: none."),
    )
    question_choices = TranslatedField(
        _("choices"),
        blank=True,
        multiline=True,
        help_text=_("One choice a line, 2 to 6, in the same order in every language."),
    )
    citations = GenericRelation("sources.Citation", related_query_name="lesson_step")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.lesson.slug} #{self.position}"

    def clean(self):
        super().clean()
        centre = (self.map_latitude, self.map_longitude, self.map_zoom)
        if any(value is not None for value in centre) and None in centre:
            raise ValidationError(_("A map view needs all three: centre latitude, centre longitude and zoom."))
        self._clean_question()

    def choices(self, lang: str) -> list[str]:
        """The question's choices in `lang` (another language's where `lang` has none), in order."""
        return choice_lines(translate(self.question_choices, lang))

    def _clean_question(self) -> None:
        if not any((self.question or {}).values()) and not any((self.question_choices or {}).values()):
            return
        errors: dict[str, list[str]] = {"question": [], "question_choices": []}
        for code, name in settings.LANGUAGES:
            if not (self.question or {}).get(code, "").strip():
                errors["question"].append(_("Write the question in %(language)s too.") % {"language": name})
            count = len(choice_lines((self.question_choices or {}).get(code, "")))
            if not MIN_CHOICES <= count <= MAX_CHOICES:
                errors["question_choices"].append(
                    _("%(language)s: %(count)d choices; write %(min)d to %(max)d, one a line.")
                    % {"language": name, "count": count, "min": MIN_CHOICES, "max": MAX_CHOICES}
                )
        counts = {len(choice_lines(text)) for text in (self.question_choices or {}).values()}
        if len(counts) > 1 and not errors["question_choices"]:
            errors["question_choices"].append(
                _("Every language needs the same number of choices, in the same order: a choice is known by its line.")
            )
        errors = {field: messages for field, messages in errors.items() if messages}
        if errors:
            raise ValidationError(errors)


register_history(Lesson, follow=("steps",))
register_history(LessonStep, follow=("citations",))
