"""Typo repair with SymSpell (symspellpy): question words mistyped on a phone.

The dictionary is the knowledge base's own words, counted in the documents, beside the common
Norwegian words wordfreq knows (`language.common_words`, from TYPO_DICT_ZIPF: rarer ones make the
dictionary slow to build and are seldom what a typo was meant to be): a typo is repaired to the nearest word,
and among equally near ones to the one the documents use most, then the commoner one. Words are
compared folded (æ -> ae, ø -> o, å -> a), so a word typed without æøå and with a typo
("regionradt") is one edit from "regionrådet", and repaired to the word as the documents write it.

The store's dictionary is written when knowledge is loaded (`rebuild`, into the tables of
bot/store/typos.py) and grown by the writes that bring new words (an item's new wording or
comment, an uploaded document); a question reads it per mistyped word (`StoredSpeller`), so no
process builds it. The index terms' dictionary (`for_terms`) is stored the same way. A database without those tables (written by an older loader) gets the
dictionary built in memory, as before.

How far a word may be from its repair grows with its length (`max_distance`): short words are too
often another word one letter off.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable
from functools import cache

from bot import text as T
from bot.answers import weights as W
from bot.store import typos
from bot.store.typos import KB_COUNT, MAX_EDITS, PREFIX  # noqa: F401  (the dictionary's terms)

META_KEY = "typo_dictionary_version"
BUILD = "2"  # raise when the dictionary's words or counts change, so loaded databases rebuild it


def max_distance(word: str) -> int:
    """Edits allowed for a word of this length: none below TYPO_MIN, one, two from TYPO_TWO."""
    if len(word) < W.TYPO_MIN:
        return 0
    return 2 if len(word) >= W.TYPO_TWO else 1


class Speller:
    """Nearest known word to a mistyped one (folded comparison, written form returned), from a
    dictionary built in memory."""

    def __init__(self, counts: dict[str, int], common: Iterable[tuple[str, float]] = ()):
        words = typos.entries(counts, common)
        self._sym = typos.symspell((key, n) for key, _, n in words)
        self._written = {key: word for key, word, _ in words}
        self.known = set(self._written)

    def _knows(self, key: str) -> bool:
        return key in self.known

    def _lookup(self, key: str, distance: int) -> list[tuple[str, int]]:
        """(written word, distance) of the known words nearest the folded key, best first."""
        from symspellpy import Verbosity

        found = self._sym.lookup(key, Verbosity.CLOSEST, max_edit_distance=distance)
        return [(self._written[s.term], s.distance) for s in found]

    def __contains__(self, word: str) -> bool:
        return self._knows(T.fold(word))

    def near(self, word: str, distance: int) -> list[tuple[str, int]]:
        """The known words at the least distance (up to `distance`) from this one, commonest
        first, with that distance; the word itself if it is known."""
        return self._lookup(T.fold(word), distance)

    def fix(self, word: str, distance: int | None = None) -> str | None:
        """The known word this one is a typo of, or None (known already, or nothing near)."""
        key = T.fold(word)
        limit = max_distance(key) if distance is None else distance
        if not limit or self._knows(key):
            return None
        found = self._lookup(key, limit)
        if not found or found[0][1] == 0:
            return None
        return found[0][0]


class StoredSpeller(Speller):
    """The store's dictionary, read per word: a mistyped word's neighbours (the words sharing a
    delete with it) are read from the tables and SymSpell judges only those. Every word SymSpell
    would have reached in the whole dictionary is among them, in the same order, so the repairs
    are the same. One per version of the data (`knowledge(store).memo`); holds the store weakly,
    as the engine's caches do."""

    def __init__(self, store) -> None:
        self._store = weakref.ref(store)
        self._known: dict[str, bool] = {}
        self._found: dict[tuple[str, int], list[tuple[str, int]]] = {}

    @property
    def store(self):
        store = self._store()
        if store is None:
            raise RuntimeError("the store this dictionary was read from is gone")
        return store

    @property
    def known(self) -> set[str]:  # type: ignore[override]
        """Every folded word of the dictionary (read whole: for tests and tools, not questions)."""
        return {r[0] for r in self.store.db.execute("SELECT folded FROM typo_words")}

    def _knows(self, key: str) -> bool:
        if key not in self._known:
            self._known[key] = bool(self.store.typo_entries([key]))
        return self._known[key]

    def _lookup(self, key: str, distance: int) -> list[tuple[str, int]]:
        found = self._found.get((key, distance))
        if found is None:
            words = self.store.typo_neighbours(typos.deletes(key))
            found = self._found[key, distance] = _closest(key, distance, words)
        return found


class StoredTermSpeller(Speller):
    """The index terms' dictionary (`for_terms`): their deletes stored at load time, their counts
    the index's as it is now; the terms the index has gained since (a write's new words, few)
    are indexed here, in memory, on first use. The same neighbours, in the vocabulary's order,
    as the dictionary built from the whole vocabulary, so the same repairs."""

    def __init__(self, store, vocabulary: dict[str, int]) -> None:
        self._store = weakref.ref(store)
        self._vocabulary = vocabulary
        self._order: dict[str, int] | None = None
        self._since: dict[str, list[str]] | None = None  # deletes of terms added since the load
        self._found: dict[tuple[str, int], list[tuple[str, int]]] = {}

    store = StoredSpeller.store

    @property
    def known(self) -> set[str]:  # type: ignore[override]
        return set(self._vocabulary)

    def _knows(self, key: str) -> bool:
        return key in self._vocabulary

    def _neighbours(self, key: str) -> list[str]:
        keys = typos.deletes(key)
        near = self.store.typo_term_neighbours(keys)
        if self._since is None:
            stored = self.store.typo_terms()
            new = [t for t in self._vocabulary if t not in stored]
            self._since = typos.index(new)
            self._order = {t: i for i, t in enumerate(self._vocabulary)}
        for k in keys:
            near.update(self._since.get(k, ()))
        order = self._order or {}
        return sorted((t for t in near if t in order), key=order.__getitem__)

    def _lookup(self, key: str, distance: int) -> list[tuple[str, int]]:
        found = self._found.get((key, distance))
        if found is None:
            counts = {t: self._vocabulary[t] for t in self._neighbours(key)}
            found = self._found[key, distance] = _closest(key, distance, typos.entries(counts))
        return found


def _closest(key: str, distance: int, words: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    """SymSpell's nearest of these (folded, written, count) words to the key, with distances."""
    from symspellpy import Verbosity

    written = {k: w for k, w, _ in words}
    sym = typos.symspell((k, n) for k, _, n in words)
    found = sym.lookup(key, Verbosity.CLOSEST, max_edit_distance=distance)
    return [(written[s.term], s.distance) for s in found]


def surface_counts(bodies: Iterable[str], extra: Iterable[str] = ()) -> dict[str, int]:
    """How often each word (lower case, as written, four letters or more) occurs in the texts;
    `extra` words count once."""
    counts: Counter[str] = Counter()
    for body in bodies:
        counts.update(typos.surface_words(body))
    for w in extra:
        counts[w.lower()] += 1
    return dict(counts)


def _council_words() -> list[str]:
    from bot.answers.lexicon import BODIES, SYNONYMS

    return [*BODIES, *(w for group in SYNONYMS for w in group.split())]


def _common() -> list[tuple[str, float]]:
    from bot.answers.language import common_words

    return [(w, z) for w, z in common_words("nb") if z >= W.TYPO_DICT_ZIPF and len(w) >= 4]


@cache
def version() -> str:
    """What the stored dictionary was built from besides the documents: this module's BUILD,
    the dictionary's terms, the common words' threshold and the council's words."""
    import hashlib

    recipe = [BUILD, MAX_EDITS, PREFIX, KB_COUNT, W.TYPO_DICT_ZIPF, *sorted(_council_words())]
    return f"{BUILD}:{hashlib.sha1(repr(recipe).encode()).hexdigest()[:12]}"


def rebuild(store) -> int:
    """Write the store's dictionary for what it holds now (inside the loader's transaction):
    the documents' words, the glossary's and common Norwegian words, then the words of the items
    changed through the bot since (their texts as reindexed). Returns the number of words."""
    words = typos.entries(surface_counts(store.document_bodies(), _council_words()), _common())
    store.put_typo_dictionary(words)
    changed = {(o["kind"], o["item_id"]) for o in store.overlay()}
    if changed:
        texts = [
            text
            for kind, ref, text in store.db.execute("SELECT kind, ref, text FROM search")
            if (kind, ref) in changed
        ]
        store.add_typo_words("\n".join(texts))
    store.put_typo_terms(store.vocabulary())
    store.set_meta(META_KEY, version())
    return len(words)


def for_store(store) -> Speller:
    """The typo dictionary of a store: its documents' words, the glossary's (the council's own
    words, though no document has them), common Norwegian words, and the words written through
    the bot since. An inflection of a word the documents have ("vedtaket", "fristene") is no
    suspect at all: the lemma tables know it."""
    if store.meta(META_KEY) == version():
        return StoredSpeller(store)
    return Speller(surface_counts(store.document_bodies(), _council_words()), _common())


def for_terms(vocabulary: dict[str, int], store=None) -> Speller:
    """A typo dictionary of index terms (stems), counted by the rows they occur in: what a
    question term the index lacks may be meant as. With the store whose index it is, read from
    the terms' deletes stored at load time instead of built here."""
    if store is not None and store.meta(META_KEY) == version():
        return StoredTermSpeller(store, vocabulary)
    return Speller(vocabulary)
