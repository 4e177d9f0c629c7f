"""The advisor's review of facts extracted from an uploaded document, in Slack.

After an upload the advisor gets a summary ("Fant 21 tiltak med ansvarlig, 1 frist, ...") with
Lagre, Se over (a form listing every item, each can be unticked) and Bare tekst. The facts wait in
the store (`pending_extractions`) until one of them is chosen; nothing structured is knowledge
before Lagre, and saving goes through `updates.save_extracted` with the advisor as actor. The
block builders here are pure; `offer`, `save` and `text_only` do the work for the listeners in
bot/slack/actions/extraction.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from bot import extract as X
from bot import text as T
from bot import updates
from bot.permission import Actor
from bot.store import Store

SAVE = "extract_save"
REVIEW = "extract_review"
TEXT_ONLY = "extract_text_only"
REVIEW_SUBMIT = "extract_review_submit"
NOT_ADVISOR = "Bare regionrådgiveren kan lagre tiltak, frister og vedtak fra et dokument."
GONE = "Jeg finner ikke funnene fra dette dokumentet lenger (de er lagret eller forkastet)."
KIND_LABELS = {
    "measure": "Tiltak",
    "deadline": "Frister",
    "meeting": "Møter",
    "case": "Saker",
    "decision": "Vedtak",
}
MAX_OPTIONS = 10  # Slack: options in one checkboxes element
MAX_INPUTS = 90  # leaves room in a modal's 100 blocks


# --- the work -------------------------------------------------------------------------------


def prepare(store: Store, document_id: str, path: Path, actor: Actor, now: datetime, *, llm=None):
    """Extract the facts of an uploaded file and keep them for review. Returns the facts."""
    from bot.extract.upload import upload_texts

    row = store.document(document_id)
    raw, _, _ = upload_texts(path)
    facts = X.extract(raw, document_id=document_id, title=row["title"] if row else None, llm=llm)
    facts = X.checked(facts, (row or {}).get("body") or "")
    with store.transaction():
        if X.items(facts):
            store.put_pending_extraction(
                document_id, facts.model_dump_json(), actor.name, now.isoformat()
            )
        else:
            store.drop_pending_extraction(document_id)
    return facts


def pending(store: Store, document_id: str) -> X.Facts | None:
    row = store.pending_extraction(document_id) if document_id else None
    return X.Facts.model_validate_json(row["facts"]) if row else None


def save(
    store: Store,
    document_id: str,
    actor: Actor,
    now: datetime,
    *,
    unticked: set[str] = frozenset(),
    origin=None,
) -> updates.Result:
    if not actor.is_advisor:
        return updates.Result.refuse(NOT_ADVISOR)
    facts = pending(store, document_id)
    if facts is None:
        return updates.Result.refuse(GONE)
    result = updates.save_extracted(
        store, document_id, X.without(facts, set(unticked)), actor, now, origin=origin
    )
    if result.ok:
        with store.transaction():
            store.drop_pending_extraction(document_id)
    return result


def text_only(store: Store, document_id: str, actor: Actor) -> updates.Result:
    if not actor.is_advisor:
        return updates.Result.refuse(NOT_ADVISOR)
    if pending(store, document_id) is None:
        return updates.Result.refuse(GONE)
    with store.transaction():
        store.drop_pending_extraction(document_id)
    return updates.Result(
        ok=True, message="Bare teksten er lagt inn; ingen tiltak, frister eller vedtak er lagret."
    )


# --- blocks ---------------------------------------------------------------------------------


def summary_message(title: str, facts: X.Facts, document_id: str) -> dict:
    """The message after an upload: what was found, and the three choices."""
    found = X.summary(facts)
    text = f"«{title}» er lagt inn som tekst. {found}"
    blocks: list[dict] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": f"*{_esc(title)}* er lagt inn som tekst.\n{found}"},
        },
    ]
    if not X.items(facts):
        return {"text": text, "blocks": blocks}
    blocks.append(
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "Ingenting er lagret som tiltak, frister eller vedtak før du trykker *Lagre*.",
                }
            ],
        }
    )
    blocks.append(
        {
            "type": "actions",
            "elements": [
                _button("Lagre", SAVE, document_id, style="primary"),
                _button("Se over", REVIEW, document_id),
                _button("Bare tekst", TEXT_ONLY, document_id),
            ],
        }
    )
    return {"text": text + " Lagre, se over eller bare tekst?", "blocks": blocks}


def result_message(result: updates.Result) -> dict:
    mark = "✅" if result.ok else "⚠️"
    return {
        "text": result.message,
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"{mark} {_esc(result.message)}"},
            }
        ],
    }


def review_view(
    title: str, facts: X.Facts, document_id: str, *, channel: str = "", ts: str = ""
) -> dict:
    """The form listing every item found, ticked; the advisor unticks what should not be saved."""
    blocks: list[dict] = [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": f"*{_esc(title)}*\n{X.summary(facts)} Fjern haken for det som ikke skal lagres.",
            },
        }
    ]
    items = X.items(facts)
    inputs = 0
    for kind, label in KIND_LABELS.items():
        group = [i for i in items if i["kind"] == kind]
        for n in range(0, len(group), MAX_OPTIONS):
            if inputs >= MAX_INPUTS:
                break
            chunk = group[n : n + MAX_OPTIONS]
            options = [_option(i) for i in chunk]
            part = f" ({n // MAX_OPTIONS + 1})" if len(group) > MAX_OPTIONS else ""
            blocks.append(
                {
                    "type": "input",
                    "block_id": f"{kind}-{n // MAX_OPTIONS}",
                    "optional": True,
                    "label": {"type": "plain_text", "text": f"{label}{part}"},
                    "element": {
                        "type": "checkboxes",
                        "action_id": "keep",
                        "options": options,
                        "initial_options": options,
                    },
                }
            )
            inputs += 1
    meta = json.dumps(
        {
            "document_id": document_id,
            "channel": channel,
            "ts": ts,
            "keys": [i["key"] for i in items],
        }
    )
    return {
        "type": "modal",
        "callback_id": REVIEW_SUBMIT,
        "private_metadata": meta
        if len(meta) <= 3000
        else json.dumps({"document_id": document_id, "channel": channel, "ts": ts}),
        "title": {"type": "plain_text", "text": "Se over funnene"},
        "submit": {"type": "plain_text", "text": "Lagre"},
        "close": {"type": "plain_text", "text": "Avbryt"},
        "blocks": blocks,
    }


def kept_keys(values: dict) -> set[str]:
    """The ticked items of a submitted review form."""
    out = set()
    for block in (values or {}).values():
        for element in (block or {}).values():
            for option in (element or {}).get("selected_options") or []:
                out.add(option.get("value"))
    return out


def _option(item: dict) -> dict:
    label = item["text"]
    if item["kind"] == "deadline":
        label = f"{T.format_date(date.fromisoformat(item['due']), weekday=False)}: {label}"
    elif item["kind"] == "meeting" and item.get("date"):
        label = f"{item['body']} {T.format_date(date.fromisoformat(item['date']), weekday=False)}"
    elif item["kind"] == "case":
        label = f"Sak {item['number']}: {label}"
    option = {"text": {"type": "plain_text", "text": _cut(label, 75)}, "value": item["key"][:150]}
    if item["kind"] == "measure":
        owners = ", ".join(item["owners"]) or "ingen ansvarlig funnet"
        option["description"] = {"type": "plain_text", "text": _cut(f"Ansvar: {owners}", 75)}
    return option


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict:
    b = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        b["style"] = style
    return b


def _cut(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def offer(
    client,
    store: Store,
    *,
    channel: str,
    document_id: str,
    path: Path,
    actor: Actor,
    now: datetime,
    llm=None,
) -> dict | None:
    """After an advisor's upload: extract, keep for review, post the summary with the three
    choices in `channel` (the DM). Returns the posted message (None for a non-advisor: their
    uploads are refused before this)."""
    if not actor.is_advisor:
        return None
    facts = prepare(store, document_id, path, actor, now, llm=llm)
    doc = store.document(document_id) or {}
    message = summary_message(doc.get("title") or document_id, facts, document_id)
    client.chat_postMessage(channel=channel, text=message["text"], blocks=message["blocks"])
    return message


def prepare_quietly(services, document_id: str, path: Path, actor: Actor):
    """`prepare` for the upload form: a document whose facts cannot be read stays text only
    (the upload itself went well and is said so), and the problem is logged."""
    import logging

    try:
        llm = None
        if services.settings.llm_model:
            from bot.extract.llm import chat_model

            llm = chat_model(services.settings)
        return prepare(
            services.store, document_id, path, actor, services.settings.current_time(), llm=llm
        )
    except Exception:
        logging.getLogger(__name__).exception("extracting facts from %s failed", document_id)
        return None


def after_upload(ingested: dict, result: dict, facts: X.Facts | None) -> dict:
    """The reply to an upload: that it is in, and what was found with the three choices."""
    if facts is None:
        return ingested
    summary = summary_message(result["title"], facts, result["id"])
    found = X.summary(facts)
    blocks = [*ingested["blocks"], {"type": "section", "text": {"type": "mrkdwn", "text": found}}]
    blocks += [b for b in summary["blocks"] if b["type"] != "section"]
    return {"text": f"{ingested['text']} {found}", "blocks": blocks}
