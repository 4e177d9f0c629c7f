"""Looking things up: the store's facts as cited records, filtered the way users ask for them.

The CLI, the Slack commands and the answer engine's tools all list plans, measures, deadlines,
decisions and meetings through these functions, so a filter means the same everywhere.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot import text as T
from bot.models import (
    DeadlineRecord,
    DecisionRecord,
    MeasureRecord,
    MeetingRecord,
    PersonRecord,
    PlanRecord,
    own_body,
)
from bot.store import Store

if TYPE_CHECKING:
    from bot.answers.knowledge import Knowledge

# What `_cite` cites: a record with the document it was read from and its quote.
Cited = PlanRecord | DecisionRecord | MeetingRecord | PersonRecord | MeasureRecord | DeadlineRecord


def _matches(needle: str | None, *haystacks: str | None) -> bool:
    if not needle:
        return True
    n = T.fold(needle)
    return any(n in T.fold(h) for h in haystacks if h)


def _iso(day: date | None) -> str | None:
    """A record's date as lookup records carry it (ISO text, as the JSON shows it)."""
    return day.isoformat() if day else None


def _cite(store: Store, r: Cited, **extra) -> dict:
    """The source of a record, as the JSON the CLI, Slack and the LLM tools show."""
    return store.source(r.document_id, r.quote, **extra).model_dump(exclude_none=True)


def plans(store: Store) -> list[dict]:
    return [
        {
            "id": p.id,
            "title": p.title,
            "kind": p.kind,
            "period": T.format_period(p.period_start, p.period_end) or None,
            "organisation": p.organisation,
            "measures": p.measure_count,
            "source": _cite(store, p),
        }
        for p in store.plans()
    ]


def plan_ids(store: Store, plan: str | None) -> list[str] | None:
    """Plans whose title, id or period matches the text ('2021', 'handlingsplan 2019')."""
    if not plan:
        return None
    words = T.fold(plan).split()
    out = []
    for p in _known(store).plans:
        hay = T.fold(f"{p.title} {p.id} {T.format_period(p.period_start, p.period_end)}")
        if all(w in hay for w in words):
            out.append(p.id)
    return out


def measures(
    store: Store,
    *,
    plan: str | None = None,
    owner: str | None = None,
    status: str | None = None,
    query: str | None = None,
) -> list[dict]:
    out = []
    for m in store.measures(plan_ids=plan_ids(store, plan), status=status):
        if not _matches(owner, m.owner_text, " ".join(m.owners)):
            continue
        if query and not all(
            t in T.terms(f"{m.text} {m.goal_text or ''} {m.owner_text or ''}")
            for t in T.terms(query)
        ):
            continue
        out.append(measure_record(store, m))
    return out


def _known(store: Store) -> Knowledge:
    """What the answer engine keeps of the data: the engine asks these lookups per question."""
    from bot.answers.knowledge import knowledge  # not at the top: bot.answers imports this

    return knowledge(store)


def _ref(store: Store, kind: str, item_id: str) -> str:
    """The item's short reference (T21-4, F-3), from one read of all references per write."""
    return _known(store).memo("refs", store.refs).get((kind, item_id), item_id)


def _iso(day: date | None) -> str | None:
    """A date as the JSON records give it ("2021-04-27")."""
    return day.isoformat() if day else None


def measure_record(store: Store, m: MeasureRecord) -> dict:
    return {
        "id": m.id,
        "ref": _ref(store, "measure", m.id),
        "text": m.text,
        "owners": m.owners,
        "owner_text": m.owner_text,
        "plan": m.plan_title,
        "goal": m.goal_text,
        "area": m.goal_area,
        "financing": m.financing,
        "frequency": m.frequency,
        "due": _iso(m.due),
        "status": m.status or "åpen",
        "status_by": m.status_by,
        "status_at": m.status_at,
        "status_comment": m.status_comment,
        "due_text": m.due_text,
        "source": _cite(store, m),
    }


def deadlines(store: Store, start: date | None = None, end: date | None = None) -> list[dict]:
    """Deadlines (frister) and measures due in the span, soonest first."""
    out = [
        {
            "id": d.id,
            "ref": _ref(store, "deadline", d.id),
            "what": d.what,
            "due": _iso(d.due),
            "owner": d.owner,
            "status": d.status,
            "kind": "frist",
            "source": _cite(store, d),
        }
        for d in store.deadlines(start, end)
    ]
    out += [
        {
            "id": m.id,
            "ref": _ref(store, "measure", m.id),
            "what": m.text,
            "due": _iso(m.due),
            "status": m.status,
            "owner": m.owner_text or ", ".join(m.owners),
            "kind": "tiltak",
            "source": _cite(store, m),
        }
        for m in store.measures_due(start, end)
    ]
    return sorted(out, key=lambda r: r["due"])


def decisions(
    store: Store, body: str | None = None, year: int | None = None, *, own: bool | None = None
) -> list[dict]:
    """The decision register: each decision with its body, date (or the time as written), meeting
    and case; `own` tells the council's own bodies' decisions from others' reported in passing."""
    out = []
    for d in store.decisions():
        if not _matches(body, d.body):
            continue
        if year and not (d.date and d.date.year == year) and str(year) not in (d.when or ""):
            continue
        mine = own_body(d.body) if d.own is None else d.own
        if own is not None and mine != own:
            continue
        meeting = store.item("meeting", d.meeting) if d.meeting else None
        out.append(
            {
                "id": d.id,
                "ref": _ref(store, "decision", d.id),
                "body": d.body,
                "own": mine,
                "date": _iso(d.date),
                "when": d.when,
                "case_number": d.case_number,
                "meeting": (
                    {
                        "id": meeting.id,
                        "ref": _ref(store, "meeting", meeting.id),
                        "body": meeting.body,
                        "date": _iso(meeting.date),
                        "title": meeting.title,
                    }
                    if meeting
                    else None
                ),
                "vote": d.vote,
                "text": d.text,
                "status": d.status,
                "source": _cite(store, d, case_number=d.case_number),
            }
        )
    return out


def meetings(store: Store, start: date | None = None, end: date | None = None) -> list[dict]:
    return [
        {
            "id": m.id,
            "ref": _ref(store, "meeting", m.id),
            "body": m.body,
            "date": _iso(m.date),
            "time": m.time,
            "place": m.place,
            "title": m.title,
            "status": m.status,
            "cases": [
                {
                    "id": c.id,
                    "ref": _ref(store, "case", c.id),
                    "number": c.number,
                    "title": c.title,
                }
                for c in m.cases
            ],
            "source": _cite(store, m),
        }
        for m in store.meetings(start, end)
    ]


def people(store: Store) -> list[dict]:
    """The people as the tools and `--json` show them."""
    return [
        {
            "id": p.name,
            "name": p.name,
            "roles": p.roles,
            "organisation": p.organisation,
            "email": p.email,
            "slack_user_id": p.slack_user_id,
            "note": p.note,
            "source": _cite(store, p) if p.document_id else None,
        }
        for p in store.people()
    ]


# --- what a person owns (by name or by role) ----------------------------------------------


def owner_names(person: PersonRecord) -> list[str]:
    """What a person may be named as owner of a measure or deadline: their name and their roles."""
    return [person.name, *person.roles]


def owned_by(owner: str | None, person: PersonRecord) -> bool:
    if not owner:
        return False
    folded = T.fold(owner)
    return any(T.fold(name) in folded for name in owner_names(person) if name)


def measures_of(store: Store, person: PersonRecord) -> list[dict]:
    """The measures a person owns by name or by role, soonest due first."""
    found: dict[str, dict] = {}
    for name in owner_names(person):
        for m in measures(store, owner=name):
            found.setdefault(m["id"], m)
    return sorted(found.values(), key=lambda m: (m["due"] is None, m["due"] or ""))


def deadlines_of(store: Store, person: PersonRecord, start, end=None) -> list[dict]:
    return [d for d in deadlines(store, start, end) if owned_by(d.get("owner"), person)]
