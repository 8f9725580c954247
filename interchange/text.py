"""Making imported text safe: sanitised HTML, plain text, links, slugs and spreadsheet cells.

Whatever a file brings is shown to visitors, so nothing in it may run: summaries keep a small set of
formatting tags (nh3, the Ammonia sanitiser), titles are plain text, and only http(s) and mailto links
survive.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import nh3
from slugify import slugify

ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "i", "b", "ul", "ol", "li", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_SCHEMES = {"http", "https", "mailto"}
MEDIA_SCHEMES = {"http", "https"}

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A CSS colour as TimelineJS takes it for a background: #rgb, #rrggbb or a colour name.
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[a-zA-Z]{3,20}")

_SPACES = re.compile(r"\s+")


def sanitise_html(value: object) -> str:
    """Rich text reduced to the allow-list; scripts, event handlers and javascript: links are removed."""
    text = _as_text(value)
    if not text:
        return ""
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        url_relative="deny",  # a relative or //host link would point into the atlas or hide its scheme
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def plain_text(value: object) -> str:
    """Text with every tag dropped and entities decoded, on one line: what a title may be."""
    text = _as_text(value)
    if not text:
        return ""
    # A line break or paragraph end must not glue two words together once the tags are gone.
    spaced = re.sub(r"(?i)<\s*(br|/p|/li|/div|/h\d)\b[^>]*>", " ", text)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    return _SPACES.sub(" ", html.unescape(stripped)).strip()


def web_address(value: object) -> str:
    """The URL if it is an absolute http(s) address, else ""."""
    text = _as_text(value).strip()
    if not text or any(c.isspace() for c in text):
        return ""
    parts = urlsplit(text)
    return text if parts.scheme.lower() in MEDIA_SCHEMES and parts.netloc else ""


def is_colour(value: str) -> bool:
    return bool(COLOUR.fullmatch(value))


def is_slug(value: str) -> bool:
    return bool(SLUG.fullmatch(value))


class SlugMaker:
    """Gives each record of one file a distinct slug from its title (`-2`, `-3` for repeats)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._reserved: set[str] = set()

    def reserve(self, slugs: Iterable[str]) -> None:
        """Slugs the file gives later rows: a slug made from a title must not take one of them first."""
        self._reserved.update(slug for slug in slugs if slug)

    def claim(self, slug: str) -> bool:
        """Reserve a slug given in the file; False when it is already taken."""
        if slug in self._taken:
            return False
        self._taken.add(slug)
        return True

    def make(self, title: str, fallback: str) -> str:
        # unidecode inside python-slugify spells any script in ASCII (Kırım → kirim, Баку → baku).
        base = slugify(title, max_length=80, word_boundary=True) or fallback
        candidate, number = base, 2
        while candidate in self._taken or candidate in self._reserved:
            candidate, number = f"{base}-{number}", number + 1
        self._taken.add(candidate)
        return candidate


# Spreadsheets run a cell that starts with = + - @ as a formula (a "CSV injection"); an exported cell
# that would be read that way gets a leading apostrophe, which spreadsheets show as text and drop.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-\d+(?:\.\d+)?")  # a negative number reads the same as text


def spreadsheet_cell(value: str) -> str:
    if value.startswith("'") or (value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def from_spreadsheet_cell(value: str) -> str:
    if value.startswith("'") and value[1:].startswith((*_FORMULA_START, "'")):
        return value[1:]
    return value


def quote_title(title: str) -> str:
    """A plain-text title placed where TimelineJS expects HTML: shown as written, never run."""
    return html.escape(title, quote=False)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    return value if isinstance(value, str) else str(value)
