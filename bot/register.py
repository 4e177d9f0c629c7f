"""The decision register as people read it: who decided, when, at which meeting, in which case.

Shared by `regionbot decisions`, the demo and the draft protocol, so a decision is named the same
way everywhere. Pure functions over `lookup.decisions` records.
"""

from __future__ import annotations

from datetime import date

from bot import text as T


def when(record: dict) -> str:
    """The day of a decision, or the time as the document gives it, or that it gives none."""
    if record.get("date"):
        return T.format_date(date.fromisoformat(record["date"]), weekday=False)
    return record.get("when") or "dato ikke oppgitt"


def heading(record: dict) -> str:
    """'Arbeidsutvalget, 3. mars 2021, sak 18/2021 (møte M-1)'."""
    body = record.get("body") or "organ ikke nevnt i dokumentet"
    parts = [body, when(record)]
    if record.get("case_number"):
        parts.append(f"sak {record['case_number']}")
    meeting = record.get("meeting")
    head = ", ".join(parts)
    if meeting:
        head += f" (møte {meeting['ref']})"
    return head


def split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the council's own decisions, other bodies' decisions reported in the documents), each
    dated ones first in date order."""

    def order(r: dict) -> tuple:
        return (r.get("date") is None, r.get("date") or "")

    records = sorted(records, key=order)
    return [r for r in records if r.get("own")], [r for r in records if not r.get("own")]


OTHERS_TITLE = "Andre organers vedtak omtalt i dokumentene (ikke regionrådets egne)"
