"""Block Kit for changing things: what the bot understood (Lagre / Avbryt), what it saved (Angre),
which item was meant, an item's history, and the replies to a shared file.

Pure functions like bot/slack/blocks.py. Everything a person wrote, and every item text, is
escaped here (`B.escape`), so a comment such as `<!channel>` is shown, never obeyed.
"""

from __future__ import annotations

from datetime import date, datetime

from bot import items as I
from bot import text as T
from bot.models import UpdateRecord
from bot.slack import blocks as B
from bot.updates import Change, Result

# Interactive ids (the manifest test checks each one has a listener).
UPDATE_SAVE = "update_save"
UPDATE_CANCEL = "update_cancel"
UPDATE_UNDO = "update_undo"
HISTORY_PICK = "history_pick"
EDIT_PICK = "edit_pick"
UPLOAD_START = "upload_start"

MAX_CHOICES = 10


def _msg(text: str, blocks: list[dict] | None = None) -> dict:
    return B.message(text, blocks or [B.section(text)])


def note(text: str) -> dict:
    """A plain reply; `text` is escaped (it may carry what the user wrote)."""
    return _msg(B.escape(text))


def when(iso: str | None) -> str:
    if not iso:
        return ""
    t = datetime.fromisoformat(iso)
    return f"{T.format_date(t)} kl. {t:%H:%M}"


def _actions(block_id: str, *buttons: dict) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": list(buttons)}


def result_message(result: Result, *, undo: str | None = None) -> dict:
    """A saved change (✅ and Angre, when `undo` carries the batch) or a refusal (⚠️)."""
    text = ("✅ " if result.ok else "⚠️ ") + B.escape(result.message)
    blocks = [B.section(text)]
    if result.ok and undo:
        blocks.append(
            _actions("undo", B.button("Angre", UPDATE_UNDO, undo, label="Angre endringen"))
        )
    return _msg(text, blocks)


def _understood(change: Change, ref: str, title: str, day: date | None) -> list[str]:
    lines = [f"*{B.escape(ref)}* {B.escape(B.truncate(title, 120))}"]
    if change.status:
        lines.append(f"Status: *{B.escape(change.status)}*")
    if day:
        lines.append(f"Dato: {T.format_date(day)}")
    if change.comment:
        lines.append(f"Kommentar: «{B.escape(B.truncate(change.comment, 1500))}»")
    return lines


def proposal_message(
    change: Change, *, ref: str, title: str, day: date | None, save: str, cancel: str
) -> dict:
    """What the bot read in an updates-channel message, to be confirmed before anything is saved."""
    lines = ["Jeg forstod dette – skal jeg lagre det?", *_understood(change, ref, title, day)]
    blocks = [
        *B.sections(lines),
        _actions(
            "proposal",
            B.button("Lagre", UPDATE_SAVE, save, style="primary"),
            B.button("Avbryt", UPDATE_CANCEL, cancel),
        ),
    ]
    return _msg("\n".join(lines), blocks)


def choices_message(
    prompt: str,
    choices: list[dict],
    *,
    action_id: str,
    values: list[str],
    cancel: str | None = None,
) -> dict:
    """Several items fit: each with its reference and a button that picks it."""
    blocks = [B.section(B.escape(prompt))]
    lines = [B.escape(prompt)]
    for choice, value in list(zip(choices, values, strict=True))[:MAX_CHOICES]:
        line = f"*{B.escape(choice['ref'])}* {B.escape(B.truncate(choice['title'], 150))}"
        lines.append(line)
        blocks.append(
            {
                "type": "section",
                "text": B.mrkdwn(line),
                "accessory": B.button("Velg", action_id, value, label=f"Velg {choice['ref']}"),
            }
        )
    if len(choices) > MAX_CHOICES:
        blocks.append(B.context([f"… og {len(choices) - MAX_CHOICES} til. Skriv referansen."]))
    if cancel:
        blocks.append(_actions("cancel", B.button("Avbryt", UPDATE_CANCEL, cancel)))
    return _msg("\n".join(lines), blocks)


def cancelled_message() -> dict:
    return _msg("Avbrutt – ingenting er lagret.")


def _value(value) -> str:
    if value is None or value == "" or value == []:
        return "(tom)"
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return T.format_date(date.fromisoformat(value))
        except ValueError:
            pass
    return B.escape(B.truncate(str(value), 200))


def history_line(row: UpdateRecord) -> str:
    field = row.field or ""
    label = I.FIELD_NAMES.get(field, field)
    if row.action == "create":
        what = "opprettet"
    elif field:
        what = f"{label}: {_value(row.old)} → {_value(row.new)}"
    else:
        what = "kommentar"
    if row.action == "undo":
        what = f"angret ({what})"
    line = f"• {when(row.time.isoformat())}, *{B.escape(row.author)}*: {what}"
    if row.comment:
        line += f" – «{B.escape(B.truncate(row.comment, 300))}»"
    if row.origin:
        line += f" _({B.escape(row.origin)})_"
    return line


def history_message(ref: str, title: str, rows: list[UpdateRecord], *, limit: int = 40) -> dict:
    head = f"*Historikk for {B.escape(ref)}* {B.escape(B.truncate(title, 150))}"
    if not rows:
        lines = [head, "Ingen endringer siden dokumentet ble lastet inn."]
    else:
        shown = rows[-limit:]
        lines = [head, *[history_line(r) for r in shown]]
        if len(rows) > limit:
            lines.insert(1, f"_(de siste {limit} av {len(rows)} endringer)_")
    return _msg("\n".join(lines), B.sections(lines))


# --- files shared in a DM ------------------------------------------------------------------


def upload_offer(name: str, value: str) -> dict:
    text = (
        f"Vil du legge «{B.escape(B.truncate(name, 150))}» inn i kunnskapsbasen? "
        "Jeg spør om tittel, dato og tilgang først."
    )
    blocks = [
        B.section(text),
        _actions(
            "upload", B.button("Legg inn i kunnskapsbasen", UPLOAD_START, value, style="primary")
        ),
    ]
    return _msg(text, blocks)


def ingested_message(result: dict) -> dict:
    n = result["passages"]
    access = "offentlig" if result["access"] == "offentlig" else "intern (bare for medlemmer)"
    again = " (ny versjon av et dokument som var lagt inn før)" if result.get("replaced") else ""
    text = (
        f"✅ «{B.escape(result['title'])}» er lagt inn{again}: {n} "
        f"avsnitt indeksert, tilgang {access}. "
        "Nå kan du spørre meg om innholdet."
    )
    return _msg(text)
