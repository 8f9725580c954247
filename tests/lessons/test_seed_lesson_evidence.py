"""A class reads a lesson's captions aloud, so each step of the seed lessons holds to the article as strictly
as an event: it cites passages, every passage is in the article, and every number the caption reads out
(a day, a year, a sum) is in one of them. Failures name the lesson and the step as the page numbers them.
"""

import re

import pytest
import yaml
from django.conf import settings

from tests.chronology.test_seed_evidence import MAX_EVIDENCE, article_text, in_article, passage_pattern
from tests.chronology.test_seed_evidence_carries_claim import problem, sentence_starts

# "(step 6)" and "(6. adım)" point the class to another step; they are not claims about the past.
STEP_REFERENCE = re.compile(r"\(?(?:step \d+|\d+\. adım)\)?")


def seed_steps():
    lessons = yaml.safe_load((settings.CORPUS_DIR / "lessons.yaml").read_text(encoding="utf-8"))["lessons"]
    for lesson in lessons:
        for number, step in enumerate(lesson.get("steps") or [], start=1):
            yield pytest.param(step, id=f"{lesson['slug']} step {number}")


SEED_STEPS = list(seed_steps())


def numbers(text: str) -> set[int]:
    """The numbers a text states; '04.12.1920' states 4, 12 and 1920, as '4 Aralık 1920' does."""
    return {int(digits) for digits in re.findall(r"\d+", STEP_REFERENCE.sub("", text))}


def test_the_seed_lessons_have_steps_to_check():
    assert len(SEED_STEPS) >= 15


@pytest.mark.parametrize("step", SEED_STEPS)
def test_every_step_cites_passages_found_in_the_article(step, request):
    where = request.node.callspec.id
    citations = step.get("citations") or []
    assert citations, f"{where}: cite the passages of the article that carry the caption"
    for index, citation in enumerate(citations):
        evidence = (citation.get("evidence") or "").strip()
        assert evidence, f"{where}, citations[{index}]: give `evidence`, the passage that supports the caption"
        assert len(evidence) <= MAX_EVIDENCE, f"{where}, citations[{index}]: {len(evidence)} characters; quote less"
        assert in_article(evidence), f"{where}, citations[{index}]: this passage is not in the article: {evidence!r}"


@pytest.mark.parametrize("step", SEED_STEPS)
def test_every_number_a_caption_reads_out_is_in_its_cited_passages(step, request):
    cited = set().union(*(numbers(citation.get("evidence") or "") for citation in step.get("citations") or []))
    for language, caption in step["caption"].items():
        unsupported = numbers(caption) - cited
        assert not unsupported, (
            f"{request.node.callspec.id}: the {language} caption says {sorted(unsupported)}, "
            "which none of its cited passages gives"
        )


def test_a_step_reference_is_not_read_as_a_claim():
    assert numbers("the August talks (step 6)") == set()
    assert numbers("Ağustos görüşmelerinde (6. adım)") == set()
    assert numbers("5 Kasım (rapor), 4 Aralık") == {4, 5}


def starts_inside_a_sentence(evidence: str) -> bool:
    """Read aloud, a passage opening mid-sentence loses who did it: "... ve Türk subaylarından ..." drops Stalin."""
    match = passage_pattern(evidence).search(article_text())
    return match is not None and match.start() not in sentence_starts(article_text())


def carries_claim_problems(lessons_path) -> list[str]:
    """The events' carries-claim rule (issue 18), with the caption read as the claim the evidence must carry;
    and, stricter than for events, each passage opens where the article's sentence does."""
    lessons = yaml.safe_load(lessons_path.read_text(encoding="utf-8"))["lessons"]
    found = []
    for lesson in lessons:
        for number, step in enumerate(lesson.get("steps") or [], start=1):
            claim = {"summary": step.get("caption") or {}}
            for index, citation in enumerate(step.get("citations") or []):
                evidence = (citation.get("evidence") or "").strip()
                why = problem(claim, evidence)
                if why is None and starts_inside_a_sentence(evidence):
                    why = "it opens in the middle of the article's sentence; quote the sentence from its start"
                if why:
                    found.append(f"{lesson['slug']} step {number}, citations[{index}]: {why}")
    return found


def test_every_step_quotes_the_words_that_carry_its_caption():
    found = carries_claim_problems(settings.CORPUS_DIR / "lessons.yaml")
    assert found == [], "evidence that shows the reference but not the caption's claim:\n" + "\n".join(found)


def test_a_step_quoting_only_the_reference_mark_is_caught(tmp_path):
    """The aid total's second half alone, and a sentence cut at its reference mark, as the seed once had them."""
    path = tmp_path / "lessons.yaml"
    caption = "Millî Mücadele boyunca on bir milyon altın ruble ve dört tümene yetecek silah geldi."
    arms = "Ayrıca dört tümene yetecek 37.812 tüfek, 324 makineli tüfek, 66 top ve bunların cephaneleri de "
    arms += "silah yardımı olarak gönderilmiştir (Müderrisoğlu, 1994)"
    enver = "Stalin de yine Enver Paşa’dan bahisle O’nun Millî Mücadele’ye yardım etmek için çaba sarf ettiğini "
    enver += "ve silah temin ederek Anadolu’ya sevk etmek için (TDA, 571/3424-136608-31, 04.12.1920)"
    officers = "Türk subaylarından oluşan bir heyetin, Türkiye’ye gönderilmek üzere hazırlanan mühimmatın sevk "
    officers += "işlerinin denetimini yapmasını teklif etmiştir."
    citations = [{"evidence": arms}, {"evidence": enver}, {"evidence": officers}]
    step = {"caption": {"tr": caption}, "citations": citations}
    path.write_text(yaml.safe_dump({"lessons": [{"slug": "aid", "steps": [step]}]}, allow_unicode=True), "utf-8")
    found = carries_claim_problems(path)
    assert len(found) == 3, found
    assert "aid step 1, citations[0]: the claim" in found[0]
    assert "aid step 1, citations[1]: it stops at a reference mark" in found[1]
    assert "aid step 1, citations[2]: it opens in the middle" in found[2]
