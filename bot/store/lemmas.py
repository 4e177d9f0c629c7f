"""Rows of the lemma tables (see schema.m_lang_001_lemmas): written when knowledge is loaded,
read per question by the words it has."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils


class LemmaStore:
    """Mixed into `Store`."""

    db: sqlite_utils.Database

    def put_lemmas(
        self, forms: Iterable[tuple[str, str, str, str]], terms: Iterable[tuple[str, str]]
    ) -> None:
        """Replace both tables: forms as (folded, form, lemma, lang), terms as (lemma, term).
        Call inside a transaction."""
        self.db.execute("DELETE FROM lemma_forms")
        self.db.execute("DELETE FROM lemma_terms")
        self.db.conn.executemany(
            "INSERT INTO lemma_forms (folded, form, lemma, lang) VALUES (?, ?, ?, ?)", forms
        )
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO lemma_terms (lemma, term) VALUES (?, ?)", terms
        )

    def lemma_forms(self, folded: Iterable[str]) -> list[tuple[str, str, str, str]]:
        """(folded, form, lemma, lang) rows for these folded words."""
        words = list(dict.fromkeys(folded))
        if not words:
            return []
        marks = ",".join("?" * len(words))
        return self.db.execute(
            f"SELECT folded, form, lemma, lang FROM lemma_forms WHERE folded IN ({marks})", words
        ).fetchall()

    def lemma_terms(self, lemmas: Iterable[str]) -> dict[str, list[str]]:
        """The index terms the documents write each lemma as."""
        lemmas = list(dict.fromkeys(lemmas))
        if not lemmas:
            return {}
        marks = ",".join("?" * len(lemmas))
        out: dict[str, list[str]] = {}
        for lemma, term in self.db.execute(
            f"SELECT lemma, term FROM lemma_terms WHERE lemma IN ({marks})", lemmas
        ):
            out.setdefault(lemma, []).append(term)
        return out
