"""The search index's bm25 ranking, computed in memory from the FTS5 index's own postings.

Why: a question is matched against the index with many OR-ed terms (its words, their synonyms,
compounds and typo repairs), and a few of them ("kommune", "region", "prosjekt") occur in half
the rows of a large base. FTS5 then computes bm25 over every matching row for every term of the
query, and that was most of the answer time on a base 100 times the seed. Here each term's
postings (row, weighted frequency) are read once from the index and turned into that term's bm25
contribution per row; a query adds up the contributions of its terms. The figures are FTS5's own
(the same formula, the same floating-point operations in the same order, ties in rowid order),
so the rows and their order are exactly those of `SELECT ... ORDER BY bm25(...) LIMIT n`; a test
holds the two side by side. A term FTS5 would read as several tokens (a phrase) is left to FTS5.

An instance belongs to one version of the data: whoever keeps it (the answer engine's cache,
`bot.answers.knowledge`) drops it when the data changes.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable

import sqlite_utils

# bm25 as FTS5 computes it (fts5_aux.c): k1 and b are fixed there, the column weights are ours.
K1 = 1.2
B = 0.75
WEIGHTS = {"terms": 1.0, "context": 0.25}  # the order of the FTS columns; as in Store.search
_PLAIN = re.compile(r"[a-z0-9]+")  # one token to FTS5's unicode61 tokenizer, as written


def varints(blob: bytes) -> list[int]:
    """SQLite varints (FTS5's docsize and averages records): 7 bits a byte, high bit set on
    every byte but the last, the ninth byte whole."""
    out, value, n = [], 0, 0
    for byte in blob:
        n += 1
        if n == 9:
            out.append((value << 8) | byte)
            value, n = 0, 0
        elif byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            out.append((value << 7) | byte)
            value, n = 0, 0
    return out


class FullText:
    """Top rows of the search index for a set of (stemmed, folded) terms, best first."""

    def __init__(self, db: sqlite_utils.Database, max_postings: int = 2_000_000):
        # Postings are kept per term, least recently used dropped first past `max_postings`
        # (16 bytes each): the common terms of a large base stay, a stray typo's go.
        self.max_postings = max_postings
        self.rows, self.avgdl = 0, 1.0
        self.sizes: list[int] = []
        self._postings: OrderedDict[str, tuple[array, array]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()  # the Slack app answers in several threads
        self._load(db)

    def _load(self, db: sqlite_utils.Database) -> None:
        """The row count and token totals (FTS5's "averages" record) and each row's length."""
        record = db.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchone()
        if record is None:  # nothing indexed yet
            return
        numbers = varints(record[0])
        self.rows = numbers[0]
        self.avgdl = sum(numbers[1:]) / self.rows if self.rows else 1.0
        sizes = db.execute("SELECT id, sz FROM search_fts_docsize").fetchall()
        self.sizes = [0] * (max((r for r, _ in sizes), default=0) + 1)
        for rowid, blob in sizes:
            self.sizes[rowid] = sum(varints(blob))

    def _term(self, db: sqlite_utils.Database, term: str) -> tuple[array, array]:
        """A term's rows (ascending) and its bm25 contribution to each."""
        with self._lock:
            held = self._postings.get(term)
            if held is not None:
                self._postings.move_to_end(term)
                return held
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances "
            "USING fts5vocab(main, search_fts, instance)"
        )
        freq: dict[int, float] = {}
        get = freq.get
        for doc, col in db.execute(
            "SELECT doc, col FROM temp.search_instances WHERE term = ?", [term]
        ):
            freq[doc] = get(doc, 0.0) + WEIGHTS[col]
        # FTS5's idf, floored as there; the expression below is fts5_aux.c's, term for term.
        hits = len(freq)
        idf = math.log((self.rows - hits + 0.5) / (hits + 0.5))
        if idf <= 0.0:
            idf = 1e-6
        docs = array("q", sorted(freq))
        sizes, avgdl = self.sizes, self.avgdl
        contrib = array(
            "d",
            [
                idf * ((freq[d] * (K1 + 1.0)) / (freq[d] + K1 * (1 - B + B * sizes[d] / avgdl)))
                for d in docs
            ],
        )
        with self._lock:
            self._postings[term] = (docs, contrib)
            self._held += len(docs)
            while self._held > self.max_postings and len(self._postings) > 1:
                _, (old, _) = self._postings.popitem(last=False)
                self._held -= len(old)
        return docs, contrib

    def top(
        self, db: sqlite_utils.Database, terms: Iterable[str], limit: int
    ) -> list[tuple[int, float]] | None:
        """(rowid, rank) of the best `limit` rows, rank as FTS5's bm25 gives it (negative, lower
        is better), ties in rowid order. None when a term is not one plain token."""
        terms = [t for t in dict.fromkeys(terms) if t]
        if not all(_PLAIN.fullmatch(t) for t in terms):
            return None
        # A row's score adds its terms' contributions in the order of the query, from 0.0, as
        # FTS5 does (a term a row lacks adds 0.0 there, which changes nothing).
        scores = [0.0] * len(self.sizes)
        touched: set[int] = set()
        for term in terms:
            docs, contrib = self._term(db, term)
            docs = docs.tolist()
            touched.update(docs)
            for d, c in zip(docs, contrib.tolist(), strict=True):
                scores[d] += c
        if limit <= 0:
            return []
        hits = list(touched)
        if len(hits) > limit:
            floor = heapq.nlargest(limit, [scores[d] for d in hits])[-1]
            hits = [d for d in hits if scores[d] >= floor]
        hits.sort(key=lambda d: (-scores[d], d))
        return [(d, -1.0 * scores[d]) for d in hits[:limit]]
