"""A class reads a lesson's captions aloud, so each step of the seed lessons holds to the article as strictly
as an event: it cites passages, every passage is in the article, and every number the caption reads out
(a day, a year, a sum) is in one of them. Failures name the lesson and the step as the page numbers them.
"""

import re

import pytest
import yaml
from django.conf import settings

from tests.chronology.test_seed_evidence import MAX_EVIDENCE, in_article

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
