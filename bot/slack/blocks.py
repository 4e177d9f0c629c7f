"""Block Kit builders: plain data in, Slack message and view payloads out.

Pure functions (no Slack client, no store), so every message the bot can send is tested without
Slack, and the listeners stay thin. Messages are returned as `{"text": ..., "blocks": [...]}`:
`text` is the notification and screen-reader fallback, so it always carries the whole content.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from bot import text as T
from bot.models import Source
from bot.slack import mrkdwn as md

# Slack's limits (https://docs.slack.dev/reference/block-kit/blocks).
SECTION_LIMIT = 3000
CONTEXT_ELEMENTS = 10
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
TEXT_LIMIT = 3900  # chat.postMessage truncates `text` at 40 000, but long fallbacks are unreadable
BUTTON_VALUE_LIMIT = 2000

# Interactive ids. The manifest test checks each one the builders emit has a listener.
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
ANSWER_IN_DM = "answer_in_dm"
HOME_ASK = "home_ask"
ASK_VIEW = "ask_question"
ASK_BLOCK = "question"
ASK_INPUT = "question_input"

SUGGESTED_PROMPTS = [
    "Hvilke frister har jeg denne måneden?",
    "Hva står på sakslista til neste AU-møte?",
    "Hvem har ansvar for mobildekning?",
]

USAGE = "\n".join(
    [
        "*Slik bruker du regionbot*",
        "• `/regionbot <spørsmål>` – still et spørsmål, f.eks. `/regionbot når er høringsfristen?`",
        "• `/regionbot frister [dager]` – frister de neste 30 dagene (eller så mange dager du skriver)",
        "• `/regionbot tiltak mine` – tiltakene du har ansvar for",
        "• `/regionbot tiltak <søk>` – tiltak om et tema, f.eks. `/regionbot tiltak mobildekning`",
        "• `/regionbot møter` – de neste møtene",
        "• `/regionbot oppdater T21-4 status pågår søknad sendt` – ny status (og kommentar) på et "
        "tiltak eller en frist",
        "• `/regionbot historikk T21-4` – hvem som har endret hva, og når",
        "• `/regionbot ny tiltak` / `ny frist` / `endre T21-4` – skjema for regionrådgiveren",
        "• `/regionbot agenda [møte]` – sakslisten til neste møte (eller møtet du skriver)",
        "• `/regionbot protokoll M-3` – utkast til protokoll fra et møte",
        "• `/regionbot møte ny` / `sak ny` / `vedtak 18/2021` – møter, saker og vedtak "
        "(regionrådgiveren)",
        "• `/regionbot påminnelser pause 2021-08-01` / `påminnelser på` – pause påminnelsene "
        "(ferie); det som forfaller i mellomtiden, kommer i én melding når du er tilbake",
        "• `/regionbot hjelp` – denne hjelpen",
        "Du kan også nevne @regionbot i en kanal eller sende meg en direktemelding.",
    ]
)

UNKNOWN_USER = (
    "Jeg vet ikke hvem du er ennå, så jeg kan ikke vise tiltakene og fristene dine. "
    "Be regionrådgiveren legge inn Slack-ID-en din (`{user_id}`) i `knowledge/people.yaml`."
)


# --- small pieces ----------------------------------------------------------------------------


def escape(text: str) -> str:
    """Slack mrkdwn control characters; user and document text must not turn into markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def section(text: str) -> dict:
    return {"type": "section", "text": mrkdwn(truncate(text, SECTION_LIMIT))}


def sections(lines: Iterable[str]) -> list[dict]:
    """Lines packed into as few sections as Slack's 3000-character limit allows."""
    out: list[str] = []
    for line in lines:
        line = truncate(line, SECTION_LIMIT)
        if out and len(out[-1]) + 1 + len(line) <= SECTION_LIMIT:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return [section(chunk) for chunk in out]


def context(texts: Iterable[str]) -> dict:
    elements = [mrkdwn(truncate(t, SECTION_LIMIT)) for t in texts][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(truncate(text, 150))}


def button(text: str, action_id: str, value: str, *, style: str | None = None, label=None) -> dict:
    b = {
        "type": "button",
        "text": plain(text),
        "action_id": action_id,
        "value": truncate(value, BUTTON_VALUE_LIMIT),
    }
    if style:
        b["style"] = style
    if label:
        b["accessibility_label"] = label
    return b


def as_date(value: date | datetime | str | None) -> date | None:
    """Store rows carry ISO strings; builders accept those as well as dates."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def message(text: str, blocks: list[dict]) -> dict:
    return {"text": truncate(text, TEXT_LIMIT), "blocks": blocks[:MESSAGE_BLOCKS]}


# --- answers ---------------------------------------------------------------------------------


def source_text(source: Source, *, quote_limit: int = 240) -> str:
    text = f"📄 *{escape(source.label())}*"
    if source.quote:
        text += f": «{escape(truncate(T.collapse(source.quote), quote_limit))}»"
    return text


def feedback_actions(ref: str) -> dict:
    return {
        "type": "actions",
        "block_id": "feedback",
        "elements": [
            button("👍", FEEDBACK_UP, ref, label="Svaret var nyttig"),
            button("👎", FEEDBACK_DOWN, ref, label="Svaret var ikke nyttig"),
        ],
    }


def answer_message(
    body: str,
    sources: list[Source],
    *,
    ref: str,
    question: str | None = None,
    text: str | None = None,
) -> dict:
    """An answer: its body, its sources as context, then 👍/👎 buttons carrying `ref`.

    The engine hands over the parts (`Answer.body`, `Answer.sources`); nothing is parsed back out
    of rendered text. `text` is the plain fallback for notifications (`Answer.text`: the body with
    its 'Kilde:' lines). `question` is echoed above the answer where the question itself is not
    visible (answers sent to a DM from a button or a form).
    """
    blocks: list[dict] = []
    if question:
        blocks.append(context([f"Spørsmål: _{escape(truncate(question, 500))}_"]))
    shown = md.render(body or text or "")  # Markdown from a model becomes mrkdwn, all escaped
    blocks += sections(shown.splitlines() or ["(tomt svar)"])
    if sources:
        unique = list({(s.label(), s.quote): s for s in sources}.values())
        blocks.append(context(source_text(s) for s in unique))
    blocks.append(feedback_actions(ref))
    # The fallback: the body as shown, then the plain 'Kilde:' lines `text` renders after it.
    after = text[len(body) :] if text and text.startswith(body) else ""
    return message(shown + escape(after), blocks)


def internal_note(question: str) -> dict:
    """In a public channel, instead of an internal answer: say so and offer a DM."""
    note = (
        "🔒 Svaret bygger på interne dokumenter, og dem viser jeg ikke i åpne kanaler. "
        "Trykk på knappen, så svarer jeg deg på direktemelding."
    )
    blocks = [
        section(note),
        {
            "type": "actions",
            "block_id": "internal",
            "elements": [button("Svar meg på DM", ANSWER_IN_DM, question, style="primary")],
        },
    ]
    return message(note, blocks)


def members_only_note() -> dict:
    note = (
        "🔒 Svaret bygger på interne dokumenter, som bare medlemmer kan se. "
        "Be regionrådgiveren legge deg inn i `knowledge/people.yaml` hvis du skal ha tilgang."
    )
    return message(note, [section(note)])


def error_note() -> dict:
    note = "Beklager, noe gikk galt da jeg skulle svare. Prøv igjen om litt."
    return message(note, [section(note)])


def empty_question_note() -> dict:
    note = "Spør meg om planer, tiltak, frister, vedtak eller møter, f.eks. «" + (
        SUGGESTED_PROMPTS[2] + "»"
    )
    return message(note, [section(note)])


def thanks_text() -> str:
    return "Takk for tilbakemeldingen!"


def usage_message(problem: str | None = None) -> dict:
    text = f"{problem}\n\n{USAGE}" if problem else USAGE
    return message(text, sections(text.splitlines()))


def assistant_greeting() -> str:
    return (
        "Hei! Jeg svarer på spørsmål om regionrådets planer, tiltak, frister, vedtak og møter, "
        "med kilder. Hva lurer du på?"
    )


def suggested_prompts() -> list[dict]:
    return [{"title": p, "message": p} for p in SUGGESTED_PROMPTS]


# --- listings --------------------------------------------------------------------------------


def owner_of(record: dict) -> str:
    return record.get("owner_text") or ", ".join(record.get("owners") or []) or ""


def deadline_line(record: dict) -> str:
    line = f"• *{T.format_date(as_date(record['due']))}*: {escape(record['what'])}"
    owner = record.get("owner")
    if owner and T.fold(owner) not in T.fold(record["what"]):
        line += f" _(ansvar: {escape(owner)})_"
    return line


def measure_line(record: dict) -> str:
    line = f"• {escape(record['text'])} – _{escape(record.get('status') or 'åpen')}_"
    due = as_date(record.get("due"))
    if due:
        line += f", frist {T.format_date(due)}"
    owner = owner_of(record)
    if owner:
        line += f" _(ansvar: {escape(owner)})_"
    return line


def meeting_line(record: dict) -> str:
    when = T.format_date(as_date(record.get("date")))
    if record.get("time"):
        when += f" kl. {record['time']}"
    line = f"• *{when}*"
    if record.get("place"):
        line += f", {escape(record['place'])}"
    line += f": {escape(record['body'])}"
    if record.get("title"):
        line += f" – {escape(record['title'])}"
    for case in record.get("cases") or []:
        number = f"Sak {case['number']} " if case.get("number") else ""
        line += f"\n      ◦ {number}{escape(case['title'])}"
    return line


def sources_line(records: list[dict]) -> str | None:
    titles = list(dict.fromkeys((r.get("source") or {}).get("title") for r in records))
    titles = [escape(t) for t in titles if t]
    return ("Kilde: " if len(titles) == 1 else "Kilder: ") + "; ".join(titles) if titles else None


def listing(
    title: str, lines: list[str], records: list[dict], *, empty: str, limit: int = 20, hint=None
) -> list[dict]:
    """A titled list with its sources; at most `limit` lines, then how many were left out."""
    blocks = [section(f"*{title}*")]
    if not lines:
        return blocks + [section(empty)]
    blocks += sections(lines[:limit])
    extra = []
    if len(lines) > limit:
        extra.append(f"… og {len(lines) - limit} til." + (f" {hint}" if hint else ""))
    src = sources_line(records[:limit])
    if src:
        extra.append(src)
    if extra:
        blocks.append(context(extra))
    return blocks


def _fallback(title: str, lines: list[str], empty: str, limit: int) -> str:
    body = "\n".join(lines[:limit]) if lines else empty
    return f"{title}\n{body}"


def deadlines_message(records: list[dict], *, start: date, end: date) -> dict:
    title = f"Frister fra {T.format_date(start)} til {T.format_date(end)}"
    lines = [deadline_line(r) for r in records]
    empty = "Ingen frister i perioden."
    return message(_fallback(title, lines, empty, 20), listing(title, lines, records, empty=empty))


def measures_message(records: list[dict], *, title: str, empty: str) -> dict:
    lines = [measure_line(r) for r in records]
    hint = "Snevre inn med et søkeord, f.eks. `/regionbot tiltak mobildekning`."
    blocks = listing(title, lines, records, empty=empty, hint=hint)
    return message(_fallback(title, lines, empty, 20), blocks)


def meetings_message(records: list[dict], *, today: date) -> dict:
    title = f"Kommende møter (fra {T.format_date(today)})"
    lines = [meeting_line(r) for r in records]
    empty = "Jeg kjenner ingen kommende møter."
    return message(
        _fallback(title, lines, empty, 10), listing(title, lines, records, empty=empty, limit=10)
    )


def unknown_user_message(user_id: str) -> dict:
    text = UNKNOWN_USER.format(user_id=user_id)
    return message(text, [section(text)])


def action_ids(blocks: Iterable[dict]) -> set[str]:
    """The action_ids of the interactive elements (actions blocks and section accessories) that
    Slack sends back as block_actions; input fields of a form come back in the view instead."""
    found: set[str] = set()
    for block in blocks:
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        if block.get("type") == "section" and block.get("accessory"):
            elements = [block["accessory"]]
        found.update(e["action_id"] for e in elements if e.get("action_id"))
    return found
