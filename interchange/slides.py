"""TimelineJS slides ↔ records, shared by the JSON reader/writer and the Google-Sheets template.

A slide here is the dictionary TimelineJS's JSON format uses (start_date, end_date, display_date,
text.headline, text.text, media, group, background, unique_id); the sheet reader builds the same
dictionaries from its rows, so both formats are checked by one set of rules.
"""

from __future__ import annotations

import re

from django.conf import settings

from .records import EraRecord, EventRecord, MediaLink, Problem, TitleSlide, Translations
from .text import SlugMaker, is_colour, is_slug, plain_text, quote_title, sanitise_html, web_address
from .timelinejs_dates import DateProblem, read_dates, timelinejs_date, timelinejs_parts

TITLE_WORDS = 8  # of a slide's text, for the title of a slide without headline
_IFRAME_SRC = re.compile(r"""<iframe\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def pick_language(texts: Translations, language: str) -> str:
    """The text in `language`, else in the first configured language that has one."""
    if texts.get(language):
        return texts[language]
    for code in language_codes():
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


def absolute(value: object) -> str:
    """A protocol-relative address (`//www.flickr.com/…`, common in TimelineJS files) as https."""
    text = str(value or "").strip()
    return f"https:{text}" if text.startswith("//") and not text.startswith("///") else text


class SlideReader:
    """Turns slides into records for one file, collecting problems instead of stopping at the first."""

    def __init__(self, *, language: str) -> None:
        self.language = language
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.slugs = SlugMaker()
        self.row: int | str = ""  # the row or slide being read, so each problem says which record it concerns

    def problem(self, where: str, field: str, message: str) -> None:
        self.problems.append(Problem(where, field, message, self.row))

    def warn(self, where: str, field: str, message: str) -> None:
        self.warnings.append(Problem(where, field, message, self.row))

    def _text(self, value: object) -> Translations:
        return {self.language: value} if value else {}

    def _headline(self, slide: dict) -> str:
        text = slide.get("text")
        return plain_text(text.get("headline")) if isinstance(text, dict) else ""

    def _summary(self, slide: dict) -> str:
        text = slide.get("text")
        return sanitise_html(text.get("text")) if isinstance(text, dict) else ""

    def where(self, label: str, slide: dict) -> str:
        headline = self._headline(slide)
        return f"{label} (“{headline[:60]}”)" if headline else label

    def event(self, slide: object, label: str, row: int | str) -> EventRecord | None:
        self.row = row
        if not isinstance(slide, dict):
            self.problem(label, "slide", "is not an object with start_date and text; remove or fix it.")
            return None
        where = self.where(label, slide)
        try:
            date = read_dates(slide.get("start_date"), slide.get("end_date"), plain_text(slide.get("display_date")))
        except DateProblem as problem:
            self.problem(where, problem.field, problem.message)
            return None
        if date.left_out:
            self.warn(where, "start_date", f"{date.left_out}.")
        background = self.background(slide.get("background"), where)
        if background:
            # Accepted, never a refusal: the slide comes in, and the curator knows the picture or colour did not.
            self.warn(
                where, "background", "is not shown: the atlas draws no slide backgrounds; the slide imports without it."
            )
        title = self._headline(slide) or self._made_title(slide, date.display_date or date.edtf)
        if not self._headline(slide):
            # TimelineJS shows a slide without headline; the atlas needs a title, so one is made and said.
            self.warn(where, "text.headline", f"is empty; the title “{title}” was made from the slide.")
        return EventRecord(
            slug=self._slug(slide, where, title, label),
            date_edtf=date.edtf,
            title=self._text(title),
            summary=self._text(self._summary(slide)),
            time=date.time,
            end_time=date.end_time,
            display_date=date.display_date,
            group=plain_text(slide.get("group")),
            media=self.media(slide.get("media"), where),
            background=background,
            source_row=row,
        )

    def _made_title(self, slide: dict, date: str) -> str:
        words = plain_text(self._summary(slide)).split()
        if not words:
            return date
        return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")

    def _slug(self, slide: dict, where: str, title: str, label: str) -> str:
        given = plain_text(slide.get("unique_id"))
        if given and is_slug(given):
            if self.slugs.claim(given):
                return given
            self.warn(where, "unique_id", f"{given!r} is used by an earlier slide, so this one gets a slug of its own.")
        return self.slugs.make(given or title, fallback=label.replace(" ", "-"))

    def era(self, slide: object, label: str, row: int | str) -> EraRecord | None:
        self.row = row
        if not isinstance(slide, dict):
            self.problem(label, "era", "is not an object with start_date, end_date and text; fix it.")
            return None
        where = self.where(label, slide)
        try:
            date = read_dates(slide.get("start_date"), slide.get("end_date"), "")
        except DateProblem as problem:
            self.problem(where, problem.field, problem.message)
            return None
        return EraRecord(
            date_edtf=date.edtf,
            title=self._text(self._headline(slide)),
            summary=self._text(self._summary(slide)),
            source_row=row,
        )

    def title(self, slide: object, label: str, row: int | str) -> TitleSlide | None:
        self.row = row
        if not isinstance(slide, dict):
            self.problem(label, "title", "is not an object with text and media; fix it.")
            return None
        where = self.where(label, slide)
        return TitleSlide(
            title=self._text(self._headline(slide)),
            summary=self._text(self._summary(slide)),
            media=self.media(slide.get("media"), where),
            background=self.background(slide.get("background"), where),
            source_row=row,
        )

    def media(self, media: object, where: str) -> tuple[MediaLink, ...]:
        if not isinstance(media, dict):
            return ()
        raw_url = absolute(media.get("url"))
        if not raw_url:
            return ()
        url, quote = "", ""
        if raw_url.lower().startswith("<blockquote"):
            quote = sanitise_html(raw_url)
        elif raw_url.startswith("<"):
            src = _IFRAME_SRC.search(raw_url)
            url = web_address(absolute(src.group(1))) if src else ""
            if not url:
                self.warn(
                    where,
                    "media.url",
                    "is HTML but not a quotation or an iframe with an http(s) src; "
                    "give the media's web address instead.",
                )
                return ()
        else:
            url = web_address(raw_url)
            if not url:
                self.warn(
                    where,
                    "media.url",
                    f"{raw_url[:80]!r} is not an http(s) address; media are kept "
                    "only as web links: give the full https://… address.",
                )
                return ()
        return (
            MediaLink(
                url=url,
                quote=quote,
                caption=sanitise_html(media.get("caption")),
                credit=sanitise_html(media.get("credit")),
                thumbnail=self._link(media.get("thumbnail"), where, "media.thumbnail"),
                alt=plain_text(media.get("alt")),
                title=plain_text(media.get("title")),
                link=self._link(media.get("link"), where, "media.link"),
            ),
        )

    def _link(self, value: object, where: str, field: str) -> str:
        text = absolute(value)
        if text and not web_address(text):
            self.warn(where, field, f"{text[:80]!r} is not an http(s) address; give the full https://… address.")
            return ""
        return text

    def background(self, background: object, where: str) -> str:
        if isinstance(background, str):  # the sheet's Background column: a URL or a colour
            text = background.strip()
            background = {"url": text} if "/" in text else {"color": text}
        if not isinstance(background, dict):
            return ""
        url = self._link(background.get("url"), where, "background.url")
        if url:
            return url
        colour = str(background.get("color") or "").strip()
        if colour and not is_colour(colour):
            self.warn(where, "background.color", f"{colour!r} is not a colour; write it as #rrggbb or a name.")
            return ""
        return colour


def _title(texts: Translations, language: str) -> str:
    # A title is plain text already; escaping (not stripping) keeps "x < y" as written and inert.
    return quote_title(pick_language(texts, language))


def _summary(texts: Translations, language: str) -> str:
    return sanitise_html(pick_language(texts, language))


def event_slide(record: EventRecord, *, language: str) -> dict:
    """An event as a TimelineJS slide; a plain-text title is escaped, since TimelineJS renders HTML."""
    projection = timelinejs_parts(record.date_edtf)
    slide: dict = {"unique_id": record.slug, "start_date": timelinejs_date(projection.start, record.time)}
    if projection.end:
        slide["end_date"] = timelinejs_date(projection.end, record.end_time)
    if not projection.exact:
        # What TimelineJS cannot draw (approximate, uncertain, open-ended) travels as EDTF in a display date.
        if record.display_date:
            slide["start_date"]["display_date"] = record.date_edtf
        else:
            slide["display_date"] = record.date_edtf
    if record.display_date:
        slide["display_date"] = record.display_date
    slide["text"] = {
        "headline": _title(record.title, language),
        "text": _summary(record.summary, language),
    }
    if record.media:
        slide["media"] = media_object(record.media[0])
    if record.group:
        slide["group"] = record.group
    if record.background:
        slide["background"] = background_object(record.background)
    return slide


def era_slide(record: EraRecord, *, language: str) -> dict:
    projection = timelinejs_parts(record.date_edtf)
    slide: dict = {"start_date": timelinejs_date(projection.start)}
    # TimelineJS requires an era to end; an open-ended era ends where it starts.
    slide["end_date"] = timelinejs_date(projection.end or projection.start)
    slide["text"] = {
        "headline": _title(record.title, language),
        "text": _summary(record.summary, language),
    }
    return slide


def title_slide(record: TitleSlide, *, language: str) -> dict:
    slide: dict = {
        "text": {
            "headline": _title(record.title, language),
            "text": _summary(record.summary, language),
        }
    }
    if record.media:
        slide["media"] = media_object(record.media[0])
    if record.background:
        slide["background"] = background_object(record.background)
    return slide


def media_object(media: MediaLink) -> dict:
    obj = {"url": sanitise_html(media.quote) or web_address(media.url)}
    for key in ("caption", "credit"):
        if value := sanitise_html(getattr(media, key)):
            obj[key] = value
    for key in ("alt", "title"):
        if value := getattr(media, key):
            obj[key] = quote_title(value)
    for key in ("thumbnail", "link"):
        if value := web_address(getattr(media, key)):
            obj[key] = value
    return obj


def background_object(value: str) -> dict:
    if web_address(value):
        return {"url": value}
    return {"color": value} if is_colour(value) else {}
