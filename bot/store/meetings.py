"""Rows of meetings beyond the items: absences (forfall) reported for a meeting, and the agenda
messages posted for it. Absences are written by bot/updates.py (audited); agenda posts by the
agenda poster after the outbox has sent them. Call the writing methods inside a transaction."""

from __future__ import annotations

import sqlite_utils


class MeetingStore:
    """Mixed into `Store`."""

    db: sqlite_utils.Database

    def _rows(self, sql: str, params: list) -> list[dict]:
        cur = self.db.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    # --- absences ---------------------------------------------------------------------------

    def absences(self, meeting_id: str, *, withdrawn: bool = False) -> list[dict]:
        sql = "SELECT * FROM absences WHERE meeting_id = ?"
        if not withdrawn:
            sql += " AND status = 'meldt'"
        return self._rows(sql + " ORDER BY at, person", [meeting_id])

    def absence(self, meeting_id: str, person: str) -> dict | None:
        rows = self._rows(
            "SELECT * FROM absences WHERE meeting_id = ? AND person = ?", [meeting_id, person]
        )
        return rows[0] if rows else None

    def put_absence(self, row: dict) -> None:
        self.db["absences"].upsert(row, pk=("meeting_id", "person"))

    # --- posted agendas ---------------------------------------------------------------------

    def agenda_post(self, meeting_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM agenda_posts WHERE meeting_id = ?", [meeting_id])
        return rows[0] if rows else None

    def agenda_post_at(self, channel: str, ts: str) -> dict | None:
        rows = self._rows("SELECT * FROM agenda_posts WHERE channel = ? AND ts = ?", [channel, ts])
        return rows[0] if rows else None

    def put_agenda_post(self, row: dict) -> None:
        self.db["agenda_posts"].upsert(row, pk="meeting_id")
