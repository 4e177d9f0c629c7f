"""Meetings as the agenda, the protocol and the calendar see them: finding one from what a user
writes ("M-4", "AU 2021-05-10", "regionrådet 26.05.2021"), the meetings before and after it of the
same body, and its cases in the order they are dealt with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot import items as I
from bot import refs
from bot import text as T
from bot.models import CaseRecord, MeetingRecord
from bot.store import Store

# Short names people write for the bodies (folded), and the body they mean.
BODY_ALIASES = {
    "au": "Arbeidsutvalget",
    "arbeidsutvalget": "Arbeidsutvalget",
    "arbeidsutvalg": "Arbeidsutvalget",
    "rr": "Regionrådet",
    "regionradet": "Regionrådet",
    "regionrad": "Regionrådet",
    "regionradsmote": "Regionrådet",
    "sg": "Styringsgruppa",
    "styringsgruppa": "Styringsgruppa",
    "styringsgruppen": "Styringsgruppa",
    "formannskapene": "Formannskapene",
}


@dataclass(frozen=True)
class Found:
    """What a meeting reference names: one meeting, or why not (several fit, or none)."""

    meeting: MeetingRecord | None
    message: str | None = None
    choices: tuple[MeetingRecord, ...] = ()


def body_of(text: str) -> str | None:
    return BODY_ALIASES.get(T.fold(text).strip(" .:"))


def same_body(a: str | None, b: str | None) -> bool:
    return bool(a and b) and T.fold(a) == T.fold(b)


def live(store: Store) -> list[MeetingRecord]:
    """Meetings that are not cancelled, dated ones in date order."""
    rows = [m for m in store.items("meeting") if m.status != "avlyst"]
    return sorted(rows, key=lambda m: (m.date is None, m.date or date.min, m.id))


def find(store: Store, text: str) -> Found:
    """The meeting a user means: a reference or id ("M-4"), or a body and a date ("AU 2021-05-10",
    "regionrådet 26. mai 2021"), or a date alone when one meeting is on that day."""
    text = " ".join((text or "").split())
    if not text:
        return Found(None, "Hvilket møte? Skriv referansen (f.eks. M-4) eller organ og dato.")
    hit = store.item_by_ref(text)
    if hit and hit[0] == "meeting":
        return Found(store.item("meeting", hit[1]))
    meeting = store.item("meeting", text)
    if meeting:
        return Found(meeting)
    day = T.parse_date(text)
    if day:
        words = re.sub(r"\d{4}-\d\d-\d\d|\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}", " ", text).split()
        bodies = {b for b in (body_of(w) for w in words) if b}
        found = [
            m
            for m in live(store)
            if m.date == day and (not bodies or any(same_body(m.body, b) for b in bodies))
        ]
        if len(found) == 1:
            return Found(found[0])
        if found:
            return Found(None, _several(text), tuple(found))
        return Found(None, f"Fant ikke noe møte {T.format_date(day)} som passer til «{text}».")
    matches = refs.resolve(store, text, ("meeting",))
    if len(matches) == 1:
        return Found(store.item("meeting", matches[0].id))
    if matches:
        return Found(None, _several(text), tuple(store.item("meeting", m.id) for m in matches))
    return Found(
        None, f"Fant ikke møtet «{text}». Skriv referansen (f.eks. M-4) eller organ og dato."
    )


def _several(text: str) -> str:
    return f"Flere møter passer til «{text}». Skriv referansen (f.eks. M-4)."


def previous(store: Store, meeting: MeetingRecord) -> MeetingRecord | None:
    """The body's meeting before this one (the one whose protocol is approved now)."""
    if not meeting.date:
        return None
    before = [
        m
        for m in live(store)
        if same_body(m.body, meeting.body) and m.date and m.date < meeting.date
    ]
    return before[-1] if before else None


def following(store: Store, meeting: MeetingRecord) -> MeetingRecord | None:
    """The body's next meeting after this one."""
    if not meeting.date:
        return None
    after = [
        m
        for m in live(store)
        if same_body(m.body, meeting.body) and m.date and m.date > meeting.date
    ]
    return after[0] if after else None


def cases(store: Store, meeting: MeetingRecord) -> list[CaseRecord]:
    """The meeting's cases that are not cancelled, numbered ones by number, then as added."""
    rows = [c for c in store.items("case") if c.meeting_id == meeting.id and c.status != "avlyst"]

    def order(case: CaseRecord) -> tuple:
        head = (case.number or "").split("/")[0]
        return (0, int(head)) if head.isdigit() else (1, 0)

    return sorted(rows, key=order)  # sorted() keeps the rowid order among equals


def day(meeting: MeetingRecord) -> date | None:
    return meeting.date


def name(meeting: MeetingRecord, *, weekday: bool = False) -> str:
    """'Arbeidsutvalget 3. mars 2021'."""
    d = day(meeting)
    when = T.format_date(d, weekday=weekday) if d else "(dato ikke satt)"
    return f"{meeting.body or 'Møte'} {when}"


def record(store: Store, meeting: MeetingRecord | None) -> dict | None:
    """A meeting as it is shown and sent as JSON."""
    if meeting is None:
        return None
    return {
        "id": meeting.id,
        "ref": refs.ref(store, "meeting", meeting.id),
        "body": meeting.body,
        "date": meeting.date.isoformat() if meeting.date else None,
        "time": meeting.time,
        "place": meeting.place,
        "title": meeting.title,
        "status": meeting.status,
        "name": name(meeting),
    }


def case_label(case: CaseRecord) -> str:
    """'Sak 18/2021 Handlingsplan …' (the title alone when the case has no number)."""
    return I.title("case", case)
