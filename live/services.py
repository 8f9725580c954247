"""Starting, moving and ending a live class. Only the holder of the class's token may move it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.translation import language_codes
from lessons.models import Lesson
from live.models import CODE_ALPHABET, CODE_LENGTH, IDLE_LIMIT, LiveClass

# Ended classes are deleted a day later, when the next class starts: there is nothing in them worth keeping.
KEEP_ENDED = IDLE_LIMIT * 4


class LiveError(Exception):
    """A request about a live class that cannot be done; `status` is the HTTP status that says why."""

    status = 400


class NoSuchClass(LiveError):
    status = 404


class ClassOver(LiveError):
    status = 410


class NotTheTeacher(LiveError):
    status = 403


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a student typed, as the code is stored: capitals, no spaces or dashes ("ab3 k7q" → "AB3K7Q")."""
    return "".join(raw.split()).replace("-", "").upper()


def step_count(lesson_slug: str) -> int | None:
    """The published lesson's number of steps, or None when no published lesson has that slug."""
    lesson = Lesson.objects.published().filter(slug=lesson_slug).first()
    return None if lesson is None else lesson.steps.count()


def _checked_step(raw, count: int) -> int:
    # bool is an int in Python; `true` is not a step number.
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise LiveError(_("“step” must be a whole number (1 for the first step)."))
    if not 1 <= raw <= count:
        raise LiveError(
            _("This lesson has %(count)d steps; there is no step %(step)d.") % {"count": count, "step": raw}
        )
    return raw


def class_start(*, lesson_slug, step=1, lang=None) -> tuple[LiveClass, str]:
    """A new live class on a published lesson's step, and the teacher's token (shown once, never stored)."""
    if not isinstance(lesson_slug, str) or not lesson_slug:
        raise LiveError(_("Say which lesson: “lesson” is the lesson's slug."))
    count = step_count(lesson_slug)
    if count is None:
        raise LiveError(_("There is no published lesson “%(slug)s”.") % {"slug": lesson_slug[:80]})
    if not count:
        raise LiveError(_("This lesson has no steps yet: there is nothing to follow."))
    step = _checked_step(step, count)
    lang = lang or settings.LANGUAGE_CODE
    if lang not in language_codes():
        raise LiveError(
            _("“%(lang)s” is not a language of the atlas; use one of %(codes)s.")
            % {"lang": str(lang)[:10], "codes": ", ".join(language_codes())}
        )
    now = timezone.now()
    LiveClass.objects.filter(changed_at__lt=now - KEEP_ENDED).delete()
    LiveClass.objects.filter(ended_at__lt=now - KEEP_ENDED).delete()
    token = secrets.token_urlsafe(32)
    for _attempt in range(10):  # a code already in use: another one (a one-in-millions chance each time)
        try:
            with transaction.atomic():
                live = LiveClass.objects.create(
                    code=new_code(), lesson_slug=lesson_slug, lang=lang, step=step, token_hash=_hash(token)
                )
            return live, token
        except IntegrityError:
            continue
    raise LiveError(_("No free join code was found; try again."))


def live_class(code: str) -> LiveClass:
    """The class with that code (as typed: any case, spaces), or NoSuchClass."""
    live = LiveClass.objects.filter(code=normalise_code(code or "")).first()
    if live is None:
        raise NoSuchClass(
            _("There is no live class with the code “%(code)s”. Check the code on the screen.")
            % {"code": (code or "")[:12]}
        )
    return live


def running_class(code: str) -> LiveClass:
    live = live_class(code)
    if live.is_over():
        raise ClassOver(_("This live class has ended."))
    return live


def teachers_class(code: str, token: str | None) -> LiveClass:
    """The running class `token` may move; NotTheTeacher without the token or with another class's."""
    live = running_class(code)
    if not token or not hmac.compare_digest(_hash(token), live.token_hash):
        raise NotTheTeacher(_("Only the teacher who started this class can move it (its token is missing or wrong)."))
    return live


def _change(live: LiveClass, **fields) -> LiveClass:
    # One UPDATE that raises the version in the database: two quick key presses in two tabs never give two
    # states the same version, which a stream would take for one.
    LiveClass.objects.filter(pk=live.pk).update(**fields, version=F("version") + 1, changed_at=timezone.now())
    live.refresh_from_db()
    return live


def class_step(live: LiveClass, step) -> LiveClass:
    count = step_count(live.lesson_slug)
    if count is None:
        raise LiveError(_("The lesson “%(slug)s” is no longer published.") % {"slug": live.lesson_slug})
    return _change(live, step=_checked_step(step, count))


def class_release(live: LiveClass) -> LiveClass:
    return _change(live, released=True)


def class_recall(live: LiveClass) -> LiveClass:
    return _change(live, released=False)


def class_end(live: LiveClass) -> LiveClass:
    return _change(live, ended_at=timezone.now())
