"""The one in-memory form every reader produces and every writer consumes.

A reader never writes to the database: it returns a `ReadResult` (a `Timeline` plus the problems it
found, row by row), and whoever applies it decides what to do with records that have problems. Text is
already cleaned here: titles are plain text, summaries and captions are sanitised HTML (see `text.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Text in several languages: {"tr": "...", "en": "..."}; a missing language is simply absent.
Translations = dict[str, str]


class FormatError(ValueError):
    """The file is not what it claims to be (not JSON, wrong columns, wrong encoding, too large).

    Raised once for the whole file, never for a bad row: bad rows become `Problem`s.
    """


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record, with where it is, which field, and how to fix it."""

    where: str  # "slide 4 (“Ada Lovelace”)", "row 7 (treaty-of-moscow)"
    field: str
    message: str
    row: int | str = ""  # the `source_row` of the record it concerns, to show problems beside their rows

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class MediaLink:
    """A picture, video, map, page or sound by its address; never fetched, only linked.

    TimelineJS also lets a slide's media be a quotation (`<blockquote>…</blockquote>` in place of a URL);
    that is kept as sanitised HTML in `quote`, with `url` empty.
    """

    url: str = ""
    caption: str = ""  # sanitised HTML
    credit: str = ""  # sanitised HTML
    thumbnail: str = ""  # an http(s) URL or empty
    alt: str = ""  # plain text
    title: str = ""  # plain text
    link: str = ""  # an http(s) URL the media opens, or empty
    quote: str = ""  # sanitised HTML, for quotation media


@dataclass(frozen=True)
class CitationRef:
    source: str  # a source slug
    locator: str = ""  # a page, a file number


@dataclass(frozen=True)
class EventRecord:
    """An event as the atlas understands it, from whichever format it came.

    `date_edtf` is day precision at most (EDTF level 0/1, years -9999…9999, astronomical numbering as
    both EDTF and TimelineJS use: year 0 is 1 BCE, -44 is 45 BCE). Times of day are not part of the
    atlas's dates; they are kept as text in `time` / `end_time` ("14:30", "09:05:30.250").
    """

    slug: str
    date_edtf: str
    title: Translations
    summary: Translations = field(default_factory=dict)  # sanitised HTML
    time: str = ""
    end_time: str = ""
    display_date: str = ""  # how the source wants the date shown, kept as written
    category: str = ""
    group: str = ""  # TimelineJS's group: a theme by name
    places: tuple[str, ...] = ()  # place slugs
    citations: tuple[CitationRef, ...] = ()
    media: tuple[MediaLink, ...] = ()
    background: str = ""  # an http(s) image URL or a CSS colour (#rrggbb or a name)
    source_row: int | str = ""  # where it came from, for messages: slide number, CSV line


@dataclass(frozen=True)
class EraRecord:
    """A period shown as a band behind the events (TimelineJS `eras`), not an event."""

    date_edtf: str  # an interval
    title: Translations
    summary: Translations = field(default_factory=dict)
    source_row: int | str = ""


@dataclass(frozen=True)
class TitleSlide:
    """The opening slide of a TimelineJS timeline: what the whole timeline is about."""

    title: Translations
    summary: Translations = field(default_factory=dict)
    media: tuple[MediaLink, ...] = ()
    background: str = ""
    source_row: int | str = ""


@dataclass(frozen=True)
class Timeline:
    events: tuple[EventRecord, ...] = ()
    eras: tuple[EraRecord, ...] = ()
    title: TitleSlide | None = None


@dataclass(frozen=True)
class ReadResult:
    """What a reader understood, and every problem it found on the way (empty when all is well)."""

    timeline: Timeline
    problems: tuple[Problem, ...] = ()
    # What was read but not kept as written (a title made for a slide without headline, a media link
    # dropped): the record is whole enough to load, and the curator is told what changed.
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing: only then should anything be loaded."""
        return not self.problems
