"""BibTeX (and biblatex) files, read and written with bibtexparser 2, text escaped with pylatexenc.

Text fields are LaTeX-encoded on the way out (ş → \\c{s}, & → \\&, braces and % escaped) so BibTeX and
biber read them back as written, and decoded on the way in. Dates, DOIs and URLs are not LaTeX: a
"~" in an EDTF date means "around", not a LaTeX space, and a "%" in a URL is not a comment.
"""

from __future__ import annotations

import re

import bibtexparser
import pylatexenc.latex2text
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latexencode import RULE_DICT, RULE_REGEX, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from .records import FormatError
from .works import ARCHIVE, ARTICLE, BOOK, MEMOIR, OTHER, Name, Work, names_from_text

MEDIA_TYPE = "application/x-bibtex"

_ENTRY_OF_KIND = {ARTICLE: "article", BOOK: "book", MEMOIR: "book", ARCHIVE: "unpublished", OTHER: "misc"}
_ARTICLE_ENTRIES = {"article", "incollection", "inproceedings", "conference", "inbook", "inreference", "suppperiodical"}
_BOOK_ENTRIES = {"book", "mvbook", "booklet", "collection", "mvcollection", "proceedings", "reference", "thesis"}
_BOOK_ENTRIES |= {"phdthesis", "mastersthesis"}
_NOT_LATEX = {"date", "doi", "url", "isbn", "year"}

# pylatexenc's defaults, plus what TeX would otherwise turn into other characters: `"` (a babel shorthand,
# and pylatexenc writes it as '' which reads back as a curly quote) and the ligatures -- ''  `` (an
# en dash, closing and opening quotes), broken with an empty group so they stay the characters typed.
_encoder = UnicodeToLatexEncoder(
    conversion_rules=[
        UnicodeToLatexConversionRule(RULE_DICT, {ord('"'): r"{\textquotedbl}"}),
        UnicodeToLatexConversionRule(RULE_REGEX, [(re.compile(r"([-'`])(?=\1)"), r"\1{}")]),
        "defaults",
    ],
    unknown_char_policy="keep",
)
_context = pylatexenc.latex2text.get_default_latex_context_db()
_context.add_context_category(
    "chronoatlas", prepend=True, macros=[MacroTextSpec("textquotedbl", '"'), MacroTextSpec("textasciicircum", "^")]
)
_decoder = LatexNodes2Text(latex_context=_context, math_mode="verbatim")


def write_bibtex(works: list[Work]) -> bytes:
    library = bibtexparser.Library()
    for work in works:
        library.add(Entry(_ENTRY_OF_KIND[work.kind], work.key, _fields(work)))
    return bibtexparser.write_string(library).encode("utf-8")


def _fields(work: Work) -> list[Field]:
    values = [
        ("author", " and ".join(_bibtex_name(name) for name in work.names)),
        ("title", _encoder.unicode_to_latex(work.title)),
        ("year", str(work.year or "")),
        ("date", work.date),  # biblatex's date is ISO 8601-2 (EDTF): ranges and ~ ? as the atlas writes them
        ("type", "memoir" if work.kind == MEMOIR else ""),
        ("shorthand", _encoder.unicode_to_latex(work.label)),  # biblatex's label a style cites it by
        ("archive", _encoder.unicode_to_latex(work.archive)),
        ("archive_location", _encoder.unicode_to_latex(work.archive_location)),
    ]
    return [Field(name, value) for name, value in values if value]


def _bibtex_name(name: Name) -> str:
    if name.literal:
        # Braced, so BibTeX takes "Türk Tarih Kurumu" as one name, not given names and a family name.
        return "{" + _encoder.unicode_to_latex(name.literal) + "}"
    family = " ".join(part for part in (name.particle, name.family) if part)
    parts = [family, name.suffix, name.given] if name.suffix else [family, name.given]
    return ", ".join(_encoder.unicode_to_latex(part) for part in parts)


def read_bibtex(text: str) -> list[Work]:
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            raise FormatError(
                f"The BibTeX entry on line {line} repeats the key {block.key!r}; give each entry its own key."
            )
        error = str(getattr(block, "error", "")).strip().splitlines()
        raise FormatError(
            f"The BibTeX file cannot be read from line {line}: {error[-1] if error else 'a syntax error'}. "
            "Check the braces and commas of that entry."
        )
    if not library.entries:
        raise FormatError(
            "The file holds no BibTeX entries (@book{key, title = {…}, …}); is it a BibTeX export "
            "(Zotero: “Export Collection… → BibTeX”)?"
        )
    return [_work(entry) for entry in library.entries]


def _value(entry: Entry, name: str) -> str:
    field = entry.fields_dict.get(name)
    if field is None or not isinstance(field.value, str):
        return ""
    value = field.value.strip()
    if name in _NOT_LATEX:
        return value.strip("{}").strip()
    return " ".join(_decoder.latex_to_text(value).split())


def _work(entry: Entry) -> Work:
    line = f" (line {entry.start_line + 1})" if entry.start_line is not None else ""
    work = Work(where=f"entry {entry.key}{line}", key=entry.key)
    kind = entry.entry_type.lower()
    subtype = _value(entry, "type").casefold()
    work.archive, work.archive_location = _value(entry, "archive"), _value(entry, "archive_location")
    if kind in _BOOK_ENTRIES:
        work.kind = MEMOIR if subtype == "memoir" else BOOK
    elif kind in _ARTICLE_ENTRIES:
        work.kind = ARTICLE
    elif kind in {"unpublished", "manuscript"} and (work.archive or work.archive_location):
        work.kind = ARCHIVE
    work.title = _value(entry, "title")
    if not work.title:
        work.problems.append("It has no title; give it one in the reference manager and export again.")
    work.label = _value(entry, "shorthand")
    work.names = _names(entry)
    date, year = _value(entry, "date"), _value(entry, "year")
    # A document's date is when it was written, not a year of publication: without a `year`, only a
    # published work takes its year from its date.
    years = re.findall(r"\d{4}", year or ("" if work.kind == ARCHIVE else date))
    work.year = int(years[0]) if years else None
    if year and not years:
        work.problems.append(f"Its year {year!r} is not a year.")
    if date and not re.fullmatch(r"\d{4}", date):
        work.date = date
    work.identifiers = {name.upper(): _value(entry, name) for name in ("doi", "isbn", "url") if _value(entry, name)}
    return work


def _names(entry: Entry) -> list[Name]:
    field = entry.fields_dict.get("author") or entry.fields_dict.get("editor")
    if field is None or not isinstance(field.value, str):
        return []
    names = []
    for name in names_from_text(field.value):
        decoded = {key: _decoder.latex_to_text(value) for key, value in vars(name).items()}
        names.append(Name(**decoded))
    return names
