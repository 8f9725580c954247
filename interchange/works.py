"""A work as reference managers see it: the in-memory form CSL-JSON and BibTeX are read into and written from.

Nothing here touches the database; `interchange/references.py` turns works into the atlas's sources and back.
Names are split the way BibTeX splits them (bibtexparser's parser, the same rules Zotero follows on
import), so "Yusuf Hikmet Bayur" and "Bayur, Yusuf Hikmet" are one person to the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names

# The atlas's kinds (sources.models.SourceKind values), spelled out so this module stays free of models.
ARTICLE, BOOK, MEMOIR, ARCHIVE, OTHER = "article", "book", "memoir", "archive", "other"


@dataclass(frozen=True)
class Name:
    """One person (or, with only `literal`, a name that cannot be told apart into given and family)."""

    family: str = ""
    given: str = ""
    particle: str = ""  # "van", "de": BibTeX's "von" part
    suffix: str = ""
    literal: str = ""

    @property
    def written(self) -> str:
        """The name as the atlas writes it: given names first."""
        if self.literal:
            return self.literal
        return " ".join(part for part in (self.given, self.particle, self.family, self.suffix) if part)


@dataclass
class Work:
    where: str  # "item 3", "entry bayur1991 (line 12)": how a message names it
    key: str = ""  # the CSL id or the BibTeX key; the atlas writes its slug
    kind: str = OTHER
    label: str = ""  # how the atlas cites it ("Bayur, 1991"), when the file says
    names: list[Name] = field(default_factory=list)
    title: str = ""
    year: int | None = None
    date: str = ""  # EDTF, when more precise than a year
    archive: str = ""
    archive_location: str = ""
    note: dict[str, str] = field(default_factory=dict)
    # Read so the report can say they were not kept: the atlas's sources have no field for them.
    identifiers: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what keeps it out of the atlas, said to the curator

    @property
    def author(self) -> str:
        return " and ".join(name.written for name in self.names)


def names_from_text(text: str) -> list[Name]:
    """The people an author string names ("A and B", "Last, First" or "First Last"), BibTeX's way."""
    names = []
    for person in split_multiple_persons_names(text.strip()) if text.strip() else []:
        try:
            parts = parse_single_name_into_parts(person, strict=False)
        except InvalidNameError:
            names.append(Name(literal=person.strip()))
            continue
        family, given = " ".join(parts.last), " ".join(parts.first)
        if family and given:
            names.append(Name(family=family, given=given, particle=" ".join(parts.von), suffix=" ".join(parts.jr)))
        else:
            # One word ("Homer", "UNESCO") has no given name to tell apart; it is written as it is.
            names.append(Name(literal=person.strip().removeprefix("{").removesuffix("}")))
    return names


def archive_parts(archive_ref: str) -> tuple[str, str]:
    """("TDA", "571/3424…") from "TDA, 571/3424…": the archive before the first comma, the file after."""
    archive, comma, location = archive_ref.partition(", ")
    return (archive, location) if comma else ("", archive_ref)


def archive_ref(archive: str, location: str) -> str:
    return ", ".join(part for part in (archive.strip(), location.strip()) if part)
