"""The one write path: `apply(store, change, actor, now) -> Result`.

Slack (commands, modals, the updates channel, reminder buttons), the CLI and the meeting tools all
change the store through `apply`, so every change is validated, checked against what its actor may
do (`permission.may`), and written with one audit row per field in one transaction. Nothing is
deleted: removing an item is the status `avlyst`. Each field set here is also kept in the overlay,
so reloading a changed document puts it back (`restore_after_reload`).
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot import items as I
from bot import refs
from bot import text as T
from bot.models import MeetingRecord, UpdateRecord
from bot.permission import Actor, actor_from_person, is_owner, may
from bot.store import Store
from bot.store.items import UPDATES_DOCUMENT, item_record

Action = Literal["status", "comment", "edit", "create", "undo"]
ItemKind = Literal["measure", "deadline", "meeting", "case", "decision"]

MAX_TEXT = 2000
MAX_SHORT = 300
UNDO_HOURS = 24


class Change(BaseModel):
    """What someone wants changed. `target` is a reference, an id or words that pick one item."""

    model_config = ConfigDict(extra="forbid")

    action: Action
    kind: ItemKind | None = None
    target: str | None = None
    status: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict)
    comment: str | None = None
    version: int | None = None  # the item's version when the form was opened
    origin: str | None = None  # where it came from: "cli", "slack:C123/1618491234.000100"
    undo: str | None = None  # the batch to undo


class FieldChange(BaseModel):
    field: str
    old: Any = None
    new: Any = None


class Result(BaseModel):
    ok: bool
    message: str
    kind: str | None = None
    item_id: str | None = None
    ref: str | None = None
    batch: str | None = None
    changes: list[FieldChange] = Field(default_factory=list)
    choices: list[dict] = Field(default_factory=list)  # several items fit: which one?

    @classmethod
    def refuse(cls, message: str, **extra: Any) -> Result:
        return cls(ok=False, message=message, **extra)

    @classmethod
    def applied(
        cls, message: str, *, kind: str, item_id: str, ref: str, batch: str, old: dict, new: dict
    ) -> Result:
        """A change that was written: the fields it set, each with its old value."""
        return cls(
            ok=True,
            message=message,
            kind=kind,
            item_id=item_id,
            ref=ref,
            batch=batch,
            changes=[FieldChange(field=f, old=old.get(f), new=v) for f, v in new.items()],
        )


class Invalid(ValueError):
    """A field value that cannot be stored; the message is Norwegian and names the field."""


# --- field validation ----------------------------------------------------------------------


def _text(value: Any, name: str, *, limit: int = MAX_SHORT, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Invalid(f"{name.capitalize()} mangler.")
        return None
    if not isinstance(value, str):
        raise Invalid(f"{name.capitalize()} må være tekst.")
    value = " ".join(value.replace("\x00", " ").split())
    if len(value) > limit:
        raise Invalid(f"{name.capitalize()} er for lang ({len(value)} tegn, høyst {limit}).")
    return value


def parse_due(value: Any, now: datetime) -> tuple[str | None, str | None]:
    """A due date as (ISO date, period text). A period ("høsten 2022", "2021-2022") gets the
    last day of the period as its date (the one rule reminders use) and keeps its own words."""
    if value is None or value == "":
        return None, None
    if isinstance(value, date):
        return value.isoformat(), None
    text = _text(value, "frist")
    if text is None:
        return None, None
    day = T.parse_date(text, default_year=now.year)
    if day:
        return day.isoformat(), None
    years = [int(y) for y in re.findall(r"\b(20\d\d|19\d\d)\b", text)]
    span = T.parse_period(text, now.date())
    if span:
        return span[1].isoformat(), text
    if years:
        return date(max(years), 12, 31).isoformat(), text
    raise Invalid(f"Jeg forstod ikke fristen «{text}» (skriv f.eks. 30.04.2021 eller høsten 2022).")


def _owners(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [p for p in re.split(r"\s*(?:,|;| og )\s*", value) if p]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("Ansvarlig må være en liste med navn.")
    out = [o for o in (_text(v, "ansvarlig") for v in value) if o]
    if len(out) > 20:
        raise Invalid("For mange ansvarlige (høyst 20).")
    return out


def _clean(store: Store, kind: str, fields: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The fields of a change, validated and in the store's form."""
    allowed = EDITABLE[kind]
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in allowed:
            raise Invalid(f"Feltet «{key}» kan ikke endres på {I.KIND_NAMES[kind][0]}.")
        if key in ("due", "date"):
            iso, period = parse_due(value, now)
            if key == "date" and period:
                raise Invalid(f"Datoen «{value}» må være en dag, ikke en periode.")
            out[key] = iso
            if key == "due":
                out["due_text"] = period
        elif key == "owners":
            out["owners"] = _owners(value)
        elif key in ("text", "what", "proposal"):
            out[key] = _text(value, I.FIELD_NAMES.get(key, key), limit=MAX_TEXT)
        elif key == "plan_id":
            if value and not store.plan(value):
                raise Invalid(f"Fant ikke planen «{value}».")
            out[key] = value or None
        elif key == "meeting_id":
            if value and not store.item("meeting", value):
                raise Invalid(f"Fant ikke møtet «{value}».")
            out[key] = value or None
        elif key == "documents":
            out[key] = [d for d in (_text(v, "dokument") for v in (value or [])) if d]
        elif key == "time":
            t = _text(value, "klokkeslett")
            if t and not re.fullmatch(r"([01]?\d|2[0-3])[:.][0-5]\d", t):
                raise Invalid(f"Klokkeslettet «{t}» må skrives som 09:00.")
            out[key] = t.replace(".", ":") if t else None
        else:
            out[key] = _text(value, I.FIELD_NAMES.get(key, key))
    return out


# Fields a change may set, by kind (status and comment go through their own actions).
EDITABLE: dict[str, set[str]] = {
    "measure": {"text", "plan_id", "owners", "owner_text", "financing", "due", "frequency"},
    "deadline": {"what", "due", "owner", "plan_id", "measure_id"},
    "meeting": {"body", "date", "time", "place", "title"},
    "case": {"meeting_id", "title", "kind", "proposal", "documents"},
    "decision": {"body", "date", "meeting_id", "case_number", "text", "vote"},
}
REQUIRED = {
    "measure": ("text",),
    "deadline": ("what", "due"),
    "meeting": ("body", "date"),
    "case": ("meeting_id", "title"),
    "decision": ("text",),
}


def field_problems(
    store: Store, kind: str, fields: dict[str, Any], now: datetime, *, new: bool = True
) -> dict[str, str]:
    """Each field's problem (Norwegian), for a form that shows errors beside its fields; a
    `REQUIRED` field left empty counts too (for a change: only when it is being emptied)."""
    problems: dict[str, str] = {}
    for key, value in fields.items():
        try:
            _clean(store, kind, {key: value}, now)
        except Invalid as exc:
            problems[key] = str(exc)
    for key in REQUIRED.get(kind, ()):
        value = fields.get(key)
        if (
            (new or key in fields)
            and key not in problems
            and (value is None or (isinstance(value, str) and not value.strip()))
        ):
            problems[key] = f"{I.FIELD_NAMES.get(key, key).capitalize()} mangler."
    return problems


# --- applying ------------------------------------------------------------------------------


def apply(
    store: Store, change: Change, actor: Actor, now: datetime, *, undo_hours: float = UNDO_HOURS
) -> Result:
    """Validate, check permission, write with audit rows in one transaction; or say why not.
    `undo_hours`: how old a change may be and still be undone (REGIONBOT_UNDO_HOURS)."""
    try:
        if change.action == "create":
            return _create(store, change, actor, now)
        if change.action == "undo":
            return _undo(store, change, actor, now, hours=undo_hours)
        return _change(store, change, actor, now)
    except Invalid as exc:
        return Result.refuse(str(exc))


def _pick(store: Store, change: Change) -> refs.Match | Result:
    kinds = (change.kind,) if change.kind else I.KINDS
    matches = refs.resolve(store, change.target or "", kinds)
    if not matches:
        return Result.refuse(
            f"Fant ikke «{_short(change.target)}». Skriv referansen, f.eks. T21-4."
        )
    if len(matches) > 1:
        return Result.refuse(
            f"Flere passer til «{_short(change.target)}». Hvilken mener du?",
            choices=[
                {"kind": m.kind, "id": m.id, "ref": m.ref, "title": m.title} for m in matches[:10]
            ],
        )
    return matches[0]


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change(store: Store, change: Change, actor: Actor, now: datetime) -> Result:
    with store.transaction():  # the lock also keeps other writers' reads off the connection
        picked = _pick(store, change)
        if isinstance(picked, Result):
            return picked
        kind, item_id = picked.kind, picked.id
        row = store.item_fields(kind, item_id)
        owners = I.owner_names(kind, item_record(kind, row))
        fields: dict[str, Any] = {}
        if change.action == "status":
            status = I.parse_status(change.status)
            if status is None:
                raise Invalid(
                    f"Ukjent status «{_short(change.status, 40)}». Bruk en av: "
                    f"{', '.join(I.STATUSES)}."
                )
            fields["status"] = status
        elif change.action == "edit":
            fields = _clean(store, kind, change.fields, now)
            if not fields:
                raise Invalid("Ingenting å endre.")
            _refuse_emptied(kind, fields)
        comment = _text(change.comment, "kommentar", limit=MAX_TEXT)
        if change.action == "comment" and not comment:
            raise Invalid("Kommentaren er tom.")
        reason = may(actor, change.action, kind, owners, fields)
        if reason:
            return Result.refuse(reason, kind=kind, item_id=item_id, ref=picked.ref)
        if change.version is not None and change.version != store.version(kind, item_id):
            name = I.KIND_NAMES[kind][1].capitalize()
            return Result.refuse(
                f"{name} er endret siden du åpnet skjemaet. Åpne det på nytt og prøv igjen.",
                kind=kind,
                item_id=item_id,
                ref=picked.ref,
            )
        changed = {k: v for k, v in fields.items() if row.get(k) != v}
        if not changed and not comment:
            return Result(
                ok=True,
                message=f"{picked.ref} er allerede slik, ingenting endret.",
                kind=kind,
                item_id=item_id,
                ref=picked.ref,
            )
        batch = _write(store, kind, item_id, row, changed, comment, actor, change, now)
    return _done(store, kind, item_id, picked.ref, row, changed, comment, batch)


def _refuse_emptied(kind: str, fields: dict[str, Any]) -> None:
    """An edit may not empty what every item of its kind has (a deadline's date, a case's
    title): the item would no longer be one, and its record could not be read."""
    for key in REQUIRED[kind]:
        if key in fields and (fields[key] is None or fields[key] == ""):
            raise Invalid(f"{I.FIELD_NAMES.get(key, key).capitalize()} kan ikke tømmes.")


def _write(
    store: Store,
    kind: str,
    item_id: str,
    row: dict,
    changed: dict[str, Any],
    comment: str | None,
    actor: Actor,
    change: Change,
    now: datetime,
    *,
    action: str | None = None,
    undo_of: dict[str, int] | None = None,
) -> str:
    """The rows of one change: item fields, one audit row per field, the overlay, the search row."""
    batch = uuid.uuid4().hex[:12]
    action = action or change.action
    audit = {}
    fields = changed or {"status_comment": row.get("status_comment")}
    for field, new in fields.items():
        audit[field] = store.audit_change(
            author=actor.name,
            action=action,
            kind=kind,
            item_id=item_id,
            field=field if changed else None,
            old=row.get(field) if changed else None,
            new=new if changed else None,
            comment=comment,
            origin=change.origin,
            batch=batch,
            now=now,
            undo_of=(undo_of or {}).get(field),
        )
    last = max(audit.values())
    trail = {
        "status_by": actor.name,
        "status_at": now.isoformat(),
        "status_comment": comment if comment is not None else row.get("status_comment"),
        "update_id": last,
    }
    if action == "undo" and "status" in changed:
        trail["status_comment"] = row.get("status_comment")
    values = {**changed, **trail}
    store.set_item_fields(kind, item_id, values)
    for field, value in values.items():
        store.put_overlay(kind, item_id, field, value, last)
    store.reindex_item(kind, item_id, I.search_text(kind, item_record(kind, {**row, **values})))
    store.invalidate()
    return batch


def _done(store, kind, item_id, ref, row, changed, comment, batch) -> Result:
    name = I.KIND_NAMES[kind][0].capitalize()
    parts = []
    for field, new in changed.items():
        label = I.FIELD_NAMES.get(field, field)
        if field == "status":
            parts.append(f"status er nå {new}")
        elif field == "due_text":
            continue
        else:
            parts.append(f"{label}: {_show(row.get(field))} → {_show(new)}")
    if comment:
        parts.append(f"kommentar: {_short(comment, 200)}")
    message = (
        f"{name} {ref} «{_short(I.title(kind, item_record(kind, row)), 60)}»: {'; '.join(parts)}."
    )
    return Result.applied(
        message, kind=kind, item_id=item_id, ref=ref, batch=batch, old=row, new=changed
    )


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(tom)"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return T.format_date(date.fromisoformat(value))
        except ValueError:
            pass
    return _short(str(value), 120)


def _create(store: Store, change: Change, actor: Actor, now: datetime) -> Result:
    kind = change.kind
    if kind is None:
        raise Invalid("Hva skal lages? Oppgi tiltak, frist, møte, sak eller vedtak.")
    reason = may(actor, "create", kind, [], change.fields)
    if reason:
        return Result.refuse(reason)
    fields = _clean(store, kind, change.fields, now)
    for key in REQUIRED[kind]:
        if not fields.get(key):
            raise Invalid(f"{I.FIELD_NAMES.get(key, key).capitalize()} mangler.")
    comment = _text(change.comment, "kommentar", limit=MAX_TEXT)
    with store.transaction():
        store.ensure_updates_document(now)
        item_id = f"u-{kind}-{uuid.uuid4().hex[:8]}"
        row: dict[str, Any] = {"id": item_id, "document_id": UPDATES_DOCUMENT, **fields}
        if kind == "measure":
            if not row.get("plan_id"):
                raise Invalid("Velg planen tiltaket hører til.")
            row["seq"] = store.next_measure_seq(row["plan_id"])
            row.setdefault("owners", [])
            row["status"] = "ikke startet"
        elif kind == "case":
            meeting = store.item("meeting", row["meeting_id"])
            row["number"] = next_case_number(store, meeting)
            row["status"] = "ikke startet"
        elif kind == "decision" and row.get("case_number"):
            row["case_number"] = row["case_number"].replace(" ", "")
        store.insert_item(kind, row)
        refs.assign(store)
        audit_id = store.audit_change(
            author=actor.name,
            action="create",
            kind=kind,
            item_id=item_id,
            field=None,
            old=None,
            new=row,
            comment=comment,
            origin=change.origin,
            batch=(batch := uuid.uuid4().hex[:12]),
            now=now,
        )
        store.set_item_fields(
            kind,
            item_id,
            {"status_by": actor.name, "status_at": now.isoformat(), "update_id": audit_id},
        )
        store.put_created(kind, item_id, store.item_fields(kind, item_id), audit_id)
        created = store.item(kind, item_id)
        context = None
        if kind == "measure":
            plan = store.plan(created.plan_id)
            context = plan.title if plan else ""
        store.reindex_item(kind, item_id, I.search_text(kind, created), context or "")
        store.invalidate()
    ref = refs.ref(store, kind, item_id)
    name = I.KIND_NAMES[kind][0].capitalize()
    message = f"{name} {ref} er lagt til: «{_short(I.title(kind, created), 80)}»."
    return Result.applied(
        message, kind=kind, item_id=item_id, ref=ref, batch=batch, old={}, new=fields
    )


def next_case_number(store: Store, meeting: MeetingRecord | None) -> str:
    """The next free case number of a body and year ("19/2021"), never one used before (also by
    a cancelled case). Runs inside the transaction that inserts the case, so two cases added at
    once get two numbers."""
    if meeting is None:
        raise Invalid("Fant ikke møtet saken skal til.")
    if meeting.date is None:
        raise Invalid("Møtet har ingen dato, så saken kan ikke få nummer.")
    year = str(meeting.date.year)
    body = T.fold(meeting.body or "")
    meetings = {m.id: m for m in store.items("meeting")}
    highest = 0
    for case in store.items("case"):
        number = (case.number or "").replace(" ", "")
        if not number.endswith(f"/{year}"):
            continue
        other = meetings.get(case.meeting_id) if case.meeting_id else None
        if other and T.fold(other.body or "") != body:
            continue
        head = number.split("/")[0]
        if head.isdigit():
            highest = max(highest, int(head))
    return f"{highest + 1}/{year}"


def _undo(
    store: Store, change: Change, actor: Actor, now: datetime, hours: float = UNDO_HOURS
) -> Result:
    if not change.undo:
        raise Invalid("Hvilken endring skal angres?")
    with store.transaction():
        rows = store.batch_rows(change.undo)
        if not rows:
            return Result.refuse("Fant ikke endringen som skal angres.")
        first = rows[0]
        kind, item_id = first.kind, first.item_id
        if first.action == "absence":
            return Result.refuse("Et forfall angres ved å trekke det (knappen «Trekk forfall»).")
        if first.author != actor.name and actor.access not in ("admin", "advisor"):
            return Result.refuse(
                "Bare den som gjorde endringen eller regionrådgiveren kan angre den."
            )
        if change.undo in store.undone_batches():
            return Result.refuse("Endringen er allerede angret.")
        if now - first.time > timedelta(hours=hours):
            return Result.refuse(f"Endringen er eldre enn {hours:g} timer og kan ikke angres her.")
        if store.version(kind, item_id) != max(r.id for r in rows):
            return Result.refuse(
                f"{I.KIND_NAMES[kind][1].capitalize()} er endret etter dette. Angre den siste "
                "endringen først."
            )
        row = store.item_fields(kind, item_id)
        if first.action == "create":
            back = {"status": "avlyst"}
            undo_of = {"status": first.id}
        else:
            back = {r.field: r.old for r in rows if r.field}
            undo_of = {r.field: r.id for r in rows if r.field}
            if not back:  # a comment only: the comment goes back
                back = {"status_comment": None}
                undo_of = {"status_comment": first.id}
        undo_change = Change(action="undo", origin=change.origin)
        batch = _write(
            store,
            kind,
            item_id,
            row,
            back,
            None,
            actor,
            undo_change,
            now,
            action="undo",
            undo_of=undo_of,
        )
    ref = refs.ref(store, kind, item_id)
    message = f"Angret: {I.KIND_NAMES[kind][0]} {ref} er tilbake slik det var."
    return Result.applied(
        message, kind=kind, item_id=item_id, ref=ref, batch=batch, old=row, new=back
    )


def actor(store: Store, *, name: str | None = None, slack_user_id: str | None = None) -> Actor:
    """The actor behind a name (CLI `--as`) or a Slack user id; a guest when neither is listed."""
    person = None
    if name:
        folded = T.fold(name)
        person = next((p for p in store.people() if T.fold(p.name) == folded), None)
    elif slack_user_id:
        person = next((p for p in store.people() if p.slack_user_id == slack_user_id), None)
    return actor_from_person(person, slack_user_id=slack_user_id)


# --- extracted facts -----------------------------------------------------------------------


def save_extracted(
    store: Store,
    document_id: str,
    facts: Any,
    actor: Actor,
    now: datetime,
    *,
    origin: str | None = None,
) -> Result:
    """The reviewed facts of an uploaded document (`bot.extract`), saved as its structured
    knowledge: the advisor's decision, in one transaction with its audit row. Facts whose quote
    is not in the document are dropped, as the loader would refuse them. The document is an
    upload, so reloading `knowledge/` never touches what is saved here."""
    from bot.extract import checked, counts, summary
    from bot.models import Document, KnowledgeFile

    if not actor.is_advisor:
        return Result.refuse(
            "Bare regionrådgiveren kan lagre tiltak, frister og vedtak fra et dokument."
        )
    row = store.document(document_id)
    if row is None:
        return Result.refuse(f"Fant ikke dokumentet «{_short(document_id)}».")
    if row["origin"] != "upload":
        return Result.refuse(
            "Bare opplastede dokumenter kan få fakta herfra; de andre står i knowledge/."
        )
    facts = KnowledgeFile.model_validate(
        {**(facts.model_dump() if hasattr(facts, "model_dump") else facts), "document": document_id}
    )
    facts = checked(facts, row["body"] or "")
    doc = Document.model_validate({k: row.get(k) for k in Document.model_fields if k in row})
    with store.transaction():
        store.defer_foreign_keys()  # its plans and meetings may hold items created since
        store.put_extracted_facts(doc, facts)
        settle_created(store, now.date().isoformat())
        refs.assign(store)
        store.audit(
            author=actor.name,
            action="extract",
            target=f"document:{document_id}",
            new={**counts(facts), "origin": origin},
            text=summary(facts),
            now=now,
        )
    store.invalidate()
    return Result(ok=True, message=f"Lagret fra «{_short(row['title'], 60)}»: {summary(facts)[5:]}")


# --- reading the trail ---------------------------------------------------------------------


def history(
    store: Store, target: str
) -> tuple[refs.Match | None, list[UpdateRecord], list[refs.Match]]:
    """An item's whole history, oldest first: (item, rows, other candidates when ambiguous)."""
    matches = refs.resolve(store, target)
    if len(matches) != 1:
        return None, [], matches
    m = matches[0]
    return m, store.history(m.kind, m.id), []


def restore_after_reload(store: Store, before: dict[tuple[str, str], dict], now: datetime) -> None:
    """After `knowledge/` was reloaded: changes made through the bot go back over the loaded
    facts, items they touched that left their file are kept (marked), and new items get refs."""
    for key, row in before.items():
        if not store.db["documents"].count_where("id = ?", [row.get("document_id")]):
            store.ensure_updates_document(now)
            before[key] = {**row, "document_id": UPDATES_DOCUMENT}
    today = now.date().isoformat()
    store.restore_changes(before, today)
    for o in {(o["kind"], o["item_id"]) for o in store.overlay()}:
        item = store.item(*o)
        if item:
            store.reindex_item(o[0], o[1], I.search_text(o[0], item))
    settle_created(store, today)
    refs.assign(store)


def settle_created(store: Store, today: str) -> None:
    """After a document's facts were replaced (in a transaction with deferred keys): items
    created through the bot go back to their plan or meeting, or are kept orphaned."""
    for kind, item_id in dict.fromkeys([*store.reattach_created(), *store.settle_links(today)]):
        _reindex_linked(store, kind, item_id)


def _reindex_linked(store: Store, kind: str, item_id: str) -> None:
    """An item's search row after its plan changed under it: the plan's title is its context."""
    row = store.item(kind, item_id)
    if row is None:
        return
    context = None
    if kind == "measure":
        plan = store.plan(row.plan_id) if row.plan_id else None
        context = plan.title if plan else ""
    store.reindex_item(kind, item_id, I.search_text(kind, row), context)


# --- absence (forfall) from a meeting ------------------------------------------------------


def report_absence(
    store: Store,
    meeting_id: str,
    actor: Actor,
    now: datetime,
    *,
    reason: str | None = None,
    withdraw: bool = False,
    origin: str | None = None,
) -> Result:
    """Record (or withdraw) a person's absence from a meeting, with its audit row. Anyone on the
    member list may report their own absence before the meeting; a guest may not."""
    try:
        reason = _text(reason, "begrunnelse", limit=MAX_SHORT)
    except Invalid as exc:
        return Result.refuse(str(exc))
    if actor.access == "guest":
        return Result.refuse(
            "Du står ikke i regionrådets medlemsliste, så du kan ikke melde forfall."
        )
    with store.transaction():
        meeting = store.item("meeting", meeting_id)
        if meeting is None or meeting.status == "avlyst":
            return Result.refuse("Fant ikke møtet, eller det er avlyst.")
        ref = refs.ref(store, "meeting", meeting_id)
        when = T.format_date(meeting.date) if meeting.date else ""
        if meeting.date and now.date() > meeting.date:
            return Result.refuse(f"Møtet {when} er holdt; forfall kan ikke endres nå.")
        old = store.absence(meeting_id, actor.name)
        if withdraw and (old is None or old["status"] != "meldt"):
            return Result.refuse("Du har ikke meldt forfall til dette møtet.")
        status = "trukket" if withdraw else "meldt"
        batch = uuid.uuid4().hex[:12]
        audit_id = store.audit_change(
            author=actor.name,
            action="absence",
            kind="meeting",
            item_id=meeting_id,
            field="forfall",
            old={"status": old["status"], "reason": old["reason"]} if old else None,
            new={"status": status, "reason": None if withdraw else reason},
            comment=reason,
            origin=origin,
            batch=batch,
            now=now,
        )
        store.put_absence(
            {
                "meeting_id": meeting_id,
                "person": actor.name,
                "slack_user_id": actor.slack_user_id,
                "reason": None if withdraw else reason,
                "status": status,
                "at": now.isoformat(),
                "update_id": audit_id,
            }
        )
        store.invalidate()
    name = f"{meeting.body} {when}".strip()
    if withdraw:
        message = f"Forfallet ditt til {name} ({ref}) er trukket. Velkommen!"
    else:
        message = f"Forfall til {name} ({ref}) er registrert" + (
            f" (begrunnelse: {reason})." if reason else "."
        )
    return Result(
        ok=True, message=message, kind="meeting", item_id=meeting_id, ref=ref, batch=batch
    )


# --- postponing (a reminder's "Utsett en uke") ------------------------------------------------


def postpone(
    store: Store,
    kind: str,
    target: str,
    days: int,
    comment: str | None,
    actor: Actor,
    now: datetime,
    *,
    version: int | None = None,
    origin: str | None = None,
) -> Result:
    """Move an item's due date `days` later, with a note saying why. Unlike other edits of the
    due date, the item's owner may do this (it is what the reminder asks of them), as may the
    advisor. Audited as the action "postpone"; a period becomes the concrete new date."""
    change = Change(action="edit", kind=kind, target=target, comment=comment, origin=origin)
    try:
        note = _text(comment, "begrunnelse", limit=MAX_TEXT, required=True)
    except Invalid as exc:
        return Result.refuse(str(exc))
    with store.transaction():
        picked = _pick(store, change)
        if isinstance(picked, Result):
            return picked
        row = store.item_fields(picked.kind, picked.id)
        item = item_record(picked.kind, row)
        owners = I.owner_names(picked.kind, item)
        the = I.KIND_NAMES[picked.kind][1]
        if not (actor.is_advisor or (actor.access != "guest" and is_owner(actor, owners))):
            return Result.refuse(
                f"Bare eieren av {the} eller regionrådgiveren kan utsette {the}.",
                kind=picked.kind,
                item_id=picked.id,
                ref=picked.ref,
            )
        if version is not None and version != store.version(picked.kind, picked.id):
            return Result.refuse(
                f"{the.capitalize()} er endret siden du åpnet skjemaet. Åpne det på nytt.",
                kind=picked.kind,
                item_id=picked.id,
                ref=picked.ref,
            )
        due = getattr(item, "due", None)  # meetings, cases and decisions have none
        if not due:
            return Result.refuse(f"{the.capitalize()} har ingen dato å utsette.")
        new_due = (due + timedelta(days=days)).isoformat()
        changed = {"due": new_due}
        if row.get("due_text"):
            changed["due_text"] = None
        batch = _write(
            store, picked.kind, picked.id, row, changed, note, actor, change, now, action="postpone"
        )
    return _done(store, picked.kind, picked.id, picked.ref, row, changed, note, batch)
