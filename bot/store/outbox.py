"""Rows of the outbox table (see bot/outbox.py for what the states mean). Each method is one
short statement, committed on its own: the outbox relies on every state change being durable the
moment it returns."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def _row(cur) -> list[dict]:
    cols = [c[0] for c in cur.description]
    out = []
    for values in cur.fetchall():
        row = dict(zip(cols, values, strict=True))
        row["blocks"] = json.loads(row["blocks"]) if row.get("blocks") else None
        out.append(row)
    return out


class OutboxStore:
    """Mixed into `Store`."""

    db: sqlite_utils.Database
    write_lock: Any

    def outbox_insert(self, row: dict) -> bool:
        """Insert a pending message unless its key exists; True when it was new."""
        data = dict(row)
        data["blocks"] = (
            json.dumps(data["blocks"], ensure_ascii=False) if data.get("blocks") else None
        )
        cols = list(data)
        with self.write_lock:
            cur = self.db.execute(
                f"INSERT OR IGNORE INTO outbox ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                [data[c] for c in cols],
            )
        return cur.rowcount == 1

    def outbox_row(self, key: str) -> dict | None:
        rows = _row(self.db.execute("SELECT * FROM outbox WHERE key = ?", [key]))
        return rows[0] if rows else None

    def outbox_by_message(self, channel: str, ts: str) -> dict | None:
        """The outbox row of a message Slack accepted, found by where it is (a button click)."""
        rows = _row(
            self.db.execute("SELECT * FROM outbox WHERE channel = ? AND ts = ?", [channel, ts])
        )
        return rows[0] if rows else None

    def outbox_rows(self, *, kind: str | None = None, state: str | None = None) -> list[dict]:
        sql, params = "SELECT * FROM outbox WHERE 1=1", []
        if kind:
            sql, params = sql + " AND kind = ?", [*params, kind]
        if state:
            sql, params = sql + " AND state = ?", [*params, state]
        return _row(self.db.execute(sql + " ORDER BY created_at, rowid", params))

    def outbox_due(self, now: str, stale_before: str) -> list[str]:
        """Keys to try now: pending ones, and claims older than `stale_before` (a sender that
        died between claiming and marking)."""
        cur = self.db.execute(
            "SELECT key FROM outbox WHERE (state = 'pending' "
            "OR (state = 'sending' AND claimed_at < ?)) ORDER BY created_at, rowid",
            [stale_before],
        )
        return [r[0] for r in cur.fetchall()]

    def outbox_claim(self, key: str, now: str, stale_before: str) -> bool:
        """Take a message for sending; False when another sender has it or it is done."""
        with self.write_lock:
            cur = self.db.execute(
                "UPDATE outbox SET state = 'sending', claimed_at = ?, attempts = attempts + 1 "
                "WHERE key = ? AND (state = 'pending' OR (state = 'sending' AND claimed_at < ?))",
                [now, key, stale_before],
            )
        return cur.rowcount == 1

    def outbox_set(self, key: str, **fields: Any) -> None:
        if "blocks" in fields:
            blocks = fields["blocks"]
            fields["blocks"] = json.dumps(blocks, ensure_ascii=False) if blocks else None
        cols = list(fields)
        with self.write_lock:
            self.db.execute(
                f"UPDATE outbox SET {', '.join(f'{c} = ?' for c in cols)} WHERE key = ?",
                [*(fields[c] for c in cols), key],
            )
