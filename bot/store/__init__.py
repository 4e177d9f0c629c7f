"""The only package that speaks SQL: queries, search and the audit log (writing knowledge is in
`writing.py`, the schema in `schema.py`).

Everything lives in one SQLite file (WAL, foreign keys on). Structured facts keep their document and
quote, so every row can be cited. A `search` table holds one row per citable thing (an item such as a
measure or a decision, or a passage of a document) with its stemmed, folded terms, and an FTS5 index
over those terms; the answer engine ranks what the index returns.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from bot.models import (
    BudgetLineRecord,
    CaseRecord,
    DeadlineRecord,
    DecisionRecord,
    Document,
    FactRecord,
    GoalRecord,
    MeasureRecord,
    MeetingRecord,
    Model,
    Organisation,
    Passage,
    PersonRecord,
    PlanRecord,
    ResultRecord,
    Source,
    UpdateRecord,
)
from bot.store.fulltext import FullText
from bot.store.items import ItemStore
from bot.store.lemmas import LemmaStore
from bot.store.meetings import MeetingStore
from bot.store.outbox import OutboxStore
from bot.store.reminders import ReminderStore
from bot.store.schema import migrations
from bot.store.typos import TypoStore
from bot.store.vectors import VectorStore
from bot.store.writing import KnowledgeWriter, _json


def _connect(path: str, busy_seconds: float = 5.0) -> sqlite_utils.Database:
    conn = sqlite3.connect(
        path, check_same_thread=False, isolation_level=None, timeout=busy_seconds
    )
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
    return db


class Store(
    KnowledgeWriter,
    ItemStore,
    OutboxStore,
    MeetingStore,
    ReminderStore,
    LemmaStore,
    VectorStore,
    TypoStore,
):
    """A regionbot database. Open with `Store.open(path)`; it migrates itself."""

    def __init__(
        self, db: sqlite_utils.Database, path: str | None = None, busy_seconds: float = 5.0
    ):
        # One connection per thread (a file database): SQLite connections must not be used by two
        # threads at once, and the Slack app answers in worker threads. Names without a leading
        # underscore: `invalidate` drops those.
        self.path = path
        self.thread_db = threading.local()
        self.thread_db.db = db
        self.main_db = db
        # Other threads' connections, weakly: a thread that ends takes its connection with it.
        self.connections: weakref.WeakSet = weakref.WeakSet()
        self.connections_lock = threading.Lock()
        self.write_lock = threading.RLock()
        self.busy_seconds = busy_seconds
        # Bumped by `invalidate` after every write through this store, and when another
        # connection is seen to have committed: see `data_version`.
        self.generation = 0

    @property
    def db(self) -> sqlite_utils.Database:
        db = getattr(self.thread_db, "db", None)
        if db is None:
            db = _connect(self.path, self.busy_seconds) if self.path else self.main_db
            self.thread_db.db = db
            if self.path:
                with self.connections_lock:
                    self.connections.add(db)
        return db

    @classmethod
    def open(cls, path: Path | str, *, busy_seconds: float = 5.0) -> Store:
        """Open (and migrate) a database. A write that meets another process's lock waits up to
        `busy_seconds` before it gives up with "database is locked"."""
        memory = str(path) == ":memory:"
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = _connect(str(path), busy_seconds)
        if not memory:
            db.execute("PRAGMA journal_mode=WAL")
        store = cls(db, None if memory else str(path), busy_seconds)
        migrations.apply(db)
        return store

    def close(self) -> None:
        """Close the connection the store was opened with and this thread's own. Another
        thread's connection is left to that thread: it is thread-local, so it closes when its
        thread ends. Closing it from here while its thread is inside a query frees memory that
        SQLite is still using (a crash seen in test teardowns while a Slack worker thread was
        still answering)."""
        mine = getattr(self.thread_db, "db", None)
        for db in {id(d): d for d in (self.main_db, mine) if d is not None}.values():
            db.conn.close()
        with self.connections_lock:
            self.connections = weakref.WeakSet()
        self.thread_db = threading.local()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure anywhere inside leaves the database as it was. One writer
        at a time: the Slack app shares the store between worker threads."""
        with self.write_lock:
            db = self.db
            if db.conn.in_transaction:
                with db.atomic():  # nested: a savepoint
                    yield
                return
            self._begin_immediate(db)
            try:
                yield
            except BaseException:
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _begin_immediate(self, db: sqlite_utils.Database) -> None:
        """Take the write lock at the start: a deferred transaction that first reads and then
        writes fails at once when another process wrote meanwhile (SQLite cannot wait there), and
        a 👍 click would be lost. Waiting happens here, with the busy timeout, and again."""
        deadline = time.monotonic() + self.busy_seconds
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    # --- meta -------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    def document_hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, hash FROM documents").fetchall())

    # --- writing knowledge ------------------------------------------------------------------

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        cur = self.db.execute(sql, list(params))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def document(self, document_id: str) -> dict | None:
        rows = self.rows("SELECT * FROM documents WHERE id = ?", [document_id])
        return rows[0] if rows else None

    def knowledge_document_ids(self) -> list[str]:
        return [
            r[0] for r in self.db.execute("SELECT id FROM documents WHERE origin = 'knowledge'")
        ]

    def document_bodies(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT body FROM documents")]

    def documents(self) -> list[Document]:
        rows = self.rows(
            "SELECT id, title, date, organisation, region, kind, access, source_file, origin "
            "FROM documents ORDER BY id"
        )
        return [record(Document, r) for r in rows]

    def source(self, document_id: str, quote: str | None = None, **extra: Any) -> Source:
        return source_of(self.document_meta(document_id), document_id, quote, **extra)

    def document_meta(self, document_id: str) -> dict:
        """What a citation needs of a document; an unknown one is cited by its id, as intern."""
        rows = self.rows(
            "SELECT id, title, access, date, organisation, region FROM documents WHERE id = ?",
            [document_id],
        )
        return rows[0] if rows else {"title": document_id, "access": "intern"}

    def plans(self) -> list[PlanRecord]:
        rows = self.rows(
            "SELECT p.*, (SELECT count(*) FROM measures m WHERE m.plan_id = p.id) AS measure_count "
            "FROM plans p ORDER BY p.period_start IS NULL, p.period_start, p.id"
        )
        return [record(PlanRecord, r) for r in rows]

    def plan(self, plan_id: str) -> PlanRecord | None:
        rows = self.rows("SELECT * FROM plans WHERE id = ?", [plan_id])
        return record(PlanRecord, rows[0]) if rows else None

    def goals(self, plan_id: str | None = None) -> list[GoalRecord]:
        if plan_id:
            rows = self.rows("SELECT * FROM goals WHERE plan_id = ? ORDER BY seq", [plan_id])
        else:
            rows = self.rows("SELECT * FROM goals ORDER BY plan_id, seq")
        return [record(GoalRecord, r) for r in rows]

    def measures(
        self,
        *,
        plan_ids: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        status: str | None = None,
    ) -> list[MeasureRecord]:
        """Measures by plan, id and status (a part of it: "ferdig", "utsatt"; none is "åpen"),
        in plan order (period, then the order of the plan)."""
        rows = self._measure_rows(plan_ids=plan_ids, ids=ids, status=status)
        return [record(MeasureRecord, r) for r in rows]

    def _measure_rows(
        self,
        *,
        plan_ids: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        status: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[dict]:
        """`measures` as rows, owners parsed; `start`/`end`: only those due in the span."""
        sql = (
            "SELECT m.*, p.title AS plan_title, g.text AS goal_text, g.area AS goal_area "
            "FROM measures m JOIN plans p ON p.id = m.plan_id "
            "LEFT JOIN goals g ON g.id = m.goal_id WHERE 1=1"
        )
        params: list[Any] = []
        if plan_ids is not None:
            plan_ids = list(plan_ids)
            sql += f" AND m.plan_id IN ({','.join('?' * len(plan_ids))})"
            params += plan_ids
        if ids is not None:
            ids = list(ids)
            sql += f" AND m.id IN ({','.join('?' * len(ids))})"
            params += ids
        if status:
            sql += " AND instr(lower(coalesce(m.status, 'åpen')), ?) > 0"
            params.append(status.lower())
        if start or end:
            sql += " AND m.due IS NOT NULL AND m.due != ''"
        if start:
            sql += " AND m.due >= ?"
            params.append(start.isoformat())
        if end:
            sql += " AND m.due <= ?"
            params.append(end.isoformat())
        rows = self.rows(sql + " ORDER BY p.period_start, m.plan_id, m.seq", params)
        for r in rows:
            r["owners"] = json.loads(r["owners"] or "[]")
        return rows

    def owner_names(self) -> list[str]:
        """Every owner any measure names ("Arbeidsutvalget", "regionrådgiver", ...)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT j.value FROM measures, json_each(measures.owners) j"
            ).fetchall()
        ]

    def measure(self, measure_id: str) -> MeasureRecord | None:
        rows = self.measures(ids=[measure_id])
        return rows[0] if rows else None

    def deadlines(self, start: date | None = None, end: date | None = None) -> list[DeadlineRecord]:
        """Deadlines due in the span (both ends included), soonest first."""
        sql = "SELECT * FROM deadlines WHERE 1=1"
        params = []
        if start:
            sql += " AND due >= ?"
            params.append(start.isoformat())
        if end:
            sql += " AND due <= ?"
            params.append(end.isoformat())
        return [record(DeadlineRecord, r) for r in self.rows(sql + " ORDER BY due", params)]

    def measures_due(
        self, start: date | None = None, end: date | None = None
    ) -> list[MeasureRecord]:
        """Measures with a due date, in the span when one is given (both ends included)."""
        rows = self._measure_rows(start=start or date.min, end=end)
        return [record(MeasureRecord, r) for r in rows]

    def decisions(self, body: str | None = None) -> list[DecisionRecord]:
        sql = "SELECT * FROM decisions"
        params = []
        if body:
            sql += " WHERE lower(coalesce(body, '')) LIKE ?"
            params.append(f"%{body.lower()}%")
        return [record(DecisionRecord, r) for r in self.rows(sql + " ORDER BY date, id", params)]

    def meetings(self, start: date | None = None, end: date | None = None) -> list[MeetingRecord]:
        sql = "SELECT * FROM meetings WHERE 1=1"
        params = []
        if start:
            sql += " AND date >= ?"
            params.append(start.isoformat())
        if end:
            sql += " AND date <= ?"
            params.append(end.isoformat())
        meetings = self.rows(sql + " ORDER BY date IS NULL, date, id", params)
        for m in meetings:
            m["cases"] = [
                _case_row(c)
                for c in self.rows(
                    "SELECT * FROM cases WHERE meeting_id = ? ORDER BY rowid", [m["id"]]
                )
            ]
        return [record(MeetingRecord, m) for m in meetings]

    def people(self) -> list[PersonRecord]:
        return [_person(r) for r in self.rows("SELECT * FROM people ORDER BY name")]

    def person(self, name: str) -> PersonRecord | None:
        rows = self.rows("SELECT * FROM people WHERE name = ?", [name])
        return _person(rows[0]) if rows else None

    def organisations(self, org_id: str | None = None) -> list[Organisation]:
        """Organisations merged by id: several documents may describe the same body."""
        return [record(Organisation, r) for r in self._organisations(org_id)]

    def _organisations(self, org_id: str | None = None) -> list[dict]:
        merged: dict[str, dict] = {}
        sql, params = "SELECT * FROM organisations", []
        if org_id:
            sql, params = sql + " WHERE id = ?", [org_id]
        for r in self.rows(sql + " ORDER BY document_id", params):
            r["aliases"] = json.loads(r["aliases"] or "[]")
            if r["id"] in merged:
                old = merged[r["id"]]
                old.update({k: v for k, v in r.items() if v and not old.get(k)})
                old["aliases"] = list(dict.fromkeys(old["aliases"] + r["aliases"]))
            else:
                merged[r["id"]] = r
        return sorted(merged.values(), key=lambda r: r["name"])

    def table(self, name: str, ids: Iterable[str] | None = None) -> list[Model]:
        """Records of a fact table (budget_lines, results, facts, goals, cases, plans), in the
        order they were loaded, optionally by id."""
        cls = _TABLE_RECORDS.get(name)
        if cls is None:
            raise ValueError(f"unknown table {name}")
        if ids is None:
            rows = self.rows(f"SELECT * FROM {name} ORDER BY rowid")
        else:
            ids = list(ids)
            rows = self.rows(f"SELECT * FROM {name} WHERE id IN ({','.join('?' * len(ids))})", ids)
        return [record(cls, _case_row(r) if name == "cases" else r) for r in rows]

    _KIND_TABLES = {
        "plan": "plans",
        "goal": "goals",
        "meeting": "meetings",
        "case": "cases",
        "decision": "decisions",
        "deadline": "deadlines",
        "budget": "budget_lines",
        "result": "results",
        "fact": "facts",
        "organisation": "organisations",
        "passage": "passages",
        "document": "documents",
    }

    def item_row(self, kind: str, ref: str) -> dict | Model | None:
        """The row behind a search hit, with the names of what it links to; a record where the
        store has one for the kind (a person, and the kinds of `ITEM_RECORDS`)."""
        if kind == "measure":
            return self.measure(ref)
        if kind == "person":
            return self.person(ref)
        table = self._KIND_TABLES[kind]
        if kind == "organisation":
            rows = self._organisations(ref)
            return rows[0] if rows else None
        rows = self.rows(f"SELECT * FROM {table} WHERE id = ?", [ref])
        if not rows:
            return None
        row = rows[0]
        if row.get("plan_id"):
            title = self.db.execute(
                "SELECT title FROM plans WHERE id = ?", [row["plan_id"]]
            ).fetchone()
            row["plan_title"] = title[0] if title else None
        if kind == "case" and row.get("meeting_id"):
            meeting = self.rows("SELECT * FROM meetings WHERE id = ?", [row["meeting_id"]])
            row["meeting"] = meeting[0] if meeting else None
        cls = ITEM_RECORDS.get(kind)
        return record(cls, row) if cls else row

    def passages(self, document_id: str) -> list[Passage]:
        rows = self.rows("SELECT * FROM passages WHERE document_id = ? ORDER BY seq", [document_id])
        return [record(Passage, r) for r in rows]

    # --- search -----------------------------------------------------------------------------

    def vocabulary(self) -> dict[str, int]:
        """Every indexed term with the number of rows it occurs in (for idf and typo repair)."""
        return dict(self.db.execute("SELECT term, doc FROM search_vocab").fetchall())

    def search_size(self) -> int:
        return self.db.execute("SELECT count(*) FROM search").fetchone()[0]

    def search_rows(self, rowids: Iterable[int]) -> dict[int, dict]:
        """Search rows by rowid (what `search` returns, without the rank)."""
        rowids = list(rowids)
        if not rowids:
            return {}
        rows = self.rows(
            "SELECT rowid, key, kind, ref, document_id, access, text, terms, context "
            f"FROM search WHERE rowid IN ({','.join('?' * len(rowids))})",
            rowids,
        )
        return {r["rowid"]: r for r in rows}

    def fulltext(self) -> FullText:
        """The index's bm25 ranking in memory, for this version of the data (see `FullText`):
        the caller keeps it, and drops it when `data_version` changes."""
        return FullText(self.db)

    def data_version(self) -> int:
        """A number that changes when the data may have changed, for those who keep what they
        computed from it: after every write through this store (`invalidate`), and when another
        connection (another thread's, another process's) has committed since last asked."""
        seen = self.db.execute("PRAGMA data_version").fetchone()[0]
        last = getattr(self.thread_db, "data_version", None)
        self.thread_db.data_version = seen
        if last is not None and last != seen:
            with self.connections_lock:
                self.generation += 1
        return self.generation

    def invalidate(self) -> None:
        """Tell those who keep what they computed from the data that it changed (every write
        calls this)."""
        with self.connections_lock:
            self.generation += 1

    def search(
        self, terms: Iterable[str], *, kinds: Iterable[str] | None = None, limit: int = 60
    ) -> list[dict]:
        """Rows whose own text or context holds any of the (already stemmed) terms, best first."""
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
        if kinds:
            kinds = list(kinds)
            sql = (
                "SELECT s.rowid, s.key, s.kind, s.ref, s.document_id, s.access, s.text, s.terms, "
                "s.context, bm25(search_fts, 1.0, 0.25) AS rank "
                "FROM search_fts JOIN search s ON s.rowid = search_fts.rowid "
                f"WHERE search_fts MATCH ? AND s.kind IN ({','.join('?' * len(kinds))}) "
                "ORDER BY rank LIMIT ?"
            )
            return self.rows(sql, [match, *kinds, limit])
        # Rank inside the FTS index first, then join only the rows kept (faster on big bases).
        sql = (
            "SELECT s.rowid, s.key, s.kind, s.ref, s.document_id, s.access, s.text, s.terms, "
            "s.context, f.rank FROM (SELECT rowid, bm25(search_fts, 1.0, 0.25) AS rank "
            "FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?) f "
            "JOIN search s ON s.rowid = f.rowid ORDER BY f.rank"
        )
        return self.rows(sql, [match, limit])

    # --- audit and updates ------------------------------------------------------------------

    def audit(
        self,
        *,
        author: str,
        action: str,
        target: str,
        old: Any = None,
        new: Any = None,
        text: str | None = None,
        now: datetime,
    ) -> int:
        return (
            self.db["updates"]
            .insert(
                {
                    "time": now.isoformat(),
                    "author": author,
                    "action": action,
                    "target": target,
                    "old": _json(old) if old is not None else None,
                    "new": _json(new) if new is not None else None,
                    "text": text,
                }
            )
            .last_pk
        )

    def updates(self, target: str | None = None) -> list[UpdateRecord]:
        """The audit log (of one target, "measure:m-2021-4", "document:x"), oldest first."""
        if target:
            rows = self.rows("SELECT * FROM updates WHERE target = ? ORDER BY id", [target])
        else:
            rows = self.rows("SELECT * FROM updates ORDER BY id")
        return [update_record(r) for r in rows]

    def record_feedback(
        self, *, user: str, channel: str, question: str, answer: str, vote: str, now: datetime
    ) -> int:
        with self.transaction():
            row = self.db["feedback"].insert(
                {
                    "time": now.isoformat(),
                    "user": user,
                    "channel": channel,
                    "question": question,
                    "answer": answer,
                    "vote": vote,
                }
            )
        return row.last_pk

    def feedback(self) -> list[dict]:
        return self.rows("SELECT * FROM feedback ORDER BY id")

    def counts(self) -> dict[str, int]:
        names = ["documents", "passages", "plans", "goals", "measures", "meetings", "decisions"]
        names += ["deadlines", "budget_lines", "results", "facts", "people", "organisations"]
        return {n: self.db[n].count for n in names}


def source_of(meta: dict, document_id: str, quote: str | None = None, **extra: Any) -> Source:
    """The citation of a document (its `document_meta`), with a quote and where in it."""
    return Source(
        document_id=document_id,
        title=meta["title"],
        access=meta["access"],
        quote=quote,
        **{k: v for k, v in extra.items() if v is not None},
    )


M = TypeVar("M", bound=Model)

# The record `Store.item_row` gives for a kind of search hit (the others are rows yet).
ITEM_RECORDS: dict[str, type[Model]] = {
    "measure": MeasureRecord,
    "plan": PlanRecord,
    "goal": GoalRecord,
    "deadline": DeadlineRecord,
    "budget": BudgetLineRecord,
    "result": ResultRecord,
    "fact": FactRecord,
}
# Fields of a record that are no column of its table: read apart, or counted.
_NOT_COLUMNS: dict[type[Model], set[str]] = {
    PlanRecord: {"goals", "measures", "measure_count"},
    GoalRecord: {"measures"},
}


def row_of(rec: Model) -> dict:
    """A record as its table's row: columns by name (`plan_id`, not `plan`), dates as ISO text,
    without what is read apart. The answer engine's `Item.fields` hold this; the tools give it
    to the LLM as JSON."""
    return rec.model_dump(mode="json", by_alias=True, exclude=_NOT_COLUMNS.get(type(rec)))


# What `Store.table` gives for each table it reads.
_TABLE_RECORDS: dict[str, type[Model]] = {
    "budget_lines": BudgetLineRecord,
    "results": ResultRecord,
    "facts": FactRecord,
    "goals": GoalRecord,
    "cases": CaseRecord,
    "plans": PlanRecord,
}


def record(cls: type[M], row: dict) -> M:
    """A row as its model (see "Records" in bot/models.py). NULL columns take the model's
    defaults; JSON and date columns are parsed by the model's validation."""
    return cls.model_validate(_present(row))


def update_record(row: dict) -> UpdateRecord:
    """An audit row as its record, with its old and new values read from JSON."""
    old, new = row["old"], row["new"]
    return record(
        UpdateRecord,
        {
            **row,
            "old": None if old is None else json.loads(old),
            "new": None if new is None else json.loads(new),
        },
    )


def _case_row(row: dict) -> dict:
    """A case row with its documents (a JSON list) read."""
    return {**row, "documents": json.loads(row["documents"] or "[]")}


def _present(row: dict) -> dict:
    """A row without its NULL columns: a model gives those their defaults."""
    return {k: v for k, v in row.items() if v is not None}


def _person(row: dict) -> PersonRecord:
    return record(PersonRecord, {**row, "roles": json.loads(row["roles"] or "[]")})
