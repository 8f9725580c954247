"""Starting, moving and ending a live class. Only the holder of the class's token may move it."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.translation import language_codes
from lessons.models import Lesson, LessonStep
from lessons.selectors import step_question
from live.models import CODE_ALPHABET, CODE_LENGTH, IDLE_LIMIT, LiveAnswer, LiveClass

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


class NotNow(LiveError):
    """Right in itself but not at this moment: answered already, or the class has moved on."""

    status = 409


# What a phone's answer token may be: join.js makes 32 hex digits; anything of this shape will do.
DEVICE_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")


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


def _class_step(live: LiveClass, number: int) -> LessonStep | None:
    """The lesson's step `number` (1 for the first), in the order the lessons API numbers them."""
    lesson = Lesson.objects.published().filter(slug=live.lesson_slug).first()
    if lesson is None:
        return None
    return lesson.steps.order_by("position", "id")[number - 1 : number].first()


def _device_hash(live: LiveClass, device: str) -> str:
    return _hash(f"{live.code}:{device}")


def class_answer(live: LiveClass, *, step, choice, device) -> LiveAnswer:
    """A phone's answer to the question of the class's current step, counted once per phone."""
    if not isinstance(device, str) or not DEVICE_TOKEN.fullmatch(device):
        raise LiveError(
            _("“device” must be this phone's answer token: 16 to 100 letters, digits, “-” or “_”. Reload the page.")
        )
    if isinstance(step, bool) or not isinstance(step, int):
        raise LiveError(_("“step” must be a whole number: the step whose question is answered."))
    if step != live.step:
        raise NotNow(
            _("The class has moved on to step %(now)d: the question of step %(step)d is closed.")
            % {"now": live.step, "step": step}
        )
    lesson_step = _class_step(live, step)
    question = step_question(lesson_step, live.lang) if lesson_step else None
    if question is None:
        raise LiveError(_("Step %(step)d has no question to answer.") % {"step": step})
    count = len(question["choices"])
    if isinstance(choice, bool) or not isinstance(choice, int) or not 1 <= choice <= count:
        raise LiveError(
            _("“choice” must be the number of one of the %(count)d choices (1 to %(count)d).") % {"count": count}
        )
    try:
        with transaction.atomic():
            return LiveAnswer.objects.create(
                live_class=live, step=step, choice=choice, device=_device_hash(live, device)
            )
    except IntegrityError:
        raise NotNow(_("This phone has already answered this question; its first answer is the one counted.")) from None


def class_tally(live: LiveClass) -> dict:
    """The answers to the current step's question so far: for the teacher, never for the phones."""
    lesson_step = _class_step(live, live.step)
    question = step_question(lesson_step, live.lang) if lesson_step else None
    counts = [0] * len(question["choices"]) if question else []
    answered = LiveAnswer.objects.filter(live_class=live, step=live.step).values_list("choice", flat=True)
    for choice in answered:
        if 1 <= choice <= len(counts):  # a choice the curator has since removed counts no more
            counts[choice - 1] += 1
    return {"step": live.step, "version": live.version, "question": question, "counts": counts, "total": sum(counts)}
