"""What the answer engine keeps of the store's data between questions, for one version of it.

Why: a question's way through the engine reads the same things again and again (the index's
vocabulary for idf and typo repair, the people and place names, the row behind each hit, a
document's title), and on a large base reading them per question was most of the answer time.
They are kept here, by the engine, not on the `Store`: `knowledge(store)` gives the `Knowledge`
of the store's current `data_version`, and a new, empty one as soon as the data changed (a
reload of `knowledge/`, an update written through `bot.updates`, a commit by another process).
Nothing here writes; everything is computed on first use.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from bot import text as T
from bot.models import MeasureRecord, Model, PersonRecord, PlanRecord, Source
from bot.store import ITEM_RECORDS, Store, row_of, source_of

V = TypeVar("V")

SEARCHES_KEPT = 4  # the searches of one question, not a cache of questions
ROWS_KEPT = 50_000  # rows whose words are kept (`row_terms`); past that, they are read anew


class RowTerms(NamedTuple):
    """A search row's words as ranking compares them with a question's."""

    own: frozenset[str]  # the row's own (stemmed) words
    context: frozenset[str]  # what it stands under (plan, goal, section)
    around: frozenset[str]  # that and its document's title, organisation and region
    everything: frozenset[str]  # own | around
    own_unindexed: frozenset[str]  # words of `own` the index does not hold
    around_unindexed: frozenset[str]


_KEPT: weakref.WeakKeyDictionary[Store, Knowledge] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def knowledge(store: Store) -> Knowledge:
    """The engine's cache for the store's data as it is now."""
    version = store.data_version()
    kept = _KEPT.get(store)
    if kept is None or kept.version != version:
        with _LOCK:
            kept = _KEPT.get(store)
            if kept is None or kept.version != version:
                kept = Knowledge(store, version)
                _KEPT[store] = kept
    return kept


class Knowledge:
    """Lookups computed once per version of the data. Holds the store weakly: the cache must
    not keep a closed store alive."""

    def __init__(self, store: Store, version: int):
        self._store = weakref.ref(store)
        self.version = version
        self._memo: dict[str, Any] = {}
        self._items: dict[tuple[str, str], dict | None] = {}
        self._by_plan: dict[str, list[MeasureRecord]] = {}
        self._documents: dict[str, dict] = {}
        self._document_terms: dict[str, set[str]] = {}
        self._row_terms: dict[int, RowTerms] = {}
        self._searches: OrderedDict[tuple[tuple[str, ...], int], list[dict]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        store = self._store()
        if store is None:
            raise RuntimeError("the store this knowledge was read from is gone")
        return store

    # --- the search index ---------------------------------------------------------------------

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Every indexed term with the number of rows it occurs in (idf, typo repair)."""
        return self.store.vocabulary()

    @cached_property
    def sorted_vocabulary(self) -> list[str]:
        return sorted(self.vocabulary)

    @cached_property
    def reversed_vocabulary(self) -> list[str]:
        """Every term spelt backwards, sorted: finds compounds by their last part."""
        return sorted(t[::-1] for t in self.vocabulary)

    @cached_property
    def search_size(self) -> int:
        return self.store.search_size()

    @cached_property
    def _fulltext(self):
        return self.store.fulltext()

    def search(self, terms: Iterable[str], *, limit: int = 60) -> list[dict]:
        """`Store.search`, ranked in memory (the same rows in the same order, see
        `bot.store.fulltext`); terms FTS5 would read as phrases go to the store."""
        terms = list(terms)
        key = (tuple(terms), limit)
        with self._lock:
            found = self._searches.get(key)
        if found is None:
            store = self.store
            top = self._fulltext.top(store.db, terms, limit)
            if top is None:
                found = store.search(terms, limit=limit)
            else:
                rows = store.search_rows(rowid for rowid, _ in top)
                found = [{**rows[rowid], "rank": rank} for rowid, rank in top if rowid in rows]
            with self._lock:
                # One question's parts (a count, a list, the facts) search the same words:
                # the last few searches are kept, not more.
                self._searches[key] = found
                while len(self._searches) > SEARCHES_KEPT:
                    self._searches.popitem(last=False)
        return [dict(row) for row in found]  # callers may change their copies

    # --- rows and documents ---------------------------------------------------------------------

    def item_row(self, kind: str, ref: str) -> dict | None:
        """`Store.item_row` as columns by name: ranking asks for the same rows several times per
        question, and reads whichever columns a kind has (date, due, quote, status_at), and a
        hit's `Item.fields` is that dict. A typed record is dumped once, when kept (a measure, a
        plan, ... as its table's row, `row_of`: columns by name, dates as ISO text).
        Callers must not change what they get."""
        key = (kind, ref)
        if key not in self._items:
            row = self.store.item_row(kind, ref)
            if row is not None and kind in ITEM_RECORDS:
                row = row_of(row)
            elif isinstance(row, Model):
                row = row.model_dump()
            self._items[key] = row
        return self._items[key]

    def document(self, document_id: str) -> dict:
        """`Store.document_meta`: title, access, date, organisation, region."""
        meta = self._documents.get(document_id)
        if meta is None:
            meta = self._documents[document_id] = self.store.document_meta(document_id)
        return meta

    def source(self, document_id: str, quote: str | None = None, **extra: Any) -> Source:
        """`Store.source`, from the kept document."""
        return source_of(self.document(document_id), document_id, quote, **extra)

    def document_terms(self, document_id: str) -> set[str]:
        """Terms of a document's title, organisation and region: what all its rows are about."""
        terms = self._document_terms.get(document_id)
        if terms is None:
            meta = self.document(document_id)
            text = " ".join(str(meta.get(k) or "") for k in ("title", "organisation", "region"))
            terms = self._document_terms[document_id] = set(T.terms(text, keep_stopwords=True))
        return terms

    def document_words(self, document_id: str) -> frozenset[str]:
        """Every term of a document's text: what a question citing it ("ifølge protokollen")
        may find anywhere in it."""
        return self.memo(
            f"document_words:{document_id}",
            lambda: (
                frozenset(t for p in self.store.passages(document_id) for t in T.terms(p.text))
                | self.document_terms(document_id)
            ),
        )

    def row_terms(self, row: dict) -> RowTerms:
        """A search row's words, split and looked up once per version, not per question."""
        kept = self._row_terms.get(row["rowid"])
        if kept is None:
            vocab = self.vocabulary
            own = frozenset(row["terms"].split())
            context = frozenset(row["context"].split())
            around = context | self.document_terms(row["document_id"])
            kept = RowTerms(
                own,
                context,
                around,
                own | around,
                own.difference(vocab),
                around.difference(vocab),
            )
            if len(self._row_terms) >= ROWS_KEPT:
                self._row_terms.clear()
            self._row_terms[row["rowid"]] = kept
        return kept

    # --- names ---------------------------------------------------------------------------------

    @cached_property
    def owner_names(self) -> list[str]:
        """Every owner any measure names ("Arbeidsutvalget", "regionrådgiver", ...)."""
        return self.store.owner_names()

    @cached_property
    def people(self) -> list[PersonRecord]:
        """`Store.people`, built once per version of the data. Callers must not change what
        they get."""
        return self.store.people()

    @cached_property
    def people_names(self) -> list[str]:
        return [p.name for p in self.people]

    @cached_property
    def folded_people(self) -> list[str]:
        """The people's names folded (`T.fold`), for finding them in a text."""
        return [T.fold(p.name) for p in self.people]

    # --- plans and measures --------------------------------------------------------------------

    @cached_property
    def plans(self) -> list[PlanRecord]:
        """`Store.plans`, as records once per version: a base of hundreds of plans would
        otherwise build them on every question that names a period. Callers must not change
        what they get."""
        return self.store.plans()

    @cached_property
    def _all_measures(self) -> list[MeasureRecord]:
        return self.store.measures()

    def measures(
        self, *, plan_ids: Iterable[str] | None = None, ids: Iterable[str] | None = None
    ) -> list[MeasureRecord]:
        """`Store.measures`, in its order, with each plan's measures built as records once per
        version: a list question would otherwise build them on every ask (thousands, on a big
        base, when it lists every owner's measures). Callers must not change what they get."""
        wanted = None if ids is None else set(ids)
        if plan_ids is None and "_all_measures" not in self.__dict__ and wanted is not None:
            return self.store.measures(ids=wanted)  # a few hits: not worth keeping
        if plan_ids is None:
            found = self._all_measures
        else:
            found = self._plan_measures(list(dict.fromkeys(plan_ids)))
        return [m for m in found if wanted is None or m.id in wanted]

    def _plan_measures(self, plan_ids: list[str]) -> list[MeasureRecord]:
        if "_all_measures" in self.__dict__:
            plans = set(plan_ids)
            return [m for m in self._all_measures if m.plan_id in plans]
        with self._lock:
            missing = [p for p in plan_ids if p not in self._by_plan]
        if missing:
            read: dict[str, list[MeasureRecord]] = {p: [] for p in missing}
            for m in self.store.measures(plan_ids=missing):
                read[m.plan_id].append(m)
            with self._lock:
                self._by_plan.update(read)
        # The store's order: by the plan's first year (none first), then the plan's id.
        start = {p.id: p.period_start for p in self.plans}
        order = sorted(plan_ids, key=lambda p: (start.get(p) is not None, start.get(p) or 0, p))
        return [m for p in order for m in self._by_plan[p]]

    def memo(self, key: str, compute: Callable[[], V]) -> V:
        """Anything else computed from the data once per version (place names, the words the
        documents write): `compute` runs on first use."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
