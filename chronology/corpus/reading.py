"""Reading a corpus folder into records by section, and the problems found on the way."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chronology.corpus.spec import SECTION_ORDER, SECTIONS

HEADER = "collection"


@dataclass(frozen=True)
class Problem:
    file: str
    section: str
    slug: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.section} '{self.slug}'" if self.slug else self.section
        if self.field:
            where += f", field '{self.field}'"
        return f"{self.file}: {where}: {self.message}"


class CorpusInvalid(Exception):
    """The corpus has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Record:
    file: str
    section: str
    data: dict[str, Any]

    @property
    def slug(self) -> str:
        return str(self.data.get("slug", ""))


_EDTF_FIELDS = {"date", "born", "died"}


def clean_scalar(value, name: str = ""):
    # YAML reads an unquoted 1920-11-05 as a date and 1919 as a number; EDTF fields want the text back,
    # with EDTF's four-digit years (632 is 0632, -43 is -0043).
    if name in _EDTF_FIELDS and isinstance(value, dt.date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else f"{'-' if value < 0 else ''}{abs(value):04d}"
    return value.strip() if isinstance(value, str) else value


def read_corpus(path: Path) -> tuple[dict[str, list[Record]], list[Problem]]:
    """Every record of every YAML file under `path` (a folder or one file), by section."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    elif path.is_file():
        files = [path]
    else:
        return {}, [Problem(str(path), "corpus", "", "", "no such file or folder")]
    if not files:
        return {}, [Problem(str(path), "corpus", "", "", "the folder holds no .yaml files")]

    sections: dict[str, list[Record]] = defaultdict(list)
    problems: list[Problem] = []
    for file in files:
        records, file_problems = _read_file(file)
        problems += file_problems
        for record in records:
            sections[record.section].append(record)
    problems += _slugs_used_twice(sections)
    return sections, problems


def _read_file(file: Path) -> tuple[list[Record], list[Problem]]:
    name = file.name
    try:
        content = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return [], [Problem(name, "file", "", "", f"is not valid YAML{at}: {getattr(error, 'problem', error)}")]
    if not isinstance(content, dict):
        return [], [Problem(name, "file", "", "", "must be a mapping of sections (events:, places:, …)")]
    records, problems = [], []
    for section, items in content.items():
        if section == HEADER:
            # The collection the corpus's events and lessons belong to: one mapping, not a list of records.
            if isinstance(items, dict) and str(items.get("slug") or "").strip():
                records.append(Record(name, HEADER, items))
            else:
                problems.append(
                    Problem(name, HEADER, "", "slug", "write it as a mapping with a slug, title, introduction")
                )
        elif section not in SECTIONS:
            problems.append(
                Problem(name, str(section), "", "", f"unknown section; use one of {', '.join(SECTION_ORDER)}")
            )
        elif not isinstance(items, list):
            problems.append(Problem(name, section, "", "", "must be a list of records"))
        else:
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    records.append(Record(name, section, item))
                else:
                    problems.append(Problem(name, section, f"#{index + 1}", "", "a record must be a mapping"))
    return records, problems


def _slugs_used_twice(sections: dict[str, list[Record]]) -> list[Problem]:
    problems = []
    for section, records in sections.items():
        seen: dict[str, str] = {}
        for record in records:
            if record.slug in seen:
                message = f"is used twice (also in {seen[record.slug]})"
                problems.append(Problem(record.file, section, record.slug, "slug", message))
            seen.setdefault(record.slug, record.file)
    return problems
