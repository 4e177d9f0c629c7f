"""Rows behind reminders: pauses and the open items with a due date, read in one query each so a
sweep over 100 000 measures stays well under a second (bench/reminders.py)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

_MEASURES = (
    "SELECT m.id, m.text, m.owners, m.owner_text, m.due, m.due_text, m.status, m.plan_id, "
    "m.document_id, m.quote, m.orphaned, p.title AS plan_title, d.title AS document_title, "
    "d.access AS access, r.ref AS ref "
    "FROM measures m LEFT JOIN plans p ON p.id = m.plan_id "
    "LEFT JOIN documents d ON d.id = m.document_id "
    "LEFT JOIN refs r ON r.kind = 'measure' AND r.item_id = m.id "
    "WHERE {where}"
)
_DEADLINES = (
    "SELECT f.id, f.what AS text, f.owner, f.due, f.due_text, f.status, f.plan_id, "
    "f.document_id, f.quote, f.orphaned, p.title AS plan_title, d.title AS document_title, "
    "d.access AS access, r.ref AS ref "
    "FROM deadlines f LEFT JOIN plans p ON p.id = f.plan_id "
    "LEFT JOIN documents d ON d.id = f.document_id "
    "LEFT JOIN refs r ON r.kind = 'deadline' AND r.item_id = f.id "
    "WHERE {where}"
)


class ReminderStore:
    """Mixed into `Store`."""

    db: sqlite_utils.Database
    write_lock: Any

    def dated_items(self, start: str | None = None, end: str | None = None) -> list[dict]:
        """Measures and deadlines with a due date (between `start` and `end`, ISO, when given)
        or a period without one, with plan, source and ref."""
        out = []
        for kind, sql, t in (("measure", _MEASURES, "m"), ("deadline", _DEADLINES, "f")):
            period = f"(coalesce({t}.due, '') = '' AND coalesce({t}.due_text, '') != '')"
            if start and end:
                where, params = f"({t}.due BETWEEN ? AND ?) OR {period}", [start, end]
            else:
                where, params = f"coalesce({t}.due, '') != '' OR {period}", []
            cur = self.db.execute(sql.format(where=where), params)
            cols = [c[0] for c in cur.description]
            for values in cur:
                row = dict(zip(cols, values, strict=True))
                row["kind"] = kind
                if kind == "measure":
                    row["owners"] = json.loads(row["owners"] or "[]")
                else:
                    row["owners"] = [row.pop("owner")] if row.get("owner") else []
                out.append(row)
        return out

    def reminder_pauses(self) -> dict[str, dict]:
        cur = self.db.execute("SELECT * FROM reminder_pauses")
        cols = [c[0] for c in cur.description]
        return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}

    def put_reminder_pause(self, row: dict) -> None:
        self.db["reminder_pauses"].upsert(row, pk="person")

    def set_reminder_pause(self, person: str, **fields: Any) -> None:
        self.db["reminder_pauses"].update(person, fields)
