"""StoryMapJS (Knight Lab) JSON of a lesson: an overview slide, then one slide a step on the map.

The shape is StoryMapJS's own (storymap.knightlab.com/advanced, "JSON syntax"): `storymap.slides`, the
first of `type: "overview"`, each other with `location` ({lat, lon, zoom}), `text` ({headline, text}),
`date` (display text) and optionally `media` ({url, caption, credit}). StoryMapJS puts `headline` and
`text` into the page as HTML, so every curator's string is escaped here and the only markup is the
paragraphs written around it. Nothing here touches the database: `frontend.storymap` gathers the story.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from .text import web_address

MAP_TYPE = "osm:standard"  # StoryMapJS's default tiles; the atlas's own basemap is not a tile server


@dataclass(frozen=True)
class StoryCitation:
    label: str
    locator: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class StorySlide:
    headline: str
    date: str = ""  # as the atlas words it ("16 March 1921"): StoryMapJS shows it as given
    paragraphs: tuple[str, ...] = ()  # the caption, then the event's summary
    citations: tuple[StoryCitation, ...] = ()
    location: tuple[float, float, int] | None = None  # lat, lon, zoom
    media_url: str = ""
    media_caption: str = ""
    media_credit: str = ""


@dataclass(frozen=True)
class Story:
    title: str
    language: str
    summary: str = ""
    slides: list[StorySlide] = field(default_factory=list)
    sources_heading: str = "Sources"


def _paragraphs(texts) -> str:
    # A curator's blank line is a paragraph break; line breaks inside a paragraph stay breaks.
    out = []
    for text in texts:
        for part in str(text).replace("\r\n", "\n").split("\n\n"):
            if part.strip():
                out.append("<p>" + "<br>".join(html.escape(line) for line in part.strip().split("\n")) + "</p>")
    return "".join(out)


def _citation(citation: StoryCitation) -> str:
    said = ", ".join(part for part in (citation.label, citation.locator) if part)
    if citation.evidence:
        said = f"{said}: “{citation.evidence}”" if said else f"“{citation.evidence}”"
    return f"<li>{html.escape(said)}</li>"


def _slide_text(slide: StorySlide, sources_heading: str) -> str:
    text = _paragraphs(slide.paragraphs)
    if slide.citations:
        items = "".join(_citation(c) for c in slide.citations)
        text += f"<p>{html.escape(sources_heading)}</p><ul>{items}</ul>"
    return text


def _slide(slide: StorySlide, sources_heading: str) -> dict:
    out: dict = {
        "date": html.escape(slide.date),
        "text": {"headline": html.escape(slide.headline), "text": _slide_text(slide, sources_heading)},
    }
    if slide.location is not None:
        lat, lon, zoom = slide.location
        out["location"] = {"lat": lat, "lon": lon, "zoom": zoom, "line": True}
    # A medium is a link StoryMapJS loads in the visitor's browser: only an absolute http(s) address goes out.
    url = web_address(slide.media_url)
    if url:
        out["media"] = {
            "url": url,
            "caption": html.escape(slide.media_caption),
            "credit": html.escape(slide.media_credit),
        }
    return out


def write_storymap(story: Story) -> bytes:
    """The story as StoryMapJS JSON, UTF-8, with `<`, `>` and `&` as JSON escapes like the atlas's other
    JSON files (the escaped HTML means the same; a file shown as text carries no markup)."""
    overview = {
        "type": "overview",
        "date": "",
        "text": {"headline": html.escape(story.title), "text": _paragraphs([story.summary])},
    }
    document = {
        # Each slide carries the zoom the teacher chose (or the atlas's default): StoryMapJS must not
        # recompute it from the distances between slides.
        "calculate_zoom": False,
        "storymap": {
            "language": story.language,
            "map_type": MAP_TYPE,
            "map_as_image": False,
            "attribution": "Chronoatlas",
            "slides": [overview, *(_slide(slide, story.sources_heading) for slide in story.slides)],
        },
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    for character, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")
