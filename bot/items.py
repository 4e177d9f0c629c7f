"""What the bot says about an item that can change: its statuses, its name in Norwegian, one line
that describes it, and the words it is found by. Pure functions over store rows."""

from __future__ import annotations

from datetime import date

from bot import text as T

KINDS = ("measure", "deadline", "meeting", "case", "decision")

KIND_NAMES = {  # singular, definite
    "measure": ("tiltak", "tiltaket"),
    "deadline": ("frist", "fristen"),
    "meeting": ("møte", "møtet"),
    "case": ("sak", "saken"),
    "decision": ("vedtak", "vedtaket"),
}

# The statuses a user can set, as users write them, keyed by their folded form.
STATUSES = ["ikke startet", "pågår", "ferdig", "utsatt", "avlyst"]
_STATUS_WORDS = {
    **{T.fold(s): s for s in STATUSES},
    "ikke-startet": "ikke startet",
    "ikkestartet": "ikke startet",
    "igang": "pågår",
    "i gang": "pågår",
    "startet": "pågår",
    "paagaar": "pågår",
    "pagaar": "pågår",
    "fullfort": "ferdig",
    "gjennomfort": "ferdig",
    "done": "ferdig",
    "kansellert": "avlyst",
}
CLOSED = {"ferdig", "avlyst"}

FIELD_NAMES = {
    "status": "status",
    "status_comment": "kommentar",
    "text": "tekst",
    "what": "hva",
    "owners": "ansvarlig",
    "owner": "ansvarlig",
    "owner_text": "ansvar",
    "due": "frist",
    "due_text": "frist (periode)",
    "financing": "finansiering",
    "plan_id": "plan",
    "body": "organ",
    "date": "dato",
    "time": "klokkeslett",
    "place": "sted",
    "title": "tittel",
    "number": "saksnummer",
    "kind": "sakstype",
    "proposal": "forslag til vedtak",
    "documents": "dokumenter",
    "meeting_id": "møte",
    "case_number": "saksnummer",
    "vote": "avstemning",
}


def parse_status(word: str | None) -> str | None:
    """A status as a user typed it ('pagar', 'Ferdig', 'ikke startet'), or None."""
    if not word:
        return None
    return _STATUS_WORDS.get(" ".join(T.fold(word).split()))


def title(kind: str, row: dict) -> str:
    """The item's own words: what it is called in a list."""
    if kind == "measure":
        return row.get("text") or ""
    if kind == "deadline":
        return row.get("what") or ""
    if kind == "meeting":
        when = _date(row.get("date"))
        return f"{row.get('body') or 'Møte'} {when}".strip()
    if kind == "case":
        number = f"Sak {row['number']} " if row.get("number") else ""
        return f"{number}{row.get('title') or ''}".strip()
    if kind == "decision":
        return row.get("text") or ""
    raise ValueError(kind)


def owners(kind: str, row: dict) -> list[str]:
    """Who owns the item, by the names the documents use (roles, bodies or people)."""
    if kind == "measure":
        return list(row.get("owners") or [])
    if kind == "deadline":
        return [row["owner"]] if row.get("owner") else []
    return []  # meetings, cases and decisions have no owner of their own


def due(kind: str, row: dict) -> date | None:
    value = row.get("due") if kind in ("measure", "deadline") else row.get("date")
    return date.fromisoformat(value) if value else None


def _date(value: str | None) -> str:
    return T.format_date(date.fromisoformat(value), weekday=False) if value else ""


def search_text(kind: str, row: dict) -> str:
    """The words an item is found by in search, with its status and latest comment."""
    parts = [title(kind, row)]
    if kind == "measure":
        parts += [row.get("owner_text") or " ".join(row.get("owners") or []), row.get("financing")]
        parts += [row.get("frequency"), row.get("due_text")]
    if kind == "deadline":
        parts += [row.get("owner"), row.get("due_text")]
    if kind == "meeting":
        parts += [row.get("title"), "møte", row.get("place")]
    if kind == "case":
        parts += [row.get("proposal")]
    if kind == "decision":
        parts += [row.get("body"), f"sak {row['case_number']}" if row.get("case_number") else None]
    if row.get("status"):
        parts += ["status", row["status"]]
    if row.get("status_comment"):
        parts.append(row["status_comment"])
    return " ".join(p for p in parts if p)
