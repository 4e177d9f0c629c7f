"""Typo repair with SymSpell (symspellpy): question words mistyped on a phone.

The dictionary is the knowledge base's own words, counted in the documents, beside the common
Norwegian words wordfreq knows (`language.common_words`, from TYPO_DICT_ZIPF: rarer ones make the
dictionary slow to build and are seldom what a typo was meant to be): a typo is repaired to the nearest word,
and among equally near ones to the one the documents use most, then the commoner one. Words are
compared folded (æ -> ae, ø -> o, å -> a), so a word typed without æøå and with a typo
("regionradt") is one edit from "regionrådet", and repaired to the word as the documents write it.

How far a word may be from its repair grows with its length (`max_distance`): short words are too
often another word one letter off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot import text as T
from bot.answers import weights as W

MAX_EDITS = 2
PREFIX = 6  # SymSpell's prefix: shorter builds faster, the same repairs up to MAX_EDITS
KB_COUNT = 1000  # above any common word's count (Zipf x 100): the documents' words win ties


def max_distance(word: str) -> int:
    """Edits allowed for a word of this length: none below TYPO_MIN, one, two from TYPO_TWO."""
    if len(word) < W.TYPO_MIN:
        return 0
    return 2 if len(word) >= W.TYPO_TWO else 1


class Speller:
    """Nearest known word to a mistyped one (folded comparison, written form returned)."""

    def __init__(self, counts: dict[str, int], common: Iterable[tuple[str, float]] = ()):
        from symspellpy import SymSpell

        self._sym = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX)
        self._written: dict[str, str] = {}
        best: dict[str, int] = {}
        # The documents' words first (counted), then common words (by their frequency, below
        # every word of the documents).
        for word, n in counts.items():
            key = T.fold(word)
            if KB_COUNT + n > best.get(key, 0):
                best[key] = KB_COUNT + n
                self._written[key] = word
        for word, zipf in common:
            key = T.fold(word)
            if key not in best:
                best[key] = int(zipf * 100)
                self._written[key] = word
        for key, n in best.items():
            self._sym.create_dictionary_entry(key, n)
        self.known = set(best)

    def __contains__(self, word: str) -> bool:
        return T.fold(word) in self.known

    def near(self, word: str, distance: int) -> list[tuple[str, int]]:
        """The known words at the least distance (up to `distance`) from this one, commonest
        first, with that distance; the word itself if it is known."""
        from symspellpy import Verbosity

        found = self._sym.lookup(T.fold(word), Verbosity.CLOSEST, max_edit_distance=distance)
        return [(self._written[s.term], s.distance) for s in found]

    def fix(self, word: str, distance: int | None = None) -> str | None:
        """The known word this one is a typo of, or None (known already, or nothing near)."""
        from symspellpy import Verbosity

        key = T.fold(word)
        limit = max_distance(key) if distance is None else distance
        if not limit or key in self.known:
            return None
        found = self._sym.lookup(key, Verbosity.CLOSEST, max_edit_distance=limit)
        if not found or found[0].distance == 0:
            return None
        return self._written[found[0].term]


def surface_counts(bodies: Iterable[str], extra: Iterable[str] = ()) -> dict[str, int]:
    """How often each word (lower case, as written, four letters or more) occurs in the texts;
    `extra` words count once."""
    counts: Counter[str] = Counter()
    for body in bodies:
        counts.update(w.lower() for w in T.words(body) if len(w) >= 4 and w.isalpha())
    for w in extra:
        counts[w.lower()] += 1
    return dict(counts)


def for_store(store) -> Speller:
    """The typo dictionary of a store: its documents' words, the glossary's (the council's own
    words, though no document has them), and common Norwegian words. An inflection of a word
    the documents have ("vedtaket", "fristene") is no suspect at all: the lemma tables know it."""
    from bot.answers.language import common_words
    from bot.answers.lexicon import BODIES, SYNONYMS

    council = [*BODIES, *(w for group in SYNONYMS for w in group.split())]
    common = [(w, z) for w, z in common_words("nb") if z >= W.TYPO_DICT_ZIPF and len(w) >= 4]
    return Speller(surface_counts(store.document_bodies(), council), common)


def for_terms(vocabulary: dict[str, int]) -> Speller:
    """A typo dictionary of index terms (stems), counted by the rows they occur in: what a
    question term the index lacks may be meant as."""
    return Speller(vocabulary)
