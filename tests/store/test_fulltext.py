"""The in-memory bm25 ranking gives exactly the rows, ranks and order FTS5 gives."""

import random

import pytest

from bot.store.fulltext import FullText, varints


def _sql(store, terms, limit=80):
    return [(r["rowid"], r["rank"]) for r in store.search(terms, limit=limit)]


def test_varints_decode_as_sqlite_writes_them():
    assert varints(b"\x10\x00") == [16, 0]
    assert varints(b"\x84\x8d<") == [67260]
    assert varints(b"\xff" * 8 + b"\x01") == [(2**56 - 1) << 8 | 1]


def test_the_same_rows_in_the_same_order_as_fts5_for_many_queries(store):
    """Common and rare terms mixed, one to thirty of them, against the seed index."""
    vocab = sorted(store.vocabulary().items(), key=lambda kv: -kv[1])
    common = [t for t, _ in vocab[:60]]
    rare = [t for t, _ in vocab[60:]]
    rng = random.Random(10)
    fulltext = FullText(store.db)
    for _ in range(150):
        terms = rng.sample(common, rng.randrange(0, 4)) + rng.sample(rare, rng.randrange(1, 27))
        rng.shuffle(terms)
        limit = rng.choice([1, 10, 60, 80])
        assert fulltext.top(store.db, terms, limit) == _sql(store, terms, limit), terms


def test_ties_are_broken_like_fts5(store):
    """Rows of equal rank (the same words, the same length) come in the order FTS5 gives."""
    fulltext = FullText(store.db)
    seen_tie = False
    for term in [t for t, n in store.vocabulary().items() if 3 <= n <= 40][:300]:
        got = fulltext.top(store.db, [term], 80)
        ranks = [rank for _, rank in got]
        seen_tie = seen_tie or len(set(ranks)) < len(ranks)
        assert got == _sql(store, [term]), term
    assert seen_tie  # the case is really tested


@pytest.mark.parametrize("terms", [["tv-produksjon"], ["a b"], ['"x']])
def test_a_term_fts5_reads_as_a_phrase_is_left_to_fts5(store, terms):
    assert FullText(store.db).top(store.db, terms, 10) is None


def test_unknown_and_empty_terms(store):
    fulltext = FullText(store.db)
    assert fulltext.top(store.db, [], 10) == []
    assert fulltext.top(store.db, ["zzqxnotaword"], 10) == []
    assert fulltext.top(store.db, ["", "zzqxnotaword"], 10) == _sql(store, ["", "zzqxnotaword"])


def test_postings_past_the_bound_are_dropped_least_recently_used_first(store):
    fulltext = FullText(store.db, max_postings=50)
    common = sorted(store.vocabulary().items(), key=lambda kv: -kv[1])[:3]
    for term, _ in common:
        fulltext.top(store.db, [term], 5)
    assert list(fulltext._postings) == [common[-1][0]]  # each one alone is past the bound
    assert fulltext.top(store.db, [common[0][0]], 5) == _sql(store, [common[0][0]], 5)
