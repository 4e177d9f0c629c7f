"""A council document becomes structured knowledge: `extract(text, document_id=...) -> Facts`.

The facts have the kinds and the form of `knowledge/*.yaml` (a `KnowledgeFile`), each with a
verbatim quote, so what the loader checks for the bundled files holds for them too, and saving
them is the same as loading a knowledge file. Offline rules read the document the way Norwegian
councils write it (see `measures`, `tables` and `minutes`); with an LLM configured, `llm` may add
facts, each kept only when its quote is found in the document.
"""

from __future__ import annotations

import re

from bot import text as T
from bot.extract import measures as M
from bot.extract import minutes as N
from bot.extract.dates import document_year
from bot.extract.lines import Line, split_lines
from bot.models import (
    Case,
    Deadline,
    Decision,
    Goal,
    KnowledgeFile,
    Measure,
    Meeting,
    Person,
    Plan,
)

Facts = KnowledgeFile

_PLAN_WORD = re.compile(
    r"\b(handlingsplan|strategisk\s+plan|strategiplan|prosjektplan|tiltaksplan|årsplan|"
    r"økonomiplan|kommunikasjonsplan|regional\s+plan|samarbeidsplan)\w*",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)?\d\d)\b")
_TITLE_LEAD = re.compile(r"^(?:høring\s*[-–:]\s*|utkast\s+til\s+|forslag\s+til\s+)", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s*[-–]\s*(?:forslag|utkast|høringsutkast)\s*$", re.IGNORECASE)


def extract(
    text: str,
    *,
    document_id: str,
    title: str | None = None,
    year: int | None = None,
    llm=None,
) -> Facts:
    """The structured facts of one document's text. Pure: no store, no clock, no network
    (unless `llm`, a LangChain chat model, is given)."""
    lines = split_lines(text)
    flat = N.Flat.of(lines)
    year = document_year(flat.text, year)
    prefix = "x-" + re.sub(r"[^a-z0-9]+", "-", T.fold(document_id)).strip("-")

    plans = _plans(lines, flat, title, prefix)
    found = M.find_measures(lines)
    if found and not plans:
        plans.append(_fallback_plan(lines, title, prefix))
    _place_measures(plans, found, lines, prefix)

    meetings = N.find_meetings(flat, year)
    cases = N.find_cases(lines, flat)
    N.attach_cases(meetings, cases)
    decisions = N.find_decisions(lines, flat, meetings, year)
    meetings += N.meetings_of_decisions(decisions, meetings)
    meetings += N.find_planned_meetings(flat, year)
    deadlines = N.find_deadlines(flat, year)
    people = N.find_people(flat)

    facts = Facts(
        document=document_id,
        people=[Person(**p) for p in people.values()],
        plans=[p for p, _ in plans],
        meetings=_meetings(meetings, prefix),
        decisions=_decisions(decisions, meetings, prefix),
        deadlines=[
            Deadline(
                id=f"{prefix}-f{i + 1}",
                what=d.what,
                due=d.day,
                plan=plans[0][0].id if plans else None,
                quote=d.quote,
            )
            for i, d in enumerate(deadlines)
        ],
    )
    if llm is not None:
        from bot.extract.llm import add_llm_facts

        facts = add_llm_facts(facts, text, llm, prefix=prefix)
    return checked(facts, text)


# --- plans ---------------------------------------------------------------------------------


def _plans(
    lines: list[Line], flat: N.Flat, title: str | None, prefix: str
) -> list[tuple[Plan, int]]:
    """Plans a document's headings name with their period: (plan, line number)."""
    out: list[tuple[Plan, int]] = []
    heads = [(line.no, line.text) for line in lines if not line.blank]
    candidates = heads[:3] + [
        h for h in heads if len(h[1].split()) <= 14 and not h[1].endswith((".", ":", ","))
    ]
    if title:
        candidates.insert(0, (-1, title))
    for no, text in candidates:
        kind = _PLAN_WORD.search(text)
        period = _PERIOD.search(text)
        if not (kind and period) or len(text.split()) > 16:
            continue
        start = int(period[1])
        end = int(period[2]) if len(period[2]) == 4 else int(period[1][:2] + period[2])
        if any(p.period_start == start and p.period_end == end for p, _ in out):
            continue
        name = _TITLE_TAIL.sub(
            "", _TITLE_LEAD.sub("", text[kind.start() :] if kind.start() < 12 else text)
        ).strip()
        quote = T.collapse(text)
        if no == -1 and quote not in flat.text:
            continue
        out.append(
            (
                Plan(
                    id=f"{prefix}-plan{len(out) + 1}",
                    title=name,
                    kind=_plan_kind(kind[1]),
                    period_start=start,
                    period_end=end,
                    quote=quote,
                ),
                max(no, 0),
            )
        )
    return out


def _plan_kind(word: str) -> str:
    w = T.fold(word)
    if "strateg" in w:
        return "strategisk plan"
    if "prosjekt" in w:
        return "prosjekt"
    return "handlingsplan" if "handling" in w or "tiltak" in w else w


def _fallback_plan(lines: list[Line], title: str | None, prefix: str) -> tuple[Plan, int]:
    """A document with measures but no plan heading (a report, an application): the plan is
    the document itself, titled by its first line."""
    first = next((line for line in lines if not line.blank), None)
    heading = T.collapse(first.text) if first else (title or "Dokument")
    name = title or heading
    t = T.fold(name)
    kind = (
        "søknad" if "soknad" in t else "prosjekt" if ("rapport" in t or "prosjekt" in t) else "plan"
    )
    period = _PERIOD.search(name)
    return (
        Plan(
            id=f"{prefix}-plan1",
            title=name[:200],
            kind=kind,
            period_start=int(period[1]) if period else None,
            period_end=int(period[2]) if period and len(period[2]) == 4 else None,
            quote=heading[:200] if first else None,
        ),
        0,
    )


def _place_measures(
    plans: list[tuple[Plan, int]], found: list[M.Found], lines: list[Line], prefix: str
) -> None:
    """Each measure goes to the plan whose heading stands last before it (or the first plan),
    under a goal when it stands under an area heading."""
    goals: dict[tuple[str, str], Goal] = {}
    by_no = {line.no: line.text for line in lines}
    for n, f in enumerate(found):
        before = [p for p, no in plans if no <= f.first]
        plan = before[-1] if before else plans[0][0]
        measure = Measure(
            id=f"{prefix}-t{n + 1}",
            text=f.text,
            kind=f.kind,
            owners=f.owners,
            owner_text=f.owner_text,
            financing=f.financing,
            frequency=M.frequency_of(" ".join(by_no[no] for no in sorted(f.lines) if no in by_no)),
            due=_due(f.due_text),
            quote=f.quote,
        )
        if f.area:
            key = (plan.id, f.area)
            if key not in goals:
                goals[key] = Goal(
                    id=f"{prefix}-g{len(goals) + 1}", text=f.area, area=f.area, quote=None
                )
                plan.goals.append(goals[key])
            goals[key].measures.append(measure)
        else:
            plan.measures.append(measure)


def _due(text: str | None):
    if not text:
        return None
    day = T.parse_date(text)
    if day:
        return day
    years = re.findall(r"\b(20\d\d)\b", text)
    if years:
        from datetime import date

        return date(int(max(years)), 12, 31)
    return None


# --- meetings and decisions ----------------------------------------------------------------


def _meeting_id(prefix: str, m: N.MeetingFound) -> str:
    day = m.day.isoformat() if m.day else f"planlagt-{m.pos}"
    return f"{prefix}-{T.fold(m.body)[:12]}-{day}"


def _meetings(meetings: list[N.MeetingFound], prefix: str) -> list[Meeting]:
    return [
        Meeting(
            id=_meeting_id(prefix, m),
            body=m.body,
            date=m.day,
            title=m.title,
            quote=m.quote,
            cases=[Case(number=c["number"], title=c["title"], quote=c["quote"]) for c in m.cases],
        )
        for m in meetings
    ]


def _decisions(
    found: list[N.DecisionFound], meetings: list[N.MeetingFound], prefix: str
) -> list[Decision]:
    out = []
    for i, d in enumerate(found):
        case = None
        if d.meeting is not None and d.meeting.cases:
            # the case whose heading stands last before the decision, or the meeting's only case
            before = [c for c in d.meeting.cases if c["pos"] <= d.pos]
            if before and max(c["pos"] for c in before) > d.meeting.pos:
                case = max(before, key=lambda c: c["pos"])["number"]
            elif len(d.meeting.cases) == 1:
                case = d.meeting.cases[0]["number"]
        out.append(
            Decision(
                id=f"{prefix}-v{i + 1}",
                body=d.body,
                date=d.day,
                meeting=_meeting_id(prefix, d.meeting) if d.meeting else None,
                case_number=case,
                text=d.text,
                quote=d.quote,
            )
        )
    return out


# --- the quote check -----------------------------------------------------------------------


def checked(facts: Facts, text: str) -> Facts:
    """The facts whose quotes the loader finds in the document; the others are dropped (a fact
    without a quote that proves it is not a fact)."""
    body = T.collapse(text)

    def ok(entry) -> bool:
        return bool(entry.quote) and T.collapse(entry.quote) in body

    for plan in facts.plans:
        plan.measures = [m for m in plan.measures if ok(m)]
        for goal in plan.goals:
            goal.measures = [m for m in goal.measures if ok(m)]
            if goal.quote and not ok(goal):
                goal.quote = None
        if plan.quote and not ok(plan):
            plan.quote = None
    for meeting in facts.meetings:
        meeting.cases = [c for c in meeting.cases if ok(c)]
    facts.meetings = [m for m in facts.meetings if ok(m)]
    meeting_ids = {m.id for m in facts.meetings}
    facts.decisions = [d for d in facts.decisions if ok(d)]
    for d in facts.decisions:
        if d.meeting and d.meeting not in meeting_ids:
            d.meeting = None
    facts.deadlines = [d for d in facts.deadlines if ok(d)]
    facts.people = [p for p in facts.people if ok(p)]
    facts.budget_lines = [b for b in facts.budget_lines if ok(b)]
    return facts


# --- what was found, in words --------------------------------------------------------------


def all_measures(facts: Facts) -> list[Measure]:
    return [
        m for p in facts.plans for m in [*(m for g in p.goals for m in g.measures), *p.measures]
    ]


def counts(facts: Facts) -> dict[str, int]:
    ms = all_measures(facts)
    return {
        "measures": len(ms),
        "measures_with_owner": sum(1 for m in ms if m.owners),
        "deadlines": len(facts.deadlines),
        "decisions": len(facts.decisions),
        "meetings": len(facts.meetings),
        "cases": sum(len(m.cases) for m in facts.meetings),
        "plans": len(facts.plans),
        "people": len(facts.people),
    }


def summary(facts: Facts) -> str:
    """'Fant 21 tiltak (19 med ansvarlig), 1 frist, 2 vedtak og 3 møter.'"""
    c = counts(facts)
    parts = []
    if c["measures"]:
        owned = c["measures_with_owner"]
        parts.append(
            f"{c['measures']} tiltak med ansvarlig"
            if owned == c["measures"]
            else f"{c['measures']} tiltak ({owned} med ansvarlig)"
        )
    for key, one, many in (
        ("deadlines", "frist", "frister"),
        ("decisions", "vedtak", "vedtak"),
        ("meetings", "møte", "møter"),
        ("cases", "sak", "saker"),
    ):
        if c[key]:
            parts.append(f"{c[key]} {one if c[key] == 1 else many}")
    if not parts:
        return "Fant ingen tiltak, frister, vedtak eller møter i dokumentet."
    return f"Fant {T.join_and(parts)}."


def items(facts: Facts) -> list[dict]:
    """What was found, one entry per item in document order of kind: the list a reviewer
    ticks (`key` names the item in `without`)."""
    out: list[dict] = []
    for plan in facts.plans:
        for m in [*(m for g in plan.goals for m in g.measures), *plan.measures]:
            out.append(
                {
                    "key": m.id,
                    "kind": "measure",
                    "text": m.text,
                    "owners": m.owners,
                    "owner_text": m.owner_text,
                    "financing": m.financing,
                    "due": m.due.isoformat() if m.due else None,
                    "plan": plan.title,
                    "quote": m.quote,
                }
            )
    for d in facts.deadlines:
        out.append(
            {
                "key": d.id,
                "kind": "deadline",
                "text": d.what,
                "due": d.due.isoformat(),
                "quote": d.quote,
            }
        )
    for m in facts.meetings:
        out.append(
            {
                "key": m.id,
                "kind": "meeting",
                "text": m.title or m.body,
                "body": m.body,
                "date": m.date.isoformat() if m.date else None,
                "quote": m.quote,
            }
        )
        for c in m.cases:
            out.append(
                {
                    "key": f"{m.id}/sak/{c.number}",
                    "kind": "case",
                    "text": c.title,
                    "number": c.number,
                    "meeting": m.id,
                    "quote": c.quote,
                }
            )
    for d in facts.decisions:
        out.append(
            {
                "key": d.id,
                "kind": "decision",
                "text": d.text,
                "body": d.body,
                "date": d.date.isoformat() if d.date else None,
                "case_number": d.case_number,
                "quote": d.quote,
            }
        )
    return out


def without(facts: Facts, keys: set[str]) -> Facts:
    """The facts less the items a reviewer unticked (keys from `items`)."""
    facts = facts.model_copy(deep=True)
    for plan in facts.plans:
        plan.measures = [m for m in plan.measures if m.id not in keys]
        for goal in plan.goals:
            goal.measures = [m for m in goal.measures if m.id not in keys]
    facts.deadlines = [d for d in facts.deadlines if d.id not in keys]
    facts.meetings = [m for m in facts.meetings if m.id not in keys]
    for m in facts.meetings:
        m.cases = [c for c in m.cases if f"{m.id}/sak/{c.number}" not in keys]
    kept = {m.id for m in facts.meetings}
    facts.decisions = [d for d in facts.decisions if d.id not in keys]
    for d in facts.decisions:
        if d.meeting and d.meeting not in kept:
            d.meeting = None
    return facts
