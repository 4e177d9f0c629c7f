"""Writing knowledge: a document, its passages and its structured facts, with search rows.

Each fact gets a row in `search` with its own words (text and quote) and its context (plan, goal),
both stemmed and folded, so the answer engine can rank by what a row itself says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlite_utils

from bot import text as T
from bot.models import Document, KnowledgeFile, Passage, own_body

_DOC_TABLES = [
    "cases",
    "measures",
    "goals",
    "decisions",
    "deadlines",
    "budget_lines",
    "results",
    "facts",
    "meetings",
    "plans",
    "organisations",
    "passages",
]


#: What makes a person a user of the bot (who they are in Slack, what they may read and change):
#: given by people.yaml only, and what a person has when people.yaml no longer names them.
_DIRECTORY_FIELDS = {"slack_user_id": None, "email": None, "access": "guest", "origin": "document"}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# The table a budget line stands in, by its kind: a line of the financing plan is "under"
# "Finansieringsplan" as a passage is under its section, so a question that names the table
# ("financing plan", "kostnadsplanen") finds every line of it alike, not only those whose own
# words are the table's ("Sum finansiering").
_SUM_ROW = re.compile(r"\s*(sum|totalt|til sammen|samlet)\b", re.IGNORECASE)
_BUDGET_TABLE = {
    "cost": "kostnadsplan kostnad",
    "financing": "finansieringsplan finansiering",
}


class KnowledgeWriter:
    """The write half of the store; mixed into `Store`. Call inside `Store.transaction()`."""

    db: sqlite_utils.Database

    def delete_document(self, document_id: str) -> None:
        for table in _DOC_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
        self.db.execute("DELETE FROM search WHERE document_id = ?", [document_id])
        self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])

    def defer_foreign_keys(self) -> None:
        """Check the keys at commit, not at each statement, for the rest of this transaction: a
        reload deletes a document's plans and meetings before it inserts them again, while items
        created through the bot (in another document) still point at them. `settle_links` mends
        what still dangles before the commit."""
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    def put_document(
        self,
        doc: Document,
        body: str,
        passages: list[Passage],
        facts: KnowledgeFile | None,
        *,
        hash: str,
        origin: str = "knowledge",
    ) -> None:
        """Replace a document, its passages and its structured facts. Call inside `transaction()`."""
        self.delete_document(doc.id)
        self.db["documents"].insert(
            {
                **doc.model_dump(exclude={"date"}),
                "date": _iso(doc.date),
                "body": body,
                "hash": hash,
                "origin": origin,
            }
        )
        search_rows: list[dict] = []
        doc_text = " ".join(x for x in [doc.title, doc.kind, doc.organisation, doc.region] if x)
        search_rows.append(self._row("document", doc.id, doc, doc_text, ""))

        for p in passages:
            pid = self.db["passages"].insert(p.model_dump()).last_pk
            search_rows.append(self._row("passage", str(pid), doc, p.text, p.section or ""))
        if facts is not None:
            self._put_facts(doc, facts, search_rows)
        self.db["search"].insert_all(search_rows)

    def put_extracted_facts(self, doc: Document, facts: KnowledgeFile) -> None:
        """Structured facts for a document already in the store (an upload whose facts were
        extracted and reviewed): its earlier facts and their search rows are replaced, its text
        and passages stay. Call inside `transaction()`."""
        for table in _DOC_TABLES:
            if table != "passages":
                self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc.id])
        facts_only = "document_id = ? AND kind NOT IN ('passage', 'document')"
        old = [
            r[0] for r in self.db.execute(f"SELECT text FROM search WHERE {facts_only}", [doc.id])
        ]
        self.db.execute(f"DELETE FROM search WHERE {facts_only}", [doc.id])
        rows: list[dict] = []
        self._put_facts(doc, facts, rows)
        self.db["search"].insert_all(rows)
        self.index_vectors((r["text"] for r in rows), replaced=old)  # if the signal is on

    # --- extracted facts waiting for review (bot/slack/review.py) ----------------------------

    def put_pending_extraction(
        self, document_id: str, facts_json: str, author: str, now: str
    ) -> None:
        self.db["pending_extractions"].upsert(
            {"document_id": document_id, "facts": facts_json, "author": author, "created_at": now},
            pk="document_id",
        )

    def pending_extraction(self, document_id: str) -> dict | None:
        rows = list(self.db["pending_extractions"].rows_where("document_id = ?", [document_id]))
        return rows[0] if rows else None

    def drop_pending_extraction(self, document_id: str) -> None:
        self.db.execute("DELETE FROM pending_extractions WHERE document_id = ?", [document_id])

    def _row(
        self, kind: str, ref: str, doc: Document, text: str, context: str, quote: str | None = None
    ) -> dict:
        """A search row. The quote is indexed with the item's own words: it is the document's
        wording of the fact, which is often how users phrase it too."""
        terms = T.index_text(f"{text} {quote}" if quote else text)
        return {
            "key": f"{doc.id}/{kind}:{ref}",
            "kind": kind,
            "ref": ref,
            "document_id": doc.id,
            "access": doc.access,
            "text": text,
            "terms": terms,
            "context": T.index_text(context),
        }

    def _put_facts(self, doc: Document, k: KnowledgeFile, rows: list[dict]) -> None:
        """Structured facts and their search rows. A row's context holds what it stands under
        (plan, goal, body); the document's title is added to every row when ranking."""
        d = {"document_id": doc.id}
        for org in k.organisations:
            self.db["organisations"].insert(
                {**org.model_dump(), "aliases": _json(org.aliases), **d}
            )
            text = " ".join([org.name, *org.aliases])
            if org.population:
                text += f" {org.population} innbyggere {org.population_year or ''}"
            rows.append(self._row("organisation", org.id, doc, text, "", org.quote))
        for person in k.people:
            self._put_person(person.model_dump(), doc.id)
            rows.append(
                self._row(
                    "person",
                    person.name,
                    doc,
                    f"{person.name} {' '.join(person.roles)} {person.note or ''} "
                    f"{'telefon ' + person.phone if person.phone else ''} "
                    f"{'e-post ' + person.email if person.email else ''}",
                    "",
                    person.quote,
                )
            )
        for plan in k.plans:
            row = plan.model_dump(exclude={"goals", "measures"})
            row["adopted_date"] = _iso(plan.adopted_date)
            self.db["plans"].insert({**row, **d})
            plan_text = " ".join(
                x
                for x in [
                    plan.title,
                    f"visjon {plan.vision}" if plan.vision else None,
                    plan.summary,
                    f"rulleres {plan.revised}" if plan.revised else None,
                ]
                if x
            )
            rows.append(self._row("plan", plan.id, doc, plan_text, "", plan.quote))
            pctx = f"{plan.title} {T.format_period(plan.period_start, plan.period_end)}"
            seq = 0
            for gi, goal in enumerate(plan.goals):
                grow = goal.model_dump(exclude={"measures"})
                self.db["goals"].insert({**grow, "plan_id": plan.id, "seq": gi, **d})
                gtext = " ".join(
                    x
                    for x in [goal.area, goal.text, goal.measured_by, goal.status, goal.comment]
                    if x
                )
                rows.append(self._row("goal", goal.id, doc, gtext, pctx, goal.quote))
                for m in goal.measures:
                    seq += 1
                    self._put_measure(m, plan.id, goal.id, seq, d, rows, doc, f"{goal.text} {pctx}")
            for m in plan.measures:
                seq += 1
                self._put_measure(m, plan.id, None, seq, d, rows, doc, pctx)
        for meeting in k.meetings:
            row = meeting.model_dump(exclude={"cases"})
            row["date"] = _iso(meeting.date)
            self.db["meetings"].insert({**row, **d})
            mtext = (
                f"{meeting.body} {meeting.title or ''} møte {meeting.place or ''} "
                f"{T.format_date(meeting.date) if meeting.date else ''}"
            )
            rows.append(self._row("meeting", meeting.id, doc, mtext, "", meeting.quote))
            for i, case in enumerate(meeting.cases):
                cid = f"{meeting.id}-sak-{i + 1}"
                crow = case.model_dump()
                crow["documents"] = _json(crow["documents"]) if crow["documents"] else None
                self.db["cases"].insert({**crow, "id": cid, "meeting_id": meeting.id, **d})
                ctext = (
                    f"sak {case.number or ''} {case.title} "
                    f"{T.format_date(meeting.date) if meeting.date else ''}"
                )
                rows.append(self._row("case", cid, doc, ctext, meeting.body, case.quote))
        for dec in k.decisions:
            row = dec.model_dump(exclude={"meeting", "when"})
            row.update(date=_iso(dec.date), meeting_id=dec.meeting, when_text=dec.when)
            row["own"] = int(own_body(dec.body) if dec.own is None else dec.own)
            self.db["decisions"].insert({**row, **d})
            rows.append(
                self._row(
                    "decision",
                    dec.id,
                    doc,
                    dec.text,
                    f"{dec.body or ''} vedtak {T.format_date(dec.date) if dec.date else ''}",
                    dec.quote,
                )
            )
        for dl in k.deadlines:
            row = dl.model_dump(exclude={"plan", "measure"})
            row.update(due=_iso(dl.due), plan_id=dl.plan, measure_id=dl.measure)
            self.db["deadlines"].insert({**row, **d})
            rows.append(
                self._row(
                    "deadline",
                    dl.id,
                    doc,
                    dl.what,
                    f"frist {T.format_date(dl.due)}",
                    dl.quote,
                )
            )
        for b in k.budget_lines:
            row = b.model_dump(exclude={"plan"})
            self.db["budget_lines"].insert({**row, "plan_id": b.plan, **d})
            # A table's sum row ("Sum finansiering") has every party as its source: they are
            # what it stands under, not its own words, so the ministry's own line, not the sum,
            # is what "hvor mye bidrar departementet med" finds.
            total = bool(b.quote and _SUM_ROW.match(b.quote))
            own = [b.purpose, None if total else b.source, b.kind, str(b.year or "")]
            btext = " ".join(x for x in own if x)
            table = _BUDGET_TABLE.get(b.kind, "")
            context = " ".join(x for x in ["kroner budsjett", table, total and b.source] if x)
            rows.append(self._row("budget", b.id, doc, btext, context, b.quote))
        for r in k.results:
            row = r.model_dump(exclude={"plan", "goal"})
            self.db["results"].insert({**row, "plan_id": r.plan, "goal_id": r.goal, **d})
            rows.append(self._row("result", r.id, doc, f"{r.text} {r.value or ''}", "", r.quote))
        for f in k.facts:
            self.db["facts"].insert({**f.model_dump(), **d})
            rows.append(self._row("fact", f.id, doc, f"{f.subject or ''} {f.text}", "", f.quote))

    def _put_measure(self, m, plan_id, goal_id, seq, d, rows, doc, context) -> None:
        row = m.model_dump()
        row.update(
            owners=_json(m.owners), due=_iso(m.due), plan_id=plan_id, goal_id=goal_id, seq=seq
        )
        self.db["measures"].insert({**row, **d})
        kind = m.kind if m.kind not in {"tiltak", "hovedaktivitet"} else None
        mtext = " ".join(
            x
            for x in [m.text, m.owner_text or " ".join(m.owners), m.financing, m.frequency, kind]
            if x
        )
        rows.append(self._row("measure", m.id, doc, mtext, context, m.quote))

    def _put_person(self, person: dict, document_id: str | None) -> None:
        """People are merged by name across documents: roles add up, known fields are kept."""
        found = self.person(person["name"])
        existing = found.model_dump() if found else {}
        roles = list(dict.fromkeys([*existing.get("roles", []), *person.get("roles", [])]))
        merged = {**existing, **{k: v for k, v in person.items() if v}}
        merged.update(roles=_json(roles))
        if person.get("quote") or not merged.get("document_id"):
            merged["document_id"] = document_id  # the quote and its document go together
        self.db["people"].upsert(merged, pk="name")

    def put_people_directory(self, people: Iterable[dict]) -> None:
        """`knowledge/people.yaml` as it is now: roles, Slack ids and e-mail addresses of users.

        It is the only authority on who may use the bot, so it replaces the last directory rather
        than adding to it: a person it no longer names, or whose Slack id or e-mail it no longer
        gives, loses them at this load (a person the documents name keeps what the documents say
        about them, but not the ids that make them a member). Call inside `transaction()`.
        """
        self.db.execute(
            "DELETE FROM people WHERE document_id IS NULL "
            "OR document_id NOT IN (SELECT id FROM documents)"
        )
        columns = self._people_columns()
        cleared = ", ".join(f"{c} = ?" for c in _DIRECTORY_FIELDS if c in columns)
        values = [v for c, v in _DIRECTORY_FIELDS.items() if c in columns]
        self.db.execute(f"UPDATE people SET {cleared}", values)
        for person in people:
            self._put_person(
                {**person, "access": person.get("access") or "member", "origin": "directory"}, None
            )

    def _people_columns(self) -> set[str]:
        return {c.name for c in self.db["people"].columns}

    # --- reading ----------------------------------------------------------------------------
