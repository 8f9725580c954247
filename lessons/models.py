"""Lessons: an ordered list of steps a teacher projects and hands to students.

A step points at an event. Deleting or unpublishing the event keeps the step (its event becomes null, or
stays but is hidden) and the lesson says what is missing in that step's place: a dead screen in front of
a class is worse than a step that explains itself.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chronology.models import Collection, Event, Status, seed_collection_id
from common.dates import InvalidDate, parse_date
from common.history import register_history
from common.models import SLUG_HELP
from common.translation import TranslatedField
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


register_history(Lesson, follow=("steps",))
register_history(LessonStep, follow=("citations",))
