"""The typo dictionary's tables (see schema.m_typo_001_dictionary): written when knowledge is
loaded, grown by the writes that bring new words, read per mistyped question word.

Why in SQLite: SymSpell (symspellpy) finds a typo's nearest words through an index of every
dictionary word's deletes (the word with up to MAX_EDITS letters of its first PREFIX left out).
Building that index in memory took every new process about 0.3 s on the seed base at its first
typo, and again after every write. Stored, a lookup reads only the words that share a delete
with the mistyped word, and SymSpell judges just those (`bot.answers.spelling.StoredSpeller`):
the same repairs, with nothing built in the process.

The index terms (stems) have a dictionary of their own, for a question term the index lacks:
their deletes are stored at load time, their counts are the index's as it is now.

Words are stored folded (æ -> ae, ø -> o, å -> a) with their written form and a count: a word of
the documents counts KB_COUNT plus its occurrences, a common word its Zipf frequency x 100, so
the documents' words win ties. `seq` keeps the order words were added in, the order SymSpell
would have met them in one build, so ties come out as they would there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations

import sqlite_utils

from bot import text as T

MAX_EDITS = 2
PREFIX = 6  # SymSpell's prefix: shorter builds faster, the same repairs up to MAX_EDITS
KB_COUNT = 1000  # above any common word's count (Zipf x 100): the documents' words win ties
MIN_LENGTH = 4  # shorter words are too often another word one letter off


def surface_words(text: str) -> list[str]:
    """The dictionary's words of a text: lower case, as written, letters only, MIN_LENGTH or
    more."""
    return [w.lower() for w in T.words(text) if len(w) >= MIN_LENGTH and w.isalpha()]


def entries(
    counts: dict[str, int], common: Iterable[tuple[str, float]] = ()
) -> list[tuple[str, str, int]]:
    """(folded, written, count) of a dictionary, in the order SymSpell is given them: the
    documents' words first (counted; of several written forms of one folded word the commonest),
    then common words (by their frequency, below every word of the documents)."""
    best: dict[str, int] = {}
    written: dict[str, str] = {}
    for word, n in counts.items():
        key = T.fold(word)
        if KB_COUNT + n > best.get(key, 0):
            best[key] = KB_COUNT + n
            written[key] = word
    for word, zipf in common:
        key = T.fold(word)
        if key not in best:
            best[key] = int(zipf * 100)
            written[key] = word
    return [(key, written[key], n) for key, n in best.items()]


@lru_cache(maxsize=200_000)
def deletes(key: str) -> frozenset[str]:
    """SymSpell's deletes of a folded word: its first PREFIX letters with up to MAX_EDITS of them
    left out (the empty string among them for words of MAX_EDITS letters or fewer). Those of a
    mistyped word are what SymSpell looks up; those of a dictionary word, where it is found.
    Kept per process: every load of the same common words needs the same ones."""
    prefix = key[:PREFIX]
    return frozenset(
        "".join(kept)
        for n in range(max(0, len(prefix) - MAX_EDITS), len(prefix) + 1)
        for kept in combinations(prefix, n)
    )


def index(keys: Iterable[str]) -> dict[str, list[str]]:
    """delete -> the keys that have it, in the order given: SymSpell's index of these words."""
    out: dict[str, list[str]] = {}
    for key in keys:
        for d in deletes(key):
            out.setdefault(d, []).append(key)
    return out


def symspell(words: Iterable[tuple[str, int]]):
    """A SymSpell of these (folded word, count) pairs, in this order."""
    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX)
    for key, n in words:
        sym.create_dictionary_entry(key, n)
    return sym


class TypoStore:
    """Mixed into `Store`. Call the writing methods inside a transaction."""

    db: sqlite_utils.Database

    def put_typo_dictionary(self, words: list[tuple[str, str, int]]) -> None:
        """Replace the dictionary with these (folded, written, count) entries, in this order."""
        self.db.execute("DELETE FROM typo_words")
        self.db.execute("DELETE FROM typo_deletes")
        self._add_typo_entries(words, start=0)

    def add_typo_words(self, text: str) -> int:
        """Add the words of a text just written (an item's new wording, a comment, an uploaded
        document) that the dictionary lacks, each counted as a word of the documents. Words it
        has keep their count until the next load recounts them. Returns how many were added."""
        counts = Counter(surface_words(text))
        if not counts:
            return 0
        if not self.db.execute("SELECT 1 FROM typo_words LIMIT 1").fetchone():
            return 0  # no dictionary stored (an older database): the engine builds its own
        folded: dict[str, tuple[str, int]] = {}
        for word, n in counts.items():
            key = T.fold(word)
            if KB_COUNT + n > folded.get(key, ("", 0))[1]:
                folded[key] = (word, KB_COUNT + n)
        known = self.typo_entries(folded)
        new = [(k, w, n) for k, (w, n) in folded.items() if k not in known]
        if new:
            start = self.db.execute("SELECT coalesce(max(seq), -1) + 1 FROM typo_words").fetchone()
            self._add_typo_entries(new, start=start[0])
        return len(new)

    def _add_typo_entries(self, words: list[tuple[str, str, int]], *, start: int) -> None:
        self.db.conn.executemany(
            "INSERT INTO typo_words (folded, written, count, seq) VALUES (?, ?, ?, ?)",
            [(k, w, n, start + i) for i, (k, w, n) in enumerate(words)],
        )
        self.db.conn.executemany(
            "INSERT INTO typo_deletes (key, words) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET words = words || ' ' || excluded.words",
            [(key, " ".join(found)) for key, found in index(k for k, _, _ in words).items()],
        )

    def put_typo_terms(self, terms: Iterable[str]) -> None:
        """Replace the index terms' deletes with those of these terms (folded stems)."""
        self.db.execute("DELETE FROM typo_terms")
        self.db.execute("DELETE FROM typo_term_deletes")
        terms = list(dict.fromkeys(terms))
        self.db.conn.executemany("INSERT INTO typo_terms (term) VALUES (?)", [(t,) for t in terms])
        self.db.conn.executemany(
            "INSERT INTO typo_term_deletes (key, terms) VALUES (?, ?)",
            [(key, " ".join(found)) for key, found in index(terms).items()],
        )

    def typo_terms(self) -> set[str]:
        """The terms whose deletes are stored (the index's terms when knowledge was loaded)."""
        return {r[0] for r in self.db.execute("SELECT term FROM typo_terms")}

    def typo_term_neighbours(self, deletes: Iterable[str]) -> set[str]:
        """The stored terms that have one of these deletes."""
        keys = list(dict.fromkeys(deletes))
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        found: set[str] = set()
        for (terms,) in self.db.execute(
            f"SELECT terms FROM typo_term_deletes WHERE key IN ({marks})", keys
        ):
            found.update(terms.split(" "))
        return found

    def typo_entries(self, folded: Iterable[str]) -> dict[str, tuple[str, int, int]]:
        """folded -> (written, count, seq) for those of these words the dictionary has."""
        keys = list(dict.fromkeys(folded))
        out: dict[str, tuple[str, int, int]] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            for k, w, n, seq in self.db.execute(
                f"SELECT folded, written, count, seq FROM typo_words WHERE folded IN ({marks})",
                part,
            ):
                out[k] = (w, n, seq)
        return out

    def typo_neighbours(self, deletes: Iterable[str]) -> list[tuple[str, str, int]]:
        """(folded, written, count) of every word that has one of these deletes, in the order
        the words were added."""
        keys = list(dict.fromkeys(deletes))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        words: set[str] = set()
        for (found,) in self.db.execute(
            f"SELECT words FROM typo_deletes WHERE key IN ({marks})", keys
        ):
            words.update(found.split(" "))
        entries = self.typo_entries(words)
        return [(k, w, n) for k, (w, n, _) in sorted(entries.items(), key=lambda e: e[1][2])]
