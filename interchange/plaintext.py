"""Between the formats' sanitised HTML and the atlas's plain-text summaries, both ways.

The atlas stores summaries, captions and credits as plain text (the page shows them as text, never as
markup). Imported HTML becomes paragraphs separated by a blank line, with each link kept as
"text (url)"; on the way out, text is escaped and its paragraphs wrapped in <p>, so a `<script>` a curator
typed is shown as those characters in TimelineJS, never run.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []  # the href of each open <a>, "" when it has none
        self.skipping = 0  # inside <script>/<style>: their content is not text

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))


def html_to_text(markup: str) -> str:
    """Plain text from (already sanitised) HTML: paragraphs kept as blank lines, links as "text (url)"."""
    if not markup:
        return ""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()


def text_to_html(text: str) -> str:
    """Plain text as HTML a TimelineJS slide shows as written: escaped, one <p> a paragraph."""
    paragraphs = [part.strip() for part in _BLANK_LINES.split(text or "") if part.strip()]
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
