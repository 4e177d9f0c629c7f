"""Block Kit for meetings: the agenda message (with Meld forfall), the draft protocol, and the
forms to add a meeting, a case and a decision and to report absence. Pure functions."""

from __future__ import annotations

from bot import agenda as A
from bot import protocol as P
from bot import text as T
from bot.models import CaseRecord, MeetingRecord

# Action and callback ids (registered in bot/slack/actions/agenda.py and views/meetings.py).
ABSENCE = "agenda_absence"
ABSENCE_WITHDRAW = "agenda_absence_withdraw"
ABSENCE_VIEW = "agenda_absence_form"
MEETING_VIEW = "meeting_new_form"
CASE_VIEW = "case_new_form"
DECISION_VIEW = "decision_new_form"

MAX_ITEMS = 12  # entries shown per part; the rest are counted
MAX_TEXT = 2900  # a section's text is at most 3000 characters


def _section(text: str) -> dict:
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def agenda_message(agenda: A.Agenda, *, buttons: bool = True) -> dict:
    """The agenda as a Slack message: text (the fallback and what notifications show) and blocks."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": A.heading(agenda)[:150]}}
    ]
    for part in agenda.parts:
        lines = [f"*{part.number}. {_escape(part.title)}*"]
        if part.text:
            lines.append(_escape(part.text))
        blocks.append(_section("\n".join(lines)))
        for c in part.cases:
            text = [f"*{_escape(c.label)}* ({c.kind}, {c.ref})"]
            if c.proposal:
                text.append(f"_Forslag til vedtak:_ {_escape(c.proposal)}")
            if c.documents:
                text.append("_Dokumenter:_ " + "; ".join(_escape(d) for d in c.documents))
            blocks.append(_section("\n".join(text)))
        if part.items:
            shown = [_item_line(f) for f in part.items[:MAX_ITEMS]]
            if len(part.items) > MAX_ITEMS:
                shown.append(f"… og {len(part.items) - MAX_ITEMS} til")
            blocks.append(_section("\n".join(shown)))
    if buttons:
        meeting_id = agenda.meeting["id"]
        blocks.append(
            {
                "type": "actions",
                "block_id": "agenda_actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": ABSENCE,
                        "text": {"type": "plain_text", "text": "Meld forfall"},
                        "value": meeting_id,
                    },
                    {
                        "type": "button",
                        "action_id": ABSENCE_WITHDRAW,
                        "text": {"type": "plain_text", "text": "Trekk forfall"},
                        "value": meeting_id,
                    },
                ],
            }
        )
    blocks.append(_context("Sakslisten er laget av regionbot fra det som er registrert."))
    return {"text": A.render_text(agenda)[:3000], "blocks": blocks[:50]}


def _item_line(f: A.FollowUp) -> str:
    when = f"{A.due_text(f)}: " if f.due and f.kind != "vedtak" else ""
    owner = f" – ansvar: {_escape(f.owner)}" if f.owner else ""
    return f"• {f.ref} {when}{_escape(f.text)}{owner} _({f.note})_"


def change_note(before: list[str], after: list[str]) -> str:
    """The thread reply under a posted agenda that changed: what was added and what went."""
    added = [line for line in after if line not in before]
    removed = [line for line in before if line not in after]
    lines = ["Sakslisten er endret:"]
    lines += [f"• Nytt: {line}" for line in added[:10]]
    lines += [f"• Fjernet: {line}" for line in removed[:10]]
    if len(lines) == 1:
        lines.append("• Små endringer i teksten.")
    return "\n".join(lines)


def protocol_message(p: P.Protocol) -> dict:
    text = P.render_text(p)
    return {"text": text[:3000], "blocks": [_section(f"```{text[:2800]}```")]}


# --- forms -----------------------------------------------------------------------------------


def _input(block_id: str, label: str, element: dict, *, optional: bool = False, hint=None) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": {"action_id": block_id, **element},
        "optional": optional,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _text(multiline: bool = False, initial: str | None = None, max_length: int = 2000) -> dict:
    el = {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}
    if initial:
        el["initial_value"] = initial[:max_length]
    return el


def _option(value: str, label: str) -> dict:
    return {"text": {"type": "plain_text", "text": label[:75]}, "value": value[:150]}


def _modal(callback_id: str, title: str, blocks: list[dict], metadata: str = "") -> dict:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title[:24]},
        "submit": {"type": "plain_text", "text": "Lagre"},
        "close": {"type": "plain_text", "text": "Avbryt"},
        "private_metadata": metadata,
        "blocks": blocks,
    }


BODIES = ("Arbeidsutvalget", "Regionrådet", "Styringsgruppa")


def meeting_modal() -> dict:
    return _modal(
        MEETING_VIEW,
        "Nytt møte",
        [
            _input(
                "body",
                "Organ",
                {"type": "static_select", "options": [_option(b, b) for b in BODIES]},
            ),
            _input("date", "Dato", {"type": "datepicker"}),
            _input("time", "Klokkeslett", {"type": "timepicker"}, optional=True),
            _input("place", "Sted", _text(max_length=300), optional=True),
            _input("title", "Tittel", _text(max_length=300), optional=True),
        ],
    )


def case_modal(meetings: list[dict]) -> dict:
    """`meetings`: records of meetings cases may be added to (meetings.record)."""
    options = [_option(m["id"], f"{m['name']} ({m['ref']})") for m in meetings[:100]]
    return _modal(
        CASE_VIEW,
        "Ny sak",
        [
            _input("meeting", "Møte", {"type": "static_select", "options": options}),
            _input("title", "Tittel", _text(max_length=300)),
            _input(
                "kind",
                "Sakstype",
                {
                    "type": "static_select",
                    "options": [_option(k, k) for k in A.KINDS],
                    "initial_option": _option(A.KINDS[0], A.KINDS[0]),
                },
            ),
            _input("proposal", "Forslag til vedtak", _text(multiline=True), optional=True),
            _input(
                "documents",
                "Saksdokumenter",
                _text(multiline=True),
                optional=True,
                hint="Ett dokument per linje.",
            ),
        ],
    )


def decision_modal(case: CaseRecord, meeting: MeetingRecord | None) -> dict:
    day = meeting.date.isoformat() if meeting and meeting.date else None
    date_el: dict = {"type": "datepicker"}
    if day:
        date_el["initial_date"] = day
    title = f"Sak {case.number}" if case.number else case.title or "saken"
    return _modal(
        DECISION_VIEW,
        "Registrer vedtak",
        [
            _section(f"*{_escape(title)}* {_escape(case.title or '')}"),
            _input(
                "text",
                "Vedtak",
                _text(multiline=True, initial=case.proposal),
            ),
            _input(
                "vote",
                "Avstemning",
                _text(max_length=100, initial="enstemmig"),
                hint="«enstemmig» eller stemmetallet, f.eks. «5 mot 2».",
            ),
            _input("date", "Dato", date_el),
        ],
        metadata=case.id,
    )


def absence_modal(meeting: MeetingRecord) -> dict:
    day = meeting.date
    when = T.format_date(day) if day else ""
    return _modal(
        ABSENCE_VIEW,
        "Meld forfall",
        [
            _section(f"Forfall til *{_escape(meeting.body or 'møtet')} {when}*."),
            _input("reason", "Begrunnelse", _text(max_length=300), optional=True),
        ],
        metadata=meeting.id,
    )


def values(view: dict) -> dict[str, str | None]:
    """What a submitted form holds, by block id: text, selected option, date or time."""
    out: dict[str, str | None] = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        for el in actions.values():
            value = (
                el.get("value")
                or el.get("selected_date")
                or el.get("selected_time")
                or (el.get("selected_option") or {}).get("value")
            )
            out[block_id] = value.strip() if isinstance(value, str) else value
    return out


def calendar_blocks(links: dict[str, str]) -> list[dict]:
    """The App Home's calendar links: the shared feed and the person's own deadlines."""
    if not links:
        return []
    lines = ["*Kalender* (abonner i Outlook, Google eller iPhone):"]
    if "dine" in links:
        lines.append(f"• <{links['dine']}|Dine frister> (lenken er personlig, ikke del den)")
    lines.append(f"• <{links['felles']}|Møter og frister i regionrådet>")
    return [{"type": "divider"}, _section("\n".join(lines))]
