"""The form for a new or changed measure or deadline (`/regionbot ny tiltak|frist`,
`/regionbot endre <ref>`).

The form's private_metadata carries what it is about and, for a change, the item's version when
the form was opened: a submission after someone else changed the item is refused by
bot/updates.py ("Tiltaket er endret siden du åpnet skjemaet") and nothing is written. Field
problems are shown beside the fields (response_action "errors"); the submission is applied while
Slack waits for the answer, so the person sees the outcome in the form itself, and the saved change
is confirmed in their DM with Angre.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import updates
from bot.slack import blocks as B
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.answering import post
from bot.slack.registry import on_view
from bot.slack.services import Services
from bot.store import Store
from bot.store.items import ItemRecord

log = logging.getLogger(__name__)

VIEW = "item_form"
INPUT = "value"
KINDS = ("measure", "deadline")
MAX_OPTIONS = 100

# The fields of the form, by kind: (field, label, multiline, optional, hint).
FIELDS = {
    "measure": [
        ("text", "Tiltak", True, False, "Hva skal gjøres?"),
        ("plan_id", "Plan", False, False, None),
        ("owners", "Ansvarlig", False, True, "Skill flere med komma, f.eks. Arbeidsutvalget"),
        ("due", "Frist", False, True, "En dato (30.04.2021) eller en periode (høsten 2022)"),
        ("financing", "Finansiering", False, True, None),
    ],
    "deadline": [
        ("what", "Hva", True, False, "Hva må være gjort?"),
        ("due", "Frist", False, False, "En dato (30.04.2021) eller en periode (høsten 2022)"),
        ("owner", "Ansvarlig", False, True, None),
        ("plan_id", "Plan", False, True, None),
    ],
}
TITLES = {"measure": ("Nytt tiltak", "Endre tiltak"), "deadline": ("Ny frist", "Endre frist")}


def prefill(kind: str, item: ItemRecord | None) -> dict[str, str]:
    """The form's text for each field of an item (what an unchanged submission sends back)."""
    # The form's fields are the store's columns (plan_id, meeting_id), dates as ISO text.
    row = item.model_dump(mode="json", by_alias=True) if item is not None else {}
    out: dict[str, str] = {}
    for name, *_ in FIELDS[kind]:
        value = row.get(name)
        if name == "owners":
            value = ", ".join(row.get("owners") or [])
        elif name == "due":
            value = row.get("due_text") or (
                date.fromisoformat(row["due"]).strftime("%d.%m.%Y") if row.get("due") else ""
            )
        out[name] = str(value or "").strip()
    return out


def _plan_options(store: Store) -> list[dict]:
    return [
        {"text": B.plain(B.truncate(p.title, 75)), "value": p.id}
        for p in store.plans()[:MAX_OPTIONS]
    ]


def _input(store: Store, name: str, label: str, multiline: bool, optional: bool, hint, value):
    if name == "plan_id":
        options = _plan_options(store)
        element = {"type": "static_select", "action_id": INPUT, "options": options}
        element["placeholder"] = B.plain("Velg plan")
        chosen = next((o for o in options if o["value"] == value), None)
        if chosen:
            element["initial_option"] = chosen
    else:
        element = {"type": "plain_text_input", "action_id": INPUT, "multiline": multiline}
        element["max_length"] = updates.MAX_TEXT if multiline else updates.MAX_SHORT
        if value:
            element["initial_value"] = value
    block = {
        "type": "input",
        "block_id": name,
        "label": B.plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = B.plain(hint)
    return block


def form(
    store: Store,
    kind: str,
    *,
    row: ItemRecord | None = None,
    ref: str | None = None,
    version: int | None = None,
    channel_id: str = "",
) -> dict:
    """The modal for a new item (no row) or a change to one (row, ref and version)."""
    values = prefill(kind, row)
    blocks = []
    if ref:
        blocks.append(B.context([f"Du endrer *{B.escape(ref)}*."]))
    blocks += [_input(store, *spec, values.get(spec[0])) for spec in FIELDS[kind]]
    meta = {"kind": kind, "channel": channel_id}
    if row is not None:
        meta.update(id=row.id, ref=ref, version=version)
    return {
        "type": "modal",
        "callback_id": VIEW,
        "title": B.plain(TITLES[kind][row is not None]),
        "submit": B.plain("Lagre"),
        "close": B.plain("Avbryt"),
        "private_metadata": json.dumps(meta, ensure_ascii=False),
        "blocks": blocks,
    }


def message_view(text: str) -> dict:
    """What the form turns into when the submission is refused as a whole."""
    return {
        "type": "modal",
        "title": B.plain("regionbot"),
        "close": B.plain("Lukk"),
        "blocks": [B.section(B.escape(text))],
    }


@dataclass
class Submission:
    change: updates.Change | None = None
    errors: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # refused as a whole (not about one field)


def _values(view: dict) -> dict[str, str | None]:
    state = ((view or {}).get("state") or {}).get("values") or {}
    out: dict[str, str | None] = {}
    if not isinstance(state, dict):
        return out
    for block_id, actions in state.items():
        element = actions.get(INPUT) if isinstance(actions, dict) else None
        if not isinstance(element, dict):
            continue
        if isinstance(element.get("selected_option"), dict):
            value = element["selected_option"].get("value")
        else:
            value = element.get("value")
        out[block_id] = value if isinstance(value, str) else None
    return out


def metadata(view: dict) -> dict:
    try:
        meta = json.loads((view or {}).get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def read(store: Store, view: dict, now: datetime, *, origin: str | None = None) -> Submission:
    """A submitted form as a change, or the problems with its fields (Norwegian, by block)."""
    meta = metadata(view)
    kind = meta.get("kind")
    if kind not in KINDS:
        return Submission(problem="Skjemaet er ukjent eller ødelagt. Åpne det på nytt.")
    names = [spec[0] for spec in FIELDS[kind]]
    values = _values(view)
    editing = meta.get("id") is not None
    if editing:
        row = store.item(kind, str(meta["id"]))
        if row is None:
            return Submission(problem="Fant ikke det du ville endre.")
        version = meta.get("version")
        if not isinstance(version, int):
            return Submission(problem="Skjemaet er ukjent eller ødelagt. Åpne det på nytt.")
        before = prefill(kind, row)
        fields = {
            n: values.get(n) or None
            for n in names
            if n in values and (values.get(n) or "").strip() != (before.get(n) or "").strip()
        }
    else:
        fields = {n: values.get(n) or None for n in names}
    errors = updates.field_problems(store, kind, fields, now, new=not editing)
    if kind == "measure" and not editing and not fields.get("plan_id") and "plan_id" not in errors:
        errors["plan_id"] = "Velg planen tiltaket hører til."
    errors = {k: v for k, v in errors.items() if k in names}
    if errors:
        return Submission(errors=errors)
    if editing:
        if not fields:
            return Submission(problem="Ingen endringer å lagre.")
        change = updates.Change(
            action="edit",
            kind=kind,
            target=str(meta["id"]),
            fields=fields,
            version=meta["version"],
            origin=origin,
        )
    else:
        change = updates.Change(action="create", kind=kind, fields=fields, origin=origin)
    return Submission(change=change)


def register(app: App, services: Services) -> None:
    def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        user = (body.get("user") or {}).get("id") or ""
        actor = C.actor_for(services, user, client)
        origin = f"slack:skjema/{view.get('id') or ''}"
        submission = read(services.store, view, services.settings.current_time(), origin=origin)
        if submission.errors:
            ack(response_action="errors", errors=submission.errors)
            return
        if submission.change is None:
            ack(response_action="update", view=message_view(submission.problem or ""))
            return
        result = C.apply(services, submission.change, actor)
        if not result.ok:
            ack(response_action="update", view=message_view(result.message))
            return
        ack()
        post(
            client, channel=user, thread_ts=None, reply=U.result_message(result, undo=result.batch)
        )

    on_view(app, VIEW, ack=submit)
