"""CSL-JSON (the Citation Style Language's data format: what Zotero, Mendeley and pandoc read and write).

The schema is CSL-JSON 1.0.2 (citationstyles/schema, `csl-data.json`): a list of items, each with an
`id`, a `type`, names as `{family, given}` objects and dates as `date-parts` (with `edtf`, which 1.0.2
allows, so an atlas date such as "1920-09~" comes back exactly).
"""

from __future__ import annotations

import json
import re

from .files import parse_json
from .records import FormatError
from .works import ARCHIVE, ARTICLE, BOOK, MEMOIR, OTHER, Name, Work

MEDIA_TYPE = "application/vnd.citationstyles.csl+json"

_TYPE_OF_KIND = {ARTICLE: "article-journal", BOOK: "book", MEMOIR: "book", ARCHIVE: "manuscript", OTHER: "document"}
# Everything CSL calls a part of a periodical or a collection is an article to the atlas.
_ARTICLE_TYPES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "chapter",
    "entry-encyclopedia",
    "entry-dictionary",
    "paper-conference",
    "review",
    "review-book",
}
_IDENTIFIERS = ("DOI", "ISBN", "URL")
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def write_csl(works: list[Work]) -> bytes:
    """The works as one CSL-JSON array, UTF-8.

    `<`, `>` and `&` are written as JSON escapes (as the GeoJSON export does): the same text to every JSON
    reader, and no markup a curator's text carried if a browser sniffs the file as HTML.
    """
    text = json.dumps([_item(work) for work in works], ensure_ascii=False, indent=2)
    for character, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")


def _item(work: Work) -> dict:
    item: dict = {"id": work.key, "citation-key": work.key, "type": _TYPE_OF_KIND[work.kind]}
    if work.kind == MEMOIR:
        item["genre"] = "memoir"
    if work.label:
        item["citation-label"] = work.label
    if work.title:
        item["title"] = work.title
    if work.names:
        item["author"] = [_csl_name(name) for name in work.names]
    issued = _issued(work)
    if issued:
        item["issued"] = issued
    if work.archive:
        item["archive"] = work.archive
    if work.archive_location:
        item["archive_location"] = work.archive_location
    # What CSL has no variable for goes in `custom`, the schema's place for "additional information":
    # the note in each language (CSL's `note` is one string), and the year when `issued` carries a
    # document's date that is not its year (an archive file dated 1920-12-04 has no year of publication).
    custom = {}
    if any(text.strip() for text in work.note.values()):
        custom["note"] = {code: text for code, text in work.note.items() if text}
    if work.date and issued and work.year != _first_year(issued):
        custom["year"] = work.year
    if custom:
        item["custom"] = custom
    return item


def _first_year(issued: dict) -> int | None:
    parts = issued.get("date-parts") or [[None]]
    return parts[0][0]


def _csl_name(name: Name) -> dict:
    if name.literal:
        return {"literal": name.literal}
    parts = {"family": name.family, "given": name.given}
    if name.particle:
        parts["non-dropping-particle"] = name.particle
    if name.suffix:
        parts["suffix"] = name.suffix
    return parts


def _issued(work: Work) -> dict | None:
    if work.date:
        sides = [_DAY.match(side) for side in work.date.split("/")]
        parts = [[int(number) for number in match.groups() if number] for match in sides if match]
        issued: dict = {"date-parts": parts, "edtf": work.date} if parts else {"edtf": work.date}
        if "~" in work.date or "%" in work.date:
            issued["circa"] = True
        return issued
    return {"date-parts": [[work.year]]} if work.year else None


def read_csl(text: str) -> list[Work]:
    """The works of a CSL-JSON file (a list of items, as Zotero exports it); FormatError when it is not one."""
    data = parse_json(text)
    if isinstance(data, dict) and "id" in data and "type" in data:
        data = [data]  # one item alone, as some tools copy a single reference
    if not isinstance(data, list):
        raise FormatError(
            'The file is JSON but not CSL-JSON: CSL-JSON is a list of items ([{"id": …, "type": …, '
            '"title": …}, …]), as Zotero\'s “Export Collection… → CSL JSON” writes it.'
        )
    if not data:
        raise FormatError("The CSL-JSON file holds no items.")
    works = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise FormatError(f"Item {number} of the CSL-JSON file is not an object with an id, a type and a title.")
        works.append(_work(item, number))
    return works


def _text(item: dict, name: str) -> str:
    value = item.get(name, "")
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _work(item: dict, number: int) -> Work:
    key = _text(item, "citation-key") or _text(item, "id")
    work = Work(where=f"item {number}" + (f" ({key})" if key else ""), key=key)
    work.kind = _kind(item)
    work.label = _text(item, "citation-label")
    work.title = _text(item, "title")
    work.archive = _text(item, "archive")
    work.archive_location = _text(item, "archive_location")
    work.identifiers = {name: _text(item, name) for name in _IDENTIFIERS if _text(item, name)}
    if not work.title:
        work.problems.append("It has no title; give it one in the reference manager and export again.")
    work.names = _names(item.get("author", []), work)
    work.year, work.date = _date(item.get("issued"), work)
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    note = custom.get("note")
    if isinstance(note, dict):
        work.note = {str(code): text for code, text in note.items() if isinstance(text, str)}
    if "year" in custom and (custom["year"] is None or isinstance(custom["year"], int)):
        work.year = custom["year"]
    return work


def _kind(item: dict) -> str:
    kind = _text(item, "type")
    if kind == "book":
        return MEMOIR if _text(item, "genre").casefold() == "memoir" else BOOK
    if kind in _ARTICLE_TYPES:
        return ARTICLE
    if kind == "manuscript" and (_text(item, "archive_location") or _text(item, "archive")):
        return ARCHIVE
    return OTHER


def _names(value, work: Work) -> list[Name]:
    if not isinstance(value, list) or not all(isinstance(name, dict) for name in value):
        work.problems.append('Its "author" is not a list of names ({"family": …, "given": …}).')
        return []
    names = []
    for name in value:
        if _text(name, "literal"):
            names.append(Name(literal=_text(name, "literal")))
        elif _text(name, "family") or _text(name, "given"):
            particle = " ".join(
                part for part in (_text(name, "dropping-particle"), _text(name, "non-dropping-particle")) if part
            )
            family, given, suffix = _text(name, "family"), _text(name, "given"), _text(name, "suffix")
            names.append(Name(family=family, given=given, particle=particle, suffix=suffix))
    return names


def _date(value, work: Work) -> tuple[int | None, str]:
    """(year, EDTF date): a bare year is the year alone; anything more precise is the date too."""
    if value in (None, "", {}):
        return None, ""
    if not isinstance(value, dict):
        work.problems.append('Its "issued" is not a CSL date ({"date-parts": [[year, month, day]]}).')
        return None, ""
    edtf = _text(value, "edtf")
    parts = value.get("date-parts")
    sides = []
    if isinstance(parts, list):
        for side in parts[:2]:
            try:
                sides.append([int(number) for number in side][:3])
            except (TypeError, ValueError):
                work.problems.append(f'Its "issued" date-parts {side!r} are not numbers (year, month, day).')
                return None, ""
    sides = [side for side in sides if side]
    year = sides[0][0] if sides else _year_in(edtf or _text(value, "raw") or _text(value, "literal"))
    if edtf:
        return year, edtf
    if not sides:
        return year, ""
    circa = "~" if value.get("circa") else ""
    if len(sides) == 1 and len(sides[0]) == 1 and not circa:
        return year, ""
    written = ["-".join(f"{number:0{4 if index == 0 else 2}d}" for index, number in enumerate(side)) for side in sides]
    return year, "/".join(side + circa for side in written)


def _year_in(text: str) -> int | None:
    match = re.search(r"\b(\d{4})\b", text)
    return int(match.group(1)) if match else None
