"""`draft_protocol(store, meeting, now) -> Protocol`: the draft møtebok of a meeting, from what was
recorded: body, date, place, who was present and who had reported absence (forfall), and each case
with its decision and vote. The advisor checks it; item 2 of the body's next agenda refers to it.

Who is expected: the people whose roles name the body (people.yaml: "Arbeidsutvalget"). Present
are those of them without a reported absence; it is a draft, so it says so.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from bot import meetings as MT
from bot import refs
from bot import text as T
from bot.agenda import case_kind
from bot.models import DecisionRecord, MeetingRecord
from bot.store import Store


class ProtocolCase(BaseModel):
    ref: str
    label: str
    kind: str
    proposal: str | None = None
    decision: str | None = None
    decision_ref: str | None = None
    vote: str | None = None


class Absent(BaseModel):
    name: str
    reason: str | None = None


class Protocol(BaseModel):
    meeting: dict
    present: list[str] = Field(default_factory=list)
    absent: list[Absent] = Field(default_factory=list)
    cases: list[ProtocolCase] = Field(default_factory=list)
    other_decisions: list[ProtocolCase] = Field(default_factory=list)  # not tied to a case
    generated_at: str


def members(store: Store, body: str | None) -> list[str]:
    """The people whose roles name the body."""
    if not body:
        return []
    return [p.name for p in store.people() if any(MT.same_body(r, body) for r in p.roles)]


def _decisions_of(store: Store, meeting: MeetingRecord) -> list[DecisionRecord]:
    return [d for d in store.decisions() if d.meeting == meeting.id and d.status != "avlyst"]


def draft_protocol(store: Store, meeting: MeetingRecord, now: datetime) -> Protocol:
    absences = store.absences(meeting.id)
    absent_names = {a["person"] for a in absences}
    decisions = _decisions_of(store, meeting)
    used: set[str] = set()
    cases = []
    for case in MT.cases(store, meeting):
        number = (case.number or "").replace(" ", "")
        match = next(
            (d for d in decisions if number and (d.case_number or "").replace(" ", "") == number),
            None,
        )
        if match:
            used.add(match.id)
        cases.append(
            ProtocolCase(
                ref=refs.ref(store, "case", case.id),
                label=MT.case_label(case),
                kind=case_kind(case.kind),
                proposal=case.proposal,
                decision=match.text if match else None,
                decision_ref=refs.ref(store, "decision", match.id) if match else None,
                vote=match.vote if match else None,
            )
        )
    others = [
        ProtocolCase(
            ref=refs.ref(store, "decision", d.id),
            label=f"Sak {d.case_number}" if d.case_number else "Vedtak",
            kind="vedtakssak",
            decision=d.text,
            decision_ref=refs.ref(store, "decision", d.id),
            vote=d.vote,
        )
        for d in decisions
        if d.id not in used
    ]
    return Protocol(
        meeting=MT.record(store, meeting),
        present=[n for n in members(store, meeting.body) if n not in absent_names],
        absent=[Absent(name=a["person"], reason=a.get("reason")) for a in absences],
        cases=cases,
        other_decisions=others,
        generated_at=now.isoformat(),
    )


def render_text(p: Protocol) -> str:
    m = p.meeting
    day = date.fromisoformat(m["date"]) if m.get("date") else None
    lines = [
        f"UTKAST TIL PROTOKOLL – {m['body']} ({m['ref']})",
        f"Dato: {T.format_date(day) if day else 'ikke satt'}"
        + (f" kl. {m['time']}" if m.get("time") else ""),
        f"Sted: {m.get('place') or 'ikke oppgitt'}",
        "Til stede: " + (", ".join(p.present) or "ikke registrert"),
        "Forfall: "
        + (
            ", ".join(f"{a.name} ({a.reason})" if a.reason else a.name for a in p.absent)
            or "ingen meldt"
        ),
        "",
    ]
    if not p.cases and not p.other_decisions:
        lines.append("Ingen saker eller vedtak er registrert for møtet.")
    for c in [*p.cases, *p.other_decisions]:
        lines.append(f"{c.label} ({c.kind}) [{c.ref}]")
        if c.proposal:
            lines.append(f"   Forslag til vedtak: {c.proposal}")
        if c.decision:
            lines.append(f"   Vedtak: {c.decision}")
            lines.append(f"   Avstemning: {c.vote or 'ikke registrert'}")
        else:
            lines.append("   Vedtak: ikke registrert ennå")
        lines.append("")
    lines.append(
        "Dette er et utkast laget av regionbot fra det som er registrert; sjekk før godkjenning."
    )
    return "\n".join(lines).rstrip()
