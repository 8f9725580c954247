"""Every citation of the seed corpus shows the words of the article that support it, and those words are
really in the article.

The article is read from `<repo>/../shared/seed/` (CI clones the repository with `shared/` beside it), or
from the folder named by CHRONOATLAS_SHARED. Its text was extracted from a PDF, so the comparison forgives
what the extraction added: line breaks, words hyphenated across them, and the running head and page number
printed where a page turns. A missing article fails the test: evidence that cannot be checked is not
evidence.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ARTICLE_NAME = "000_8f6f189f1a3ab91c.txt"
MAX_EVIDENCE = 400
SHINGLE = 7
PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
# A hyphen ending a line is either the PDF's word break ("kaldır-/mış") or a real hyphen that happened to
# fall there ("Türk-/İslam"); the mark keeps the place so that a passage may be copied either way.
BREAK_HYPHEN = "\u00ad"


def article_path() -> Path:
    repo = Path(settings.BASE_DIR)
    candidates = [Path(os.environ["CHRONOATLAS_SHARED"])] if os.environ.get("CHRONOATLAS_SHARED") else []
    candidates += [repo.parent / "shared", Path("/work/shared")]
    for folder in candidates:
        if (folder / "seed" / ARTICLE_NAME).is_file():
            return folder / "seed" / ARTICLE_NAME
    pytest.fail(
        f"The seed article {ARTICLE_NAME} is not in {', '.join(str(c / 'seed') for c in candidates)}; "
        "put shared/ beside the repository or set CHRONOATLAS_SHARED to the folder holding seed/."
    )


def without_page_furniture(lines: list[str]) -> list[str]:
    """The lines without page numbers and the running head printed just before each one.

    The extraction keeps a page number alone on its line with the running head (journal or author line)
    on the last non-blank line before it; both can fall in the middle of a sentence.
    """
    drop: set[int] = set()
    for index, line in enumerate(lines):
        if PAGE_NUMBER.match(line):
            drop.add(index)
            before = index - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            if before >= 0:
                drop.add(before)
    return [line for index, line in enumerate(lines) if index not in drop]


def normalised(text: str) -> str:
    """One line of text with single spaces; a hyphen ending a line becomes BREAK_HYPHEN."""
    text = re.sub(r"-[ \t]*\n\s*", BREAK_HYPHEN, text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def article_text() -> str:
    lines = article_path().read_text(encoding="utf-8").splitlines()
    return normalised("\n".join(without_page_furniture(lines)))


def passage_pattern(passage: str) -> re.Pattern:
    """The passage, matching the article whether the copier kept or dropped a hyphen at a PDF line break."""
    parts = []
    for char in normalised(passage):
        if char == "-":
            parts.append(f"[-{BREAK_HYPHEN}]")
        else:
            parts.append(re.escape(char))
    return re.compile(f"{BREAK_HYPHEN}?".join(parts))


def in_article(passage: str) -> bool:
    return passage_pattern(passage).search(article_text()) is not None


def citations_of(record: dict, where: str = ""):
    """(where, citation) for every citation in a record, however deep: alternatives carry their own."""
    for key, value in record.items():
        if key in ("citations", "aid"):  # an aid line quotes its figure as a citation does
            for index, citation in enumerate(value or []):
                yield f"{where}{key}[{index}]", citation
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from citations_of(item, f"{where}{key}[{index}].")


def seed_citations():
    for path in sorted(Path(settings.CORPUS_DIR).glob("*.yaml")):
        for records in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).values():
            for record in records or []:
                for where, citation in citations_of(record):
                    yield pytest.param(citation, id=f"{path.name}:{record.get('slug')}:{where}")


SEED_CITATIONS = list(seed_citations())


def test_the_corpus_has_citations_to_check():
    assert len(SEED_CITATIONS) > 100


def test_the_passages_quoted_by_discrepancies_are_checked_too():
    """A discrepancy shows two passages of the article side by side; each must be checked like any other
    citation, so that a passage the article does not hold fails naming the discrepancy."""
    quoted_by_discrepancies = sum(
        len(discrepancy.get("citations") or [])
        for path in sorted(Path(settings.CORPUS_DIR).glob("events*.yaml"))
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
        for discrepancy in record.get("discrepancies") or []
    )
    checked = [param.id for param in SEED_CITATIONS if param.id.split(":")[-1].startswith("discrepancies[")]
    assert quoted_by_discrepancies > 0
    assert len(checked) == quoted_by_discrepancies


@pytest.mark.parametrize("citation", SEED_CITATIONS)
def test_every_citation_quotes_a_short_passage_found_in_the_article(citation, request):
    evidence = (citation.get("evidence") or "").strip()
    where = request.node.callspec.id
    assert evidence, f"{where}: give `evidence`, the passage of the article that supports the claim"
    assert len(evidence) <= MAX_EVIDENCE, f"{where}: the evidence is {len(evidence)} characters; quote less"
    assert in_article(evidence), f"{where}: this passage is not in the article: {evidence!r}"


def pages_of(locator: str) -> set[str]:
    """The page numbers a locator names: 's. 195, 196' and 'atıf: Tekinsoy 2025, s. 192' alike."""
    _, marker, pages = locator.rpartition("s. ")
    return set(re.findall(r"\d+", pages)) if marker else set()


def test_estimated_page_locators_say_so():
    """Only the pages whose markers survive in the text are read, not estimated."""
    marked = {
        line.strip() for line in article_path().read_text(encoding="utf-8").splitlines() if PAGE_NUMBER.match(line)
    }
    for param in SEED_CITATIONS:
        citation = param.values[0]
        pages = pages_of(str(citation.get("locator", "")))
        if pages - marked and not citation.get("locator_estimated"):
            pytest.fail(
                f"{param.id}: page {', '.join(sorted(pages - marked))} is estimated; say `locator_estimated: true`"
            )
        if pages and pages <= marked and citation.get("locator_estimated"):
            pytest.fail(f"{param.id}: page {', '.join(sorted(pages))} is read from a page marker, not estimated")


def words(text: str) -> list[str]:
    """The words, lower case the Turkish way (İ/i, I/ı), so that 'İzmir' and 'izmir' are one word."""
    text = normalised(text).replace(BREAK_HYPHEN, "").replace("İ", "i").replace("I", "ı")
    return re.findall(r"\w+", text.lower())


def is_name(word: str) -> bool:
    return word[:1].isupper()


def test_summaries_are_written_in_the_curators_own_words():
    """No summary repeats a run of SHINGLE words of the article, unless the run is mostly names (a list of
    places or people can only be written one way)."""
    article = words(article_text())
    runs = {tuple(article[i : i + SHINGLE]) for i in range(len(article) - SHINGLE + 1)}
    copied = []
    for path in sorted(Path(settings.CORPUS_DIR).glob("events*.yaml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]:
            original = re.findall(r"\w+", normalised(record["summary"]["tr"]).replace(BREAK_HYPHEN, ""))
            summary = words(record["summary"]["tr"])
            for i in range(len(summary) - SHINGLE + 1):
                names = sum(is_name(word) for word in original[i : i + SHINGLE])
                if tuple(summary[i : i + SHINGLE]) in runs and names * 2 < SHINGLE:
                    copied.append(f"{path.name}:{record['slug']}: {' '.join(summary[i : i + SHINGLE])}")
                    break
    assert copied == [], "summaries repeat the article word for word:\n" + "\n".join(copied)


def test_a_passage_broken_by_a_page_turn_is_still_found():
    """The sentence running over the p. 193 page marker reads whole once the furniture is taken out."""
    assert in_article("27 Ekim’de başlayan ikinci harekât neticesinde de 30 Ekim’de Kars, 7 Kasım’da ise Gümrü")
    assert in_article("Türk-İslam coğrafyasındaki") and in_article("Türk- Sovyet ilişkilerini")
    assert not in_article("Kars’ın alınması Ermenistan’ı barış istemeye zorladı")
