"""Language knowledge from libraries that ship their data: how common a word is (wordfreq).

A question's everyday words ("få på plass", "endte opp", "hvor lang") say little about what it
is about, however rare they are in the council's few documents; the words of the council's world
("kjeveortopedi", "helsearkivet") say much. The corpus idf alone cannot tell them apart: it has
seen only a few hundred passages. wordfreq's Zipf frequencies (Norwegian and English, from large
corpora) can. The library is imported on first use, so the CLI starts fast.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf frequency (log10 of occurrences per billion words): 7 is "og", 5.5 "plass", 3 a word of
# a field ("handlingsplan"), 0 unknown.
COMMON_FROM = 5.2  # from here on a word counts for less in a question's topic ...
COMMON_FLOOR = 0.5  # ... down to this share of its weight for the most common words
COMMON_SPAN = 1.5  # Zipf points between COMMON_FROM and the floor


@lru_cache(maxsize=8192)
def zipf(word: str, lang: str = "nb") -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a dependency; without it every word is specific
        return 0.0
    return zipf_frequency(word, lang)


def specificity(word: str, *, english: bool = False) -> float:
    """How much a question word says about its topic, 1.0 (a word of the field) down to
    COMMON_FLOOR (an everyday word). Norwegian questions use Norwegian frequencies; an English
    question's words are judged by English ones."""
    if not word or word[:1].isdigit():
        return 1.0
    z = zipf(word.lower(), "en" if english else "nb")
    if z <= COMMON_FROM:
        return 1.0
    return max(COMMON_FLOOR, 1.0 - (1.0 - COMMON_FLOOR) * (z - COMMON_FROM) / COMMON_SPAN)


def is_common(word: str, *, lang: str = "nb", threshold: float = 3.5) -> bool:
    """A word common enough in the language that it is not a typo, even when the documents
    never use it ("lenger", "trenger")."""
    return zipf(word.lower(), lang) >= threshold
