"""Block Kit builders for the App Home tab and the question form it opens: pure functions, like
those in `blocks`, kept apart because the Home tab is a page of its own rather than a message."""

from __future__ import annotations

from datetime import date

from bot import text as T
from bot.slack.blocks import (
    ASK_BLOCK,
    ASK_INPUT,
    ASK_VIEW,
    HOME_ASK,
    UNKNOWN_USER,
    VIEW_BLOCKS,
    button,
    context,
    deadline_line,
    escape,
    header,
    listing,
    measure_line,
    meeting_line,
    plain,
    section,
)


def ask_button() -> dict:
    return {
        "type": "actions",
        "block_id": "home_actions",
        "elements": [button("Still et spørsmål", HOME_ASK, "ask", style="primary")],
    }


def home_view(
    *,
    name: str | None,
    user_id: str,
    measures: list[dict],
    deadlines: list[dict],
    meetings: list[dict],
    today: date,
) -> dict:
    """The App Home tab: a known member's measures, deadlines and the next meetings; for someone
    the bot cannot place, how to get mapped (and the meetings, which are public)."""
    blocks: list[dict] = [header("Regionbot")]
    if name:
        blocks.append(
            section(
                f"Hei, {escape(name)}! Her er tiltakene og fristene dine per "
                f"{T.format_date(today)}, og de neste møtene."
            )
        )
    else:
        blocks.append(section(UNKNOWN_USER.format(user_id=user_id)))
    blocks.append(ask_button())
    if name:
        blocks += [{"type": "divider"}, header("Dine tiltak")]
        blocks += listing(
            "Tiltak du har ansvar for",
            [measure_line(r) for r in measures],
            measures,
            empty="Ingen tiltak står på deg.",
            limit=15,
        )
        blocks += [{"type": "divider"}, header("Dine frister")]
        blocks += listing(
            "Kommende frister",
            [deadline_line(r) for r in deadlines],
            deadlines,
            empty="Ingen kommende frister står på deg.",
            limit=15,
        )
    blocks += [{"type": "divider"}, header("Neste møter")]
    blocks += listing(
        "Kommende møter",
        [meeting_line(r) for r in meetings],
        meetings,
        empty="Jeg kjenner ingen kommende møter.",
        limit=5,
    )
    blocks.append(context(["Spør meg gjerne her i meldingsfanen eller med `/regionbot`."]))
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def ask_modal() -> dict:
    return {
        "type": "modal",
        "callback_id": ASK_VIEW,
        "title": plain("Spør regionbot"),
        "submit": plain("Spør"),
        "close": plain("Avbryt"),
        "blocks": [
            {
                "type": "input",
                "block_id": ASK_BLOCK,
                "label": plain("Spørsmål"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ASK_INPUT,
                    "multiline": True,
                    "max_length": 1000,
                    "placeholder": plain("F.eks. Hvem har ansvar for mobildekning?"),
                },
            },
            context(["Svaret kommer på direktemelding fra meg."]),
        ],
    }
