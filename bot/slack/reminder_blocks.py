"""Block Kit for reminders: the DM with its buttons, the modals behind them, the message after a
click, the weekly escalation summary and the Monday digest. Pure functions of reminders and rows.

One item is three blocks (what, when and where from, buttons), so one message holds
`MAX_ITEMS` of them inside Slack's 50 blocks; the rest are counted, "og N til – se Hjem-fanen".
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from bot import items as I
from bot import text as T
from bot.digests import Digest, Escalation, Late
from bot.reminders import Reminder, in_words
from bot.slack.blocks import (
    MESSAGE_BLOCKS,
    button,
    context,
    escape,
    header,
    message,
    mrkdwn,
    plain,
    section,
    sections,
    truncate,
)

# Interactive ids (deploy/slack-manifest.yml; the manifest test checks each has a listener).
REMINDER_DONE = "reminder_done"
REMINDER_POSTPONE = "reminder_postpone"
REMINDER_STATUS = "reminder_status"
POSTPONE_VIEW = "reminder_postpone_view"
STATUS_VIEW = "reminder_status_view"
NOTE_BLOCK, NOTE_INPUT = "note", "note_input"
STATUS_BLOCK, STATUS_INPUT = "status", "status_input"
HOME_PAUSE = "reminder_home_pause"  # a date picker: pause until that day
HOME_RESUME = "reminder_home_resume"

MAX_ITEMS = (MESSAGE_BLOCKS - 3) // 3  # header + intro + the "og N til" line
MAX_LIST = 25  # lines in a weekly summary before "og N til"
POSTPONE_DAYS = 7


def item_value(kind: str, item_id: str) -> str:
    return json.dumps({"kind": kind, "id": item_id}, ensure_ascii=False)


def parse_value(value: str | None) -> tuple[str, str] | None:
    try:
        data = json.loads(value or "")
        return str(data["kind"]), str(data["id"])
    except (ValueError, KeyError, TypeError):
        return None


def actions_block_id(kind: str, item_id: str) -> str:
    return truncate(f"rem:{kind}:{item_id}", 255)


def _title(r: Reminder | Late) -> str:
    ref = f"*{escape(r.ref)}* " if r.ref else ""
    return f"{ref}{escape(truncate(r.text, 400))}"


def item_blocks(r: Reminder) -> list[dict]:
    where = r.plan_title or I.KIND_NAMES[r.kind][0].capitalize()
    lines = [_title(r), f"Frist: *{escape(in_words(r))}*"]
    notes = [f"{'Plan' if r.plan_title else 'Type'}: {escape(truncate(where, 200))}"]
    if r.source:
        notes.append(f"Kilde: {escape(truncate(r.source, 200))}")
    if r.unowned:
        owners = ", ".join(r.owners) or "ingen ansvarlig oppgitt"
        notes.append(
            f":warning: Ingen mottaker: «{escape(truncate(owners, 200))}» er ingen jeg når i "
            "Slack, så du får den som regionrådgiver."
        )
    value = item_value(r.kind, r.item_id)
    return [
        section("\n".join(lines)),
        context(notes),
        {
            "type": "actions",
            "block_id": actions_block_id(r.kind, r.item_id),
            "elements": [
                button("Ferdig", REMINDER_DONE, value, style="primary"),
                button("Utsett en uke", REMINDER_POSTPONE, value),
                button("Oppdater status", REMINDER_STATUS, value),
            ],
        },
    ]


def reminder_message(reminders: list[Reminder], today: date) -> dict:
    """One person's DM of one sweep: their items, nearest first."""
    reminders = sorted(reminders, key=lambda r: (r.due, r.ref or "", r.item_id))
    n = len(reminders)
    caught_up = any(r.catch_up for r in reminders)
    title = "Påminnelse om frist" if n == 1 else f"Påminnelse om {n} frister"
    intro = (
        "Velkommen tilbake! Dette forfalt eller nærmer seg mens påminnelsene var på pause:"
        if caught_up
        else f"God morgen! Dette har du ansvar for, per {T.format_date(today)}:"
    )
    blocks = [header(title), section(intro)]
    shown = reminders[:MAX_ITEMS]
    for r in shown:
        blocks += item_blocks(r)
    rest = n - len(shown)
    lines = [f"• {r.ref or ''} {r.text[:120]} – frist {in_words(r)}" for r in reminders]
    if rest:
        blocks.append(context([f"og {rest} til – se Hjem-fanen"]))
    else:
        blocks.append(
            context(
                ["Du kan sette påminnelsene på pause med `/regionbot påminnelser pause <dato>`."]
            )
        )
    return message(f"{title}:\n" + "\n".join(lines), blocks)


def after_click(blocks: list[dict], kind: str, item_id: str, note: str) -> list[dict]:
    """The message as it was, with the clicked item's buttons replaced by what was done."""
    target = actions_block_id(kind, item_id)
    out = []
    for block in blocks or []:
        if block.get("type") == "actions" and block.get("block_id") == target:
            out.append({"type": "context", "block_id": target, "elements": [mrkdwn(escape(note))]})
        else:
            out.append(block)
    return out


def done_note(status: str, who: str, now: datetime, comment: str | None = None) -> str:
    when = f"{T.format_date(now)} kl. {now:%H:%M}"
    text = f"✓ {status.capitalize()} – satt av {who}, {when}"
    return f"{text}: «{truncate(comment, 200)}»" if comment else text


def postpone_note(new_due: date, who: str, now: datetime, comment: str | None) -> str:
    text = f"↷ Utsatt til {T.format_date(new_due)} av {who}, {T.format_date(now)} kl. {now:%H:%M}"
    return f"{text}: «{truncate(comment, 200)}»" if comment else text


def view_meta(kind: str, item_id: str, channel: str | None, ts: str | None, version: int) -> str:
    """What a modal must know when it is submitted: the item, its version when the form was
    opened, and the reminder message to update."""
    return json.dumps(
        {"kind": kind, "id": item_id, "channel": channel, "ts": ts, "version": version},
        ensure_ascii=False,
    )


def parse_meta(value: str | None) -> dict | None:
    try:
        data = json.loads(value or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("kind") and data.get("id") else None


def _note_input(label: str, *, optional: bool) -> dict:
    return {
        "type": "input",
        "block_id": NOTE_BLOCK,
        "optional": optional,
        "label": plain(label),
        "element": {
            "type": "plain_text_input",
            "action_id": NOTE_INPUT,
            "multiline": True,
            "max_length": 2000,
        },
    }


def postpone_modal(ref: str | None, title: str, due: date, new_due: date, meta: str) -> dict:
    return {
        "type": "modal",
        "callback_id": POSTPONE_VIEW,
        "private_metadata": meta,
        "title": plain("Utsett en uke"),
        "submit": plain("Utsett"),
        "close": plain("Avbryt"),
        "blocks": [
            section(
                f"{escape(ref or '')} {escape(truncate(title, 300))}\n"
                f"Ny frist: *{T.format_date(new_due)}* (var {T.format_date(due)})."
            ),
            _note_input("Hvorfor utsettes den?", optional=False),
        ],
    }


def status_modal(ref: str | None, title: str, current: str | None, meta: str) -> dict:
    options = [{"text": plain(s.capitalize()), "value": s} for s in I.STATUSES]
    element = {"type": "static_select", "action_id": STATUS_INPUT, "options": options}
    parsed = I.parse_status(current)
    if parsed:
        element["initial_option"] = {"text": plain(parsed.capitalize()), "value": parsed}
    return {
        "type": "modal",
        "callback_id": STATUS_VIEW,
        "private_metadata": meta,
        "title": plain("Oppdater status"),
        "submit": plain("Lagre"),
        "close": plain("Avbryt"),
        "blocks": [
            section(f"{escape(ref or '')} {escape(truncate(title, 300))}"),
            {
                "type": "input",
                "block_id": STATUS_BLOCK,
                "label": plain("Status"),
                "element": element,
            },
            _note_input("Kommentar", optional=True),
        ],
    }


# --- weekly --------------------------------------------------------------------------------


def _late_line(i: Late) -> str:
    owners = ", ".join(i.owners) or "ingen ansvarlig oppgitt"
    when = i.due_text or T.format_date(i.due, weekday=False)
    return (
        f"• {_title(i)} – frist {escape(when)}, *{i.days_late} dager på overtid* ({escape(owners)})"
    )


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_LIST:
        return lines
    return [*lines[:MAX_LIST], f"og {len(lines) - MAX_LIST} til – se Hjem-fanen"]


def _packed(lines: list[str]) -> list[dict]:
    return sections(lines)


def escalation_message(e: Escalation, today: date) -> dict:
    blocks = [header("Ukeoversikt: forsinket arbeid")]
    text = ["Ukeoversikt: forsinket arbeid"]
    if e.late:
        intro = f"{len(e.late)} på overtid med mer enn {_days(e)} dager:"
        late = _capped([_late_line(i) for i in e.late])
        blocks += [section(intro), *_packed(late)]
        text += [intro, *late]
    if e.unowned:
        intro = "Ingen mottaker – disse når jeg ingen eier for, så de går til deg:"
        lines = _capped(
            [
                f"• {_title(i)} – frist {escape(i.due_text or T.format_date(i.due, weekday=False))}"
                f" ({escape(', '.join(i.owners) or 'ingen ansvarlig oppgitt')})"
                for i in e.unowned
            ]
        )
        blocks += [section(intro), *_packed(lines)]
        text += [intro, *lines]
    blocks.append(context([f"Uke {e.week.split('-W')[1]}, {T.format_date(today)}"]))
    return message("\n".join(text), blocks[:MESSAGE_BLOCKS])


def _days(e: Escalation) -> int:
    return min(i.days_late for i in e.late) - 1 if e.late else 0


def digest_message(d: Digest, today: date, *, show_intern: bool) -> dict:
    """The Monday digest for the council channel: public items only unless the channel is one
    of the private channels intern content may be shown in."""

    def visible(items):
        return [i for i in items if show_intern or i.access == "offentlig"]

    title = f"Uka som kommer – uke {d.week.split('-W')[1]}"
    blocks = [header(title)]
    text = [title]
    due = visible(d.due)
    lines = [f"• {_title(i)} – {escape(i.due_text or T.format_date(i.due))}" for i in due] or [
        "Ingen frister denne eller neste uke."
    ]
    blocks += [section("*Frister denne og neste uke*"), *_packed(_capped(lines))]
    text += ["Frister denne og neste uke:", *lines]
    meetings = [
        f"• {escape(m.body or 'Møte')} {T.format_date(m.date)}"
        + (f" kl. {m.time}" if m.time else "")
        + (f", {escape(m.place)}" if m.place else "")
        for m in d.meetings
        if m.date
    ] or ["Ingen møter denne eller neste uke."]
    blocks += [section("*Møter*"), *_packed(meetings)]
    text += ["Møter:", *meetings]
    overdue = visible(d.overdue)
    if overdue:
        lines = _capped([_late_line(i) for i in overdue])
        blocks += [section("*På overtid*"), *_packed(lines)]
        text += ["På overtid:", *lines]
    blocks.append(context([f"Oversikt fra regionbot, {T.format_date(today)}"]))
    return message("\n".join(text), blocks[:MESSAGE_BLOCKS])


# --- App Home ------------------------------------------------------------------------------


def home_blocks(pause: dict | None, today: date) -> list[dict]:
    """The Home tab's reminder switch: pause until a date, or switch back on."""
    if pause:
        until = pause.get("until")
        when = f" til {T.format_date(date.fromisoformat(until))}" if until else ""
        return [
            {"type": "divider"},
            header("Påminnelser"),
            section(
                f"Påminnelsene dine er på pause{when}. Det som forfaller i mellomtiden, får du "
                "i én melding når du er tilbake."
            ),
            {
                "type": "actions",
                "block_id": "reminder_home",
                "elements": [button("Slå på påminnelser", HOME_RESUME, "on", style="primary")],
            },
        ]
    return [
        {"type": "divider"},
        header("Påminnelser"),
        {
            "type": "section",
            "block_id": "reminder_home",
            "text": mrkdwn(
                "Du får påminnelser om fristene dine kl. 08 på arbeidsdager. Skal du på ferie? "
                "Velg dagen du er tilbake:"
            ),
            "accessory": {
                "type": "datepicker",
                "action_id": HOME_PAUSE,
                "initial_date": (today + timedelta(days=14)).isoformat(),
                "placeholder": plain("Pause til"),
            },
        },
    ]
