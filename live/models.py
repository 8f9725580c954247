"""A live class: the step a teacher's projected screen is on, which every student's phone follows.

The state lives in one row so that every worker (and every server on one database) sees the same class
without a message broker: the streams read it (live/stream.py). Nothing about the students is stored, not
even how many there are; the teacher is known only by a token, of which only a hash is kept.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Letters and digits nobody confuses when copying them from a projected screen to a phone: no 0/O, 1/I/L,
# 2/Z, 5/S, 8/B. 25 ** 6 is 244 million codes, for a few classes at a time.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
# A class nobody has moved for this long is over: a lesson is a few hours at most, and a code must not stay
# usable until the next day's class.
IDLE_LIMIT = timedelta(hours=6)


class LiveClass(models.Model):
    code = models.CharField(_("join code"), max_length=CODE_LENGTH, unique=True)
    lesson_slug = models.SlugField(_("lesson"), max_length=120)
    lang = models.CharField(_("language"), max_length=8)
    step = models.PositiveSmallIntegerField(_("step"), default=1)
    released = models.BooleanField(_("released to explore"), default=False)
    # Raised by every change: a stream sends a state when it sees a version it has not sent.
    version = models.PositiveIntegerField(_("version"), default=1)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # SHA-256 of the teacher's token: the token is 256 random bits, so a fast hash is enough, and a copy of
    # the database cannot move a class.
    token_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("live class")
        verbose_name_plural = _("live classes")

    def __str__(self) -> str:
        return self.code

    def is_over(self, now=None) -> bool:
        return self.ended_at is not None or self.changed_at < (now or timezone.now()) - IDLE_LIMIT

    def state(self) -> dict:
        """What a student's phone is told: the one message of the live connection."""
        return {
            "code": self.code,
            "lesson": self.lesson_slug,
            "lang": self.lang,
            "step": self.step,
            "released": self.released,
            "version": self.version,
            "ended": self.is_over(),
        }


class LiveAnswer(models.Model):
    """One phone's answer to a step's quick question. The phone is known only by a hash of a random token it
    keeps, mixed with the class's code: nothing names it, and it cannot be followed from one class to the next."""

    live_class = models.ForeignKey(LiveClass, on_delete=models.CASCADE, related_name="answers")
    step = models.PositiveSmallIntegerField(_("step"))
    device = models.CharField(max_length=64)
    choice = models.PositiveSmallIntegerField(_("choice"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            # Counted once per phone: a second answer is refused by the database itself, even when two
            # arrive at once.
            models.UniqueConstraint(fields=["live_class", "step", "device"], name="live_one_answer_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.live_class_id} #{self.step}: {self.choice}"
