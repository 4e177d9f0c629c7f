"""Items that can change (measures, deadlines, meetings, cases, decisions): their rows, short
references, audit trail, and the overlay that keeps changes made through the bot over reloads.

`bot/updates.py` decides what may change; this module only reads and writes rows. Call the writing
methods inside `Store.transaction()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlite_utils

from bot import text as T
from bot.models import (
    CaseRecord,
    DeadlineRecord,
    DecisionRecord,
    MeasureRecord,
    MeetingRecord,
    UpdateRecord,
)

ITEM_TABLES = {
    "measure": "measures",
    "deadline": "deadlines",
    "meeting": "meetings",
    "case": "cases",
    "decision": "decisions",
}

# The record each kind's rows are read as (`ItemStore.item`, `ItemStore.items`).
ITEM_RECORDS = {
    "measure": MeasureRecord,
    "deadline": DeadlineRecord,
    "meeting": MeetingRecord,
    "case": CaseRecord,
    "decision": DecisionRecord,
}
ItemRecord = MeasureRecord | DeadlineRecord | MeetingRecord | CaseRecord | DecisionRecord

# Prefix of each kind's reference; measures add their plan's year ("T21-4").
REF_PREFIX = {"measure": "T", "deadline": "F", "meeting": "M", "case": "S", "decision": "V"}

# The pseudo-document that holds items created through the bot (it is never reloaded).
UPDATES_DOCUMENT = "oppdateringer"


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def item_record(kind: str, row: dict[str, Any]) -> ItemRecord:
    """An item's row by column (as `item_fields` gives it, or changed fields over it) as the
    record of its kind."""
    from bot.store import record  # the package imports this module

    return record(ITEM_RECORDS[kind], row)


class ItemStore:
    """Mixed into `Store`."""

    db: sqlite_utils.Database

    # --- rows -------------------------------------------------------------------------------

    def item(self, kind: str, item_id: str) -> ItemRecord | None:
        """The item as its record (a meeting with its cases), or None."""
        row = self.item_fields(kind, item_id)
        if row is None:
            return None
        if kind == "meeting":
            row["cases"] = self._case_rows(item_id)
        return item_record(kind, row)

    def items(self, kind: str) -> list[ItemRecord]:
        """Every item of a kind as its record, in the order they were stored."""
        rows = self._item_rows(kind, "ORDER BY rowid")
        if kind == "meeting":
            cases: dict[str, list[dict]] = {}
            for c in self._case_rows():
                cases.setdefault(c["meeting_id"], []).append(c)
            for r in rows:
                r["cases"] = cases.get(r["id"], [])
        return [item_record(kind, r) for r in rows]

    def item_fields(self, kind: str, item_id: str) -> dict[str, Any] | None:
        """The item's row by column, JSON columns read: what the write service (bot/updates.py)
        compares a change with, audits as the old values and keeps over reloads."""
        rows = self._item_rows(kind, "WHERE id = ?", [item_id])
        return rows[0] if rows else None

    def _item_rows(self, kind: str, tail: str, params: Iterable[Any] = ()) -> list[dict]:
        cur = self.db.execute(f"SELECT * FROM {ITEM_TABLES[kind]} {tail}", list(params))
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        for out in rows:
            if kind == "measure":
                out["owners"] = json.loads(out["owners"] or "[]")
            if kind == "case" and out.get("documents"):
                out["documents"] = json.loads(out["documents"])
        return rows

    def _case_rows(self, meeting_id: str | None = None) -> list[dict]:
        """Cases (of one meeting) in the order they were added, without their NULL columns
        (a meeting record's cases take their model's defaults there)."""
        if meeting_id is None:
            rows = self._item_rows("case", "ORDER BY rowid")
        else:
            rows = self._item_rows("case", "WHERE meeting_id = ? ORDER BY rowid", [meeting_id])
        return [{k: v for k, v in r.items() if v is not None} for r in rows]

    def set_item_fields(self, kind: str, item_id: str, fields: dict[str, Any]) -> None:
        row = {k: (_dump(v) if isinstance(v, list | dict) else v) for k, v in fields.items()}
        self.db[ITEM_TABLES[kind]].update(item_id, row)

    def insert_item(self, kind: str, row: dict[str, Any]) -> None:
        data = {k: (_dump(v) if isinstance(v, list | dict) else v) for k, v in row.items()}
        self.db[ITEM_TABLES[kind]].insert(data)

    def next_measure_seq(self, plan_id: str) -> int:
        row = self.db.execute(
            "SELECT max(seq) FROM measures WHERE plan_id = ?", [plan_id]
        ).fetchone()
        return (row[0] or 0) + 1

    def ensure_updates_document(self, now: datetime) -> None:
        if self.db["documents"].count_where("id = ?", [UPDATES_DOCUMENT]):
            return
        self.db["documents"].insert(
            {
                "id": UPDATES_DOCUMENT,
                "title": "Oppdateringer i regionbot",
                "date": now.date().isoformat(),
                "organisation": None,
                "region": None,
                "kind": "oppdateringer",
                "access": "offentlig",
                "source_file": None,
                "body": "",
                "hash": "",
                "origin": "update",
            }
        )

    def reindex_item(self, kind: str, item_id: str, text: str, context: str | None = None) -> None:
        """The search row of an item after a change: its words, status and comment findable."""
        row = self.item_fields(kind, item_id)
        if row is None:
            return
        doc = self.db.execute(
            "SELECT access FROM documents WHERE id = ?", [row["document_id"]]
        ).fetchone()
        key = f"{row['document_id']}/{kind}:{item_id}"
        quote = row.get("quote") or ""
        existing = self.db.execute(
            "SELECT rowid, context, text FROM search WHERE key = ?", [key]
        ).fetchone()
        data = {
            "key": key,
            "kind": kind,
            "ref": item_id,
            "document_id": row["document_id"],
            "access": doc[0] if doc else "intern",
            "text": text,
            "terms": T.index_text(f"{text} {quote}"),
            "context": T.index_text(context) if context is not None else None,
        }
        if data["context"] is None:
            data["context"] = existing[1] if existing else ""
        if existing:
            self.db["search"].update(existing[0], data)
        else:
            self.db["search"].insert(data)
        # The row's meaning vector (when the semantic signal is on) and the typo dictionary
        # follow its text.
        self.index_vectors([text], replaced=[existing[2]] if existing else [])
        self.add_typo_words(text)

    # --- references -------------------------------------------------------------------------

    def ref_of(self, kind: str, item_id: str) -> str | None:
        row = self.db.execute(
            "SELECT ref FROM refs WHERE kind = ? AND item_id = ?", [kind, item_id]
        ).fetchone()
        return row[0] if row else None

    def refs(self, kind: str | None = None) -> dict[tuple[str, str], str]:
        sql, params = "SELECT kind, item_id, ref FROM refs", []
        if kind:
            sql, params = sql + " WHERE kind = ?", [kind]
        return {(k, i): r for k, i, r in self.db.execute(sql, params)}

    def item_by_ref(self, ref: str) -> tuple[str, str] | None:
        row = self.db.execute(
            "SELECT kind, item_id FROM refs WHERE upper(ref) = upper(?)", [ref]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def add_ref(self, ref: str, kind: str, item_id: str) -> None:
        self.db["refs"].insert({"ref": ref, "kind": kind, "item_id": item_id})

    def taken_refs(self) -> set[str]:
        return {r[0].upper() for r in self.db.execute("SELECT ref FROM refs")}

    def unreferenced(self, kind: str) -> list[dict]:
        """Items of a kind without a reference yet, in the order references are given."""
        table = ITEM_TABLES[kind]
        if kind == "measure":
            sql = (
                "SELECT m.id, m.plan_id, m.seq, p.period_start FROM measures m "
                "LEFT JOIN plans p ON p.id = m.plan_id "
                "WHERE m.id NOT IN (SELECT item_id FROM refs WHERE kind = 'measure') "
                "ORDER BY p.period_start IS NULL, p.period_start, m.plan_id, m.seq, m.rowid"
            )
        else:
            order = {"deadline": "due", "meeting": "date", "decision": "date"}.get(kind, "rowid")
            sql = (
                f"SELECT id FROM {table} WHERE id NOT IN "
                f"(SELECT item_id FROM refs WHERE kind = '{kind}') "
                f"ORDER BY {order} IS NULL, {order}, rowid"
            )
        cur = self.db.execute(sql)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def plan_ref_prefixes(self) -> dict[str, str]:
        """The prefix each plan's measures already use ("T21"), from refs given earlier."""
        out: dict[str, str] = {}
        for plan_id, ref in self.db.execute(
            "SELECT m.plan_id, r.ref FROM refs r JOIN measures m ON m.id = r.item_id "
            "WHERE r.kind = 'measure'"
        ):
            out.setdefault(plan_id, ref.rsplit("-", 1)[0])
        return out

    # --- audit trail ------------------------------------------------------------------------

    def audit_change(
        self,
        *,
        author: str,
        action: str,
        kind: str,
        item_id: str,
        field: str | None,
        old: Any,
        new: Any,
        comment: str | None,
        origin: str | None,
        batch: str,
        now: datetime,
        undo_of: int | None = None,
    ) -> int:
        return (
            self.db["updates"]
            .insert(
                {
                    "time": now.isoformat(),
                    "author": author,
                    "action": action,
                    "target": f"{kind}:{item_id}",
                    "kind": kind,
                    "item_id": item_id,
                    "field": field,
                    "old": _dump(old),
                    "new": _dump(new),
                    "text": comment,
                    "comment": comment,
                    "origin": origin,
                    "batch": batch,
                    "undo_of": undo_of,
                }
            )
            .last_pk
        )

    def history(self, kind: str, item_id: str) -> list[UpdateRecord]:
        """Every audit row of an item, oldest first."""
        return self._audit_rows(
            "SELECT * FROM updates WHERE kind = ? AND item_id = ? ORDER BY id", [kind, item_id]
        )

    def batch_rows(self, batch: str) -> list[UpdateRecord]:
        """The audit rows of one change (one batch), in the order written."""
        return self._audit_rows("SELECT * FROM updates WHERE batch = ? ORDER BY id", [batch])

    def _audit_rows(self, sql: str, params: list) -> list[UpdateRecord]:
        from bot.store import update_record  # the package imports this module

        cur = self.db.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [update_record(dict(zip(cols, r, strict=True))) for r in cur.fetchall()]

    def undone_batches(self) -> set[str]:
        return {
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT u.batch FROM updates u JOIN updates x ON x.undo_of = u.id"
            )
        }

    def version(self, kind: str, item_id: str) -> int:
        """The item's version: the id of its latest audit row (0 when never changed)."""
        row = self.db.execute(
            "SELECT max(id) FROM updates WHERE kind = ? AND item_id = ?", [kind, item_id]
        ).fetchone()
        return row[0] or 0

    # --- overlay: changes that outlive a reload ---------------------------------------------

    def put_overlay(self, kind: str, item_id: str, field: str, value: Any, update_id: int) -> None:
        self.db["overlay"].upsert(
            {
                "kind": kind,
                "item_id": item_id,
                "field": field,
                "value": _dump(value),
                "update_id": update_id,
            },
            pk=("kind", "item_id", "field"),
        )

    def put_created(self, kind: str, item_id: str, row: dict, update_id: int) -> None:
        self.db["created"].upsert(
            {"kind": kind, "item_id": item_id, "row": _dump(row), "update_id": update_id},
            pk=("kind", "item_id"),
        )

    def overlay(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM overlay ORDER BY update_id")
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        for r in rows:
            r["value"] = _load(r["value"])
        return rows

    def changed_items(self, document_ids: Iterable[str]) -> dict[tuple[str, str], dict]:
        """Rows of the items of these documents that were changed through the bot (before a
        reload replaces them), so an item that vanishes from its file can be kept."""
        out: dict[tuple[str, str], dict] = {}
        ids = list(document_ids)
        if not ids:
            return out
        keys = {(r[0], r[1]) for r in self.db.execute("SELECT kind, item_id FROM overlay")}
        for kind, item_id in keys:
            row = self.item_fields(kind, item_id)
            if row and row.get("document_id") in ids:
                out[(kind, item_id)] = row
        return out

    def created_items(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM created ORDER BY update_id")
        return [{"kind": k, "item_id": i, "row": _load(r), "update_id": u} for k, i, r, u in cur]

    def restore_changes(self, before: dict[tuple[str, str], dict], today: str) -> list[str]:
        """After a reload: keep items changed through the bot that left their file (marked
        `orphaned`), and put every field set through the bot back over the loaded facts. Returns
        the keys of the items it kept."""
        kept = []
        for (kind, item_id), row in before.items():
            if self.item_fields(kind, item_id) is not None:
                continue
            row = dict(row)
            row["orphaned"] = row.get("orphaned") or today
            for col, table in [
                ("plan_id", "plans"),
                ("goal_id", "goals"),
                ("meeting_id", "meetings"),
            ]:
                if row.get(col) and not self.db[table].count_where("id = ?", [row[col]]):
                    row[col] = None
            self.insert_item(kind, row)
            kept.append(f"{kind}:{item_id}")
        for o in self.overlay():
            if self.item_fields(o["kind"], o["item_id"]) is not None:
                self.set_item_fields(o["kind"], o["item_id"], {o["field"]: o["value"]})
        return kept

    def reattach_created(self) -> list[tuple[str, str]]:
        """After a reload: every item created through the bot points again at the plan, goal or
        meeting it was created (or last edited) with, and is put back whole if its row is gone.
        Those links may point at nothing now; `settle_links` then detaches them. Returns the
        items whose links changed."""
        edited = {(o["kind"], o["item_id"], o["field"]): o["value"] for o in self.overlay()}
        changed = []
        for c in self.created_items():
            kind, item_id, created = c["kind"], c["item_id"], c["row"]
            row = self.item_fields(kind, item_id)
            if row is None:
                self.insert_item(kind, created)
                row = created
                changed.append((kind, item_id))
            links = {}
            for col in self._link_columns(ITEM_TABLES[kind]):
                links[col] = edited.get((kind, item_id, col), created.get(col))
            # A created item never leaves a file: only a missing link orphans it.
            fields = {**links, "orphaned": None}
            if any(row.get(k) != v for k, v in fields.items()):
                self.set_item_fields(kind, item_id, fields)
                changed.append((kind, item_id))
        return list(dict.fromkeys(changed))

    def settle_links(self, today: str) -> list[tuple[str, str]]:
        """Items whose plan, goal or meeting is gone (a reload removed it while the item stayed:
        created through the bot, or edited to point into another document) keep everything
        else: the dangling link is cleared and the item marked `orphaned`, so the keys hold at
        commit. Returns the items it changed."""
        kinds = {table: kind for kind, table in ITEM_TABLES.items()}
        out = []
        for table, kind in kinds.items():
            cols = {fk[0]: fk[3] for fk in self.db.execute(f"PRAGMA foreign_key_list([{table}])")}
            for _, rowid, _, fkid in self.db.execute(f"PRAGMA foreign_key_check([{table}])"):
                col = cols[fkid]
                if col == "document_id":
                    continue  # an item without its document is no reload's doing
                self.db.execute(
                    f"UPDATE [{table}] SET [{col}] = NULL, orphaned = coalesce(orphaned, ?) "
                    "WHERE rowid = ?",
                    [today, rowid],
                )
                item_id = self.db.execute(
                    f"SELECT id FROM [{table}] WHERE rowid = ?", [rowid]
                ).fetchone()[0]
                out.append((kind, item_id))
        return out

    def _link_columns(self, table: str) -> list[str]:
        """The columns of a table that point at another item (plan_id, goal_id, meeting_id)."""
        return [
            fk[3]
            for fk in self.db.execute(f"PRAGMA foreign_key_list([{table}])")
            if fk[3] != "document_id"
        ]

    # --- whole tables, for backup and export ------------------------------------------------

    def table_names(self) -> list[str]:
        return [
            n
            for n in self.db.table_names()
            if not n.startswith("search_") and not n.startswith("_")
        ]

    def dump_table(self, name: str) -> list[dict]:
        if name not in self.table_names():
            raise ValueError(f"unknown table {name}")
        cur = self.db.execute(f"SELECT * FROM [{name}] ORDER BY rowid")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def backup_to(self, path: str) -> None:
        """SQLite's online backup: a consistent copy while the bot keeps running."""
        import sqlite3

        target = sqlite3.connect(path)
        try:
            self.db.conn.backup(target)
        finally:
            target.close()
