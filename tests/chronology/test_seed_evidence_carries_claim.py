"""The evidence of a citation carries the claim, not just the reference mark (issue 18).

The article marks its sources at the end of a passage, often several sentences long: "(Akşit, 1991; ...)".
Quoting only the sentence that holds the mark shows the reader the source's name but not the words that
support the event; the claim sits in the sentence before, which the same mark covers. Two mechanical rules
catch this:

- a fragment: the evidence stops at a reference mark while the article's sentence goes on, or holds fewer
  than MIN_WORDS words once its references are taken out;
- a misplaced claim: the evidence is one sentence carrying a reference mark, and the sentence before it
  (covered by the same mark, having none of its own) holds more of the record's key facts (names and
  numbers of its Turkish summary, at least two) that the evidence lacks than the evidence itself holds.

JUDGED_FINE lists the few citations a reader checked and kept.

Lesson steps are checked by tests/lessons/test_seed_lesson_evidence.py, against their captions.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.conf import settings

from tests.chronology.test_seed_evidence import BREAK_HYPHEN, article_text, citations_of, passage_pattern

MIN_WORDS = 5
REFERENCE = re.compile(r"\(([^()]*\b\d{4}[a-z]?)\)")
# A sentence ends at a full stop before a capital, a digit or an opening quote; "I. Dünya", "Dr. Miralay"
# and initials are not ends.
SENTENCE_END = re.compile(r"(?<![\s(][IVX])(?<!\bDr)(?<!\s\w)[.!?]”?\s+(?=[A-ZÇĞİÖŞÜ“\"0-9])")
NOT_FACTS = {"makaleye", "makale", "makalede"}
# Read and judged: the rule's count of names is a proxy, and here the quoted sentence is the claim.
JUDGED_FINE = {
    # The sentence before (Ali Fuat on the Sivas congress) shares names, but this one founds the Green Army.
    ("green-army-founded-1920", "cebesoy-2000"),
    # The sentence before founds the party; it is 466 characters, more than a citation may quote, and the
    # event's first citation quotes its opening.
    ("green-army-dissolved-1920", "kandemir-1965"),
    # The sentence before is Soviet policy in general; this one says why the party was founded and dropped.
    ("official-communist-party-closed-1921", "erdas-1994"),
}


def lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


def key_facts(text: str) -> set[str]:
    """Names (capitalised words, cut to five letters to forgive Turkish suffixes) and numbers."""
    text = REFERENCE.sub(" ", text.replace(BREAK_HYPHEN, ""))
    facts = {lower(word)[:5] for word in re.findall(r"\w+", text) if word[:1].isupper() and len(word) > 2}
    facts |= set(re.findall(r"\b\d+\b", text))
    return facts - {lower(word)[:5] for word in NOT_FACTS}


def sentence_starts(article: str) -> list[int]:
    return [0] + [match.end() for match in SENTENCE_END.finditer(article)]


def summary_of(record: dict) -> str:
    summary = record.get("summary")
    if isinstance(summary, dict):
        return summary.get("tr", "")
    return str(summary or "")


def corpus_citations(corpus: Path):
    for path in sorted(corpus.glob("*.yaml")):
        if path.name == "lessons.yaml":
            continue
        for records in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).values():
            for record in records or []:
                if not isinstance(record, dict):
                    continue
                for where, citation in citations_of(record):
                    yield f"{path.name}:{record.get('slug')}:{where}", record, citation


def problem(record: dict, evidence: str) -> str | None:
    """Why this evidence does not carry the record's claim, or None."""
    article = article_text()
    match = passage_pattern(evidence).search(article)
    if match is None:
        return None  # test_seed_evidence.py reports a passage missing from the article
    words = re.findall(r"\w+", REFERENCE.sub(" ", evidence))
    if len(words) < MIN_WORDS:
        return f"only {len(words)} words besides the references; quote the words that support the claim"
    after = article[match.end() : match.end() + 3].lstrip()
    if re.search(REFERENCE.pattern + r"$", evidence) and after[:1] in {",", ";"}:
        return "it stops at a reference mark in the middle of the article's sentence; quote the sentence"
    starts = sentence_starts(article)
    first = max(i for i, start in enumerate(starts) if start <= match.start())
    last = max(i for i, start in enumerate(starts) if start < match.end())
    if first != last or not REFERENCE.search(evidence) or first == 0:
        return None
    facts = key_facts(summary_of(record))
    held = facts & key_facts(evidence)
    # Only the sentence just before: further back, a mark covering a long paragraph makes every name of
    # the paragraph look missed.
    before = article[starts[first - 1] : starts[first]]
    if REFERENCE.search(before):
        return None  # the sentence before has a source of its own
    missed = (facts & key_facts(before)) - held
    if len(missed) >= 2 and len(missed) > len(held):
        return (
            f"the claim ({', '.join(sorted(missed))}) is in the sentence before the reference mark, "
            f"which the evidence leaves out: {before.strip()!r}"
        )
    return None


def problems(corpus: Path) -> list[str]:
    found = []
    for where, record, citation in corpus_citations(corpus):
        if (record.get("slug"), citation.get("source")) in JUDGED_FINE:
            continue
        why = problem(record, (citation.get("evidence") or "").strip())
        if why:
            found.append(f"{where} ({citation.get('source')}): {why}")
    return found


def test_every_citation_quotes_the_words_that_carry_its_claim():
    found = problems(Path(settings.CORPUS_DIR))
    assert found == [], "evidence that shows the reference but not the claim:\n" + "\n".join(found)


def test_a_reference_mark_quoted_without_its_claim_is_caught():
    """The two shapes the historian found: a fragment cut at the mark, and the mark's sentence alone."""
    chicherin = "Çiçerin’in Sovyetlerin Türkiye’ye yapacağı yardımlar karşılığında (Akşit, 1991; Ayaz, 2023"
    chicherin += "; Jaeschke, 1981; Saray, 2004; Tuncer, 2017)"
    record = {"summary": {"tr": "Sovyet yardımı karşılığında Ermenistan'a toprak istenince görüşmeler kesildi."}}
    assert "middle of the article's sentence" in problem(record, chicherin)

    azerbaijan = {
        "summary": {
            "tr": "Azerbaycan Komünist Partisi'nin bildirisiyle bütün yetki Neriman Nerimanov başkanlığındaki "
            "Geçici Askerî Devrim Komitesi'ne geçti."
        }
    }
    mark = "Böylelikle 28 Nisan 1920’de Azerbaycan Sovyet Sosyalist Cumhuriyeti kurulmuştur"
    mark += " (Özdemir, 2023; Yıldırım, 2022)"
    assert "the sentence before the reference mark" in problem(azerbaijan, mark)
    claim = (
        "Azerbaycan Komünist Partisi tarafından yayınlanan bildiri ile tüm yetkilerin Neriman Nerimanov "
        "başkanlığındaki Azerbaycan Geçici Askeri Komitesine geçtiği ilan edilmiştir. " + mark + "."
    )
    assert problem(azerbaijan, claim) is None


def test_the_citations_judged_fine_are_still_in_the_corpus():
    """A kept exception that no longer names a citation would hide the next one quoted under that name."""
    cited = {
        (record.get("slug"), citation.get("source"))
        for _, record, citation in corpus_citations(Path(settings.CORPUS_DIR))
    }
    assert JUDGED_FINE - cited == set(), f"remove from JUDGED_FINE: {sorted(JUDGED_FINE - cited)}"
