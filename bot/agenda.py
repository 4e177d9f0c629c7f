"""`build_agenda(store, meeting, now) -> Agenda`: the saksliste of a meeting, the way Norwegian
councils write one. No Slack here: the CLI prints it, bot/slack/agenda_blocks.py draws it.

1. Godkjenning av innkalling og saksliste
2. Godkjenning av protokoll fra forrige møte (that meeting, its date and its draft protocol)
3. The cases of the meeting, in order, each with kind, forslag til vedtak and documents
4. Oppfølging av vedtak og tiltak: what is overdue, and earlier decisions not followed up
5. Frister før neste møte
6. Eventuelt

Parts 4 and 5 look a year back and up to the body's next meeting (or `horizon_days` ahead when
none is set), so an agenda in 2021 does not drag in what a 2015 application planned.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field

from bot import items as I
from bot import lookup
from bot import meetings as MT
from bot import text as T
from bot.models import CaseRecord, MeetingRecord, own_body
from bot.store import Store

LOOK_BACK_DAYS = 365
HORIZON_DAYS = 60

KIND_WORDS = {  # the case kinds as the agenda writes them, from what the documents and users write
    "vedtakssak": "vedtakssak",
    "vedtak": "vedtakssak",
    "orientering": "orienteringssak",
    "orienteringssak": "orienteringssak",
    "drofting": "drøftingssak",
    "droftingssak": "drøftingssak",
}
KINDS = ("vedtakssak", "orienteringssak", "drøftingssak")


def case_kind(word: str | None) -> str:
    return KIND_WORDS.get(T.fold(word or "").strip(), "vedtakssak")


class AgendaCase(BaseModel):
    ref: str
    number: str | None = None
    label: str  # "Sak 18/2021 Handlingsplan …"
    title: str
    kind: str
    proposal: str | None = None
    documents: list[str] = Field(default_factory=list)


class FollowUp(BaseModel):
    kind: str  # tiltak | frist | vedtak
    ref: str
    text: str
    due: str | None = None
    owner: str | None = None
    status: str | None = None
    note: str  # why it is on the agenda: "forfalt", "frist før neste møte", "ikke fulgt opp"


class Part(BaseModel):
    number: int
    title: str
    text: str | None = None
    cases: list[AgendaCase] = Field(default_factory=list)
    items: list[FollowUp] = Field(default_factory=list)


class Agenda(BaseModel):
    meeting: dict
    previous: dict | None = None
    next: dict | None = None
    parts: list[Part]
    generated_at: str

    def digest(self) -> str:
        """What the agenda says (not when it was built): a changed digest means a changed agenda."""
        data = self.model_dump(exclude={"generated_at"})
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def summary(self) -> list[str]:
        """One line per entry, to tell what changed between two versions."""
        out = [f"{p.number}. {p.title}" for p in self.parts]
        for part in self.parts:
            for c in part.cases:
                out.append(f"{c.label} ({c.kind})")
                if c.proposal:
                    out.append(f"{c.label}: forslag til vedtak: {c.proposal}")
                out += [f"{c.label}: dokument: {d}" for d in c.documents]
            out += [f"{f.ref} {f.text}" for f in part.items]
        return out


def build_agenda(
    store: Store, meeting: MeetingRecord, now: datetime, *, horizon_days: int = HORIZON_DAYS
) -> Agenda:
    """The agenda of a meeting from what the store holds now."""
    day = MT.day(meeting)
    previous = MT.previous(store, meeting)
    following = MT.following(store, meeting)
    parts = [
        Part(number=1, title="Godkjenning av innkalling og saksliste"),
        _protocol_part(store, previous),
        Part(
            number=3,
            title="Saker til behandling",
            text=None if MT.cases(store, meeting) else "Ingen saker er meldt til møtet ennå.",
            cases=[_case(store, c) for c in MT.cases(store, meeting)],
        ),
    ]
    if day is None:
        follow, deadlines = [], []
    else:
        until = MT.day(following) if following else day + timedelta(days=horizon_days)
        follow = _follow_up(store, meeting, day)
        deadlines = _deadlines_between(store, day, until)
    parts.append(
        Part(
            number=4,
            title="Oppfølging av vedtak og tiltak",
            text=None if follow else "Ingen forfalte tiltak eller vedtak som venter på oppfølging.",
            items=follow,
        )
    )
    until_text = (
        f"neste møte {MT.name(following)}"
        if following
        else f"{horizon_days} dager etter møtet (neste møte er ikke satt)"
    )
    parts.append(
        Part(
            number=5,
            title="Frister før neste møte",
            text=f"Frister fram til {until_text}."
            + ("" if deadlines else " Ingen frister i tidsrommet."),
            items=deadlines,
        )
    )
    parts.append(Part(number=6, title="Eventuelt"))
    return Agenda(
        meeting=MT.record(store, meeting),
        previous=MT.record(store, previous),
        next=MT.record(store, following),
        parts=parts,
        generated_at=now.isoformat(),
    )


def _protocol_part(store: Store, previous: MeetingRecord | None) -> Part:
    title = "Godkjenning av protokoll fra forrige møte"
    if previous is None:
        return Part(number=2, title=title, text="Ingen tidligere møte i organet er registrert.")
    ref = lookup_ref(store, "meeting", previous.id)
    return Part(
        number=2,
        title=title,
        text=(
            f"Protokoll fra møtet i {MT.name(previous)} ({ref}). "
            f"Utkast til protokoll: «regionbot protocol {ref}» eller «/regionbot protokoll {ref}»."
        ),
    )


def lookup_ref(store: Store, kind: str, item_id: str) -> str:
    return store.ref_of(kind, item_id) or item_id


def _case(store: Store, case: CaseRecord) -> AgendaCase:
    return AgendaCase(
        ref=lookup_ref(store, "case", case.id),
        number=case.number,
        label=MT.case_label(case),
        title=case.title or "",
        kind=case_kind(case.kind),
        proposal=case.proposal,
        documents=list(case.documents),
    )


def _open(row: dict) -> bool:
    return (row.get("status") or "") not in I.CLOSED


def _follow_up(store: Store, meeting: MeetingRecord, day: date) -> list[FollowUp]:
    """Measures and deadlines overdue at the meeting (a year back), and the body's own earlier
    decisions (a year back) that nobody has marked as followed up (status ferdig)."""
    start = day - timedelta(days=LOOK_BACK_DAYS)
    out = [
        FollowUp(
            kind=r["kind"],
            ref=r["ref"],
            text=r["what"],
            due=r["due"],
            owner=r.get("owner") or None,
            status=r.get("status"),
            note="forfalt",
        )
        for r in lookup.deadlines(store, start, day - timedelta(days=1))
        if _open(r)
    ]
    for d in store.decisions():
        if not d.date or not (start <= d.date < day):
            continue
        own = own_body(d.body) if d.own is None else d.own
        if not own or not MT.same_body(d.body, meeting.body) or (d.status or "") in I.CLOSED:
            continue
        case = f", sak {d.case_number}" if d.case_number else ""
        when = T.format_date(d.date, weekday=False)
        out.append(
            FollowUp(
                kind="vedtak",
                ref=lookup_ref(store, "decision", d.id),
                text=f"Vedtak {when}{case}: {_short(d.text)}",
                due=d.date.isoformat(),
                status=d.status,
                note="ikke fulgt opp",
            )
        )
    return out


def _deadlines_between(store: Store, start: date, end: date) -> list[FollowUp]:
    return [
        FollowUp(
            kind=r["kind"],
            ref=r["ref"],
            text=r["what"],
            due=r["due"],
            owner=r.get("owner") or None,
            status=r.get("status"),
            note="frist før neste møte",
        )
        for r in lookup.deadlines(store, start, end)
        if _open(r)
    ]


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- as text (CLI, the posted message's fallback text) ------------------------------------


def heading(agenda: Agenda) -> str:
    m = agenda.meeting
    day = date.fromisoformat(m["date"]) if m.get("date") else None
    when = T.format_date(day) if day else "dato ikke satt"
    at = f" kl. {m['time']}" if m.get("time") else ""
    place = f", {m['place']}" if m.get("place") else ""
    return f"Saksliste: {m['body']} {when}{at}{place} ({m['ref']})"


def due_text(item: FollowUp) -> str:
    if not item.due:
        return ""
    return T.format_date(date.fromisoformat(item.due), weekday=False)


def render_text(agenda: Agenda) -> str:
    lines = [heading(agenda), ""]
    for part in agenda.parts:
        lines.append(f"{part.number}. {part.title}")
        if part.text:
            lines.append(f"   {part.text}")
        for c in part.cases:
            lines.append(f"   {c.label} ({c.kind}) [{c.ref}]")
            if c.proposal:
                lines.append(f"      Forslag til vedtak: {c.proposal}")
            for doc in c.documents:
                lines.append(f"      Dokument: {doc}")
        for f in part.items:
            owner = f" – ansvar: {f.owner}" if f.owner else ""
            when = f"{due_text(f)}: " if f.due and f.kind != "vedtak" else ""
            lines.append(f"   • {f.ref} {when}{f.text}{owner} ({f.note})")
    return "\n".join(lines)
