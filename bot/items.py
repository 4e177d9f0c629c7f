"""What the bot says about an item that can change: its statuses, its name in Norwegian, one line
that describes it, and the words it is found by. Pure functions over the store's item records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot import text as T

if TYPE_CHECKING:
    from bot.store.items import ItemRecord

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


def title(kind: str, item: ItemRecord) -> str:
    """The item's own words: what it is called in a list."""
    if kind == "measure":
        return item.text or ""
    if kind == "deadline":
        return item.what or ""
    if kind == "meeting":
        when = T.format_date(item.date, weekday=False) if item.date else ""
        return f"{item.body or 'Møte'} {when}".strip()
    if kind == "case":
        number = f"Sak {item.number} " if item.number else ""
        return f"{number}{item.title or ''}".strip()
    if kind == "decision":
        return item.text or ""
    raise ValueError(kind)


def owners(kind: str, item: ItemRecord) -> list[str]:
    """Who owns the item, by the names the documents use (roles, bodies or people)."""
    if kind == "measure":
        return list(item.owners)
    if kind == "deadline":
        return [item.owner] if item.owner else []
    return []  # meetings, cases and decisions have no owner of their own


def owner_names(kind: str, item: ItemRecord | None) -> list[str]:
    """The names permission is checked against: the owners, and a measure's owner as the
    document writes it ("ansvarlige i kommunene")."""
    if item is None:
        return []
    text = item.owner_text if kind == "measure" else None
    return owners(kind, item) + ([text] if text else [])


def due(kind: str, item: ItemRecord) -> date | None:
    return item.due if kind in ("measure", "deadline") else item.date


def search_text(kind: str, item: ItemRecord) -> str:
    """The words an item is found by in search, with its status and latest comment."""
    parts = [title(kind, item)]
    if kind == "measure":
        parts += [item.owner_text or " ".join(item.owners), item.financing]
        parts += [item.frequency, item.due_text]
    if kind == "deadline":
        parts += [item.owner, item.due_text]
    if kind == "meeting":
        parts += [item.title, "møte", item.place]
    if kind == "case":
        parts += [item.proposal]
    if kind == "decision":
        parts += [item.body, f"sak {item.case_number}" if item.case_number else None]
    if item.status:
        parts += ["status", item.status]
    if item.status_comment:
        parts.append(item.status_comment)
    return " ".join(p for p in parts if p)
