"""Which configured language a file's text is written in, told by lingua-language-detector.

A TimelineJS file holds one language and does not say which, so the importer asks the text itself
rather than assuming the first configured language (which put English timelines in the Turkish field).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.conf import settings

# Enough text to tell two languages apart; past this, detection only costs time.
SAMPLE_CHARACTERS = 20_000
# Below this confidence the text is too short or too mixed to say: the caller keeps its default.
MINIMUM_CONFIDENCE = 0.6


@cache
def _detector(codes: tuple[str, ...]):
    """Built once per process for the configured languages only, and only when a file is first detected.

    Measured for tr + en (lingua 2.1.1, Python 3.11): importing and building take about 1 ms and 2 MB;
    the first detection loads the language models, in low-accuracy mode 0.02 s and +13 MB resident
    (high accuracy: 0.3 s and +106 MB), and a 10 kB file then takes 2.5 ms. Low accuracy uses trigrams
    only, which is reliable on a whole file's text (what we detect on) and only weaker on a few words,
    so it is worth an eighth of the memory in every web worker.
    """
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = {}
    for code in codes:
        try:
            languages[Language.from_iso_code_639_1(IsoCode639_1.from_str(code))] = code
        except ValueError:
            continue  # a language lingua does not know is never detected; the curator can still choose it
    if len(languages) < 2:
        return None, languages
    detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    return detector, languages


def configured_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def detect_language(texts: Iterable[str]) -> str | None:
    """The configured language code the texts are written in, or None when it cannot be told."""
    sample = " ".join(text for text in texts if text)[:SAMPLE_CHARACTERS].strip()
    if not sample:
        return None
    detector, languages = _detector(configured_codes())
    if detector is None:
        return None  # one language (or one lingua knows): nothing to choose between
    best = detector.compute_language_confidence_values(sample)[0]
    return languages[best.language] if best.value >= MINIMUM_CONFIDENCE else None
