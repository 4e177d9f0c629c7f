"""Meaning vectors of the search rows, for the semantic signal (bot/answers/semantic.py).

A vector belongs to a text and a model, not to a row: rows are rebuilt with new ids when their
document is reloaded, and the same text then finds its vector again. Rows whose text has no vector
(not embedded yet, or changed since) are simply left to the lexical ranking.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

_SEARCH_COLUMNS = (
    "s.rowid, s.key, s.kind, s.ref, s.document_id, s.access, s.text, s.terms, s.context"
)


class VectorStore:
    """Mixed into `Store`. Call the writing methods inside a transaction."""

    db: sqlite_utils.Database

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
