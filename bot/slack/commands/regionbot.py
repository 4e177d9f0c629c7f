"""`/regionbot [hjelp | frister [dager] | tiltak [mine|<søk>] | møter | <spørsmål>]`.

Anything that is not a subcommand is a question, so people can simply ask; only an empty command
or input with nothing to ask gets the usage. Responses are ephemeral: a command is a private
look-up, not something to post in the channel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot import lookup
from bot import text as T
from bot.lookup import measures_of
from bot.slack import blocks as B
from bot.slack.access import shown_here
from bot.slack.answering import clean_question, reply_for
from bot.slack.registry import on_command
from bot.slack.services import Services

COMMAND = "/regionbot"
DEFAULT_DAYS = 30
MAX_DAYS = 3650

_DAYS = re.compile(r"^(\d{1,6})(?:\s*(?:dager|dag|d))?$")


@dataclass(frozen=True)
class Invocation:
    """What a subcommand handler gets: who asked where, the words after the subcommand, and the
    trigger id a modal needs."""

    services: Services
    client: WebClient | None
    rest: str
    user_id: str
    channel_id: str
    trigger_id: str | None = None


# Subcommands of the other services (oppdater, historikk, påminnelser, agenda, ...), keyed by their
# folded first word. Each returns the reply message, or None when it answered another way (a modal).
SUBCOMMANDS: dict[str, Callable[[Invocation], dict | None]] = {}


def subcommand(*words: str) -> Callable:
    def register(handler: Callable[[Invocation], dict | None]) -> Callable:
        for word in words:
            SUBCOMMANDS[T.fold(word)] = handler
        return handler

    return register


@dataclass(frozen=True)
class Parsed:
    """A parsed command: `kind` is help, usage, deadlines, measures, meetings or question."""

    kind: str
    arg: str | int | None = None


def parse(text: str | None) -> Parsed:
    text = " ".join((text or "").split())
    if not text:
        return Parsed("help")
    if not re.search(r"\w", text):
        return Parsed("usage", f"Jeg forstod ikke «{text}».")
    first, _, rest = text.partition(" ")
    word = T.fold(first)
    if word in ("hjelp", "help", "?"):
        return Parsed("help")
    if word in SUBCOMMANDS:
        return Parsed("sub", (word, rest))
    if word in ("frister", "frist"):
        if not rest:
            return Parsed("deadlines", DEFAULT_DAYS)
        m = _DAYS.match(T.fold(rest))
        if m:
            days = int(m[1])
            if not 1 <= days <= MAX_DAYS:
                return Parsed("usage", f"Antall dager må være mellom 1 og {MAX_DAYS}.")
            return Parsed("deadlines", days)
        if re.match(r"^[-+]?\d", rest):
            return Parsed("usage", f"Jeg forstod ikke «{rest}» som et antall dager.")
        return Parsed("question", text)  # "frister i mai?" is a question the engine answers
    if word == "tiltak":
        if not rest:
            return Parsed("measures", None)
        if T.fold(rest) in ("mine", "mine tiltak", "meg"):
            return Parsed("measures", "mine")
        return Parsed("measures", rest)
    if word in ("moter", "mote") and not rest:
        return Parsed("meetings")
    return Parsed("question", text)


def run(
    services: Services,
    client: WebClient | None,
    parsed: Parsed,
    *,
    user_id: str,
    channel_id: str,
    trigger_id: str | None = None,
) -> dict | None:
    """The response to a parsed command, as a message (text and blocks); None when a subcommand
    answered another way (it opened a modal)."""
    store, settings = services.store, services.settings
    if parsed.kind == "sub":
        word, rest = parsed.arg
        return SUBCOMMANDS[word](
            Invocation(services, client, rest, user_id, channel_id, trigger_id)
        )
    today = settings.current_time().date()
    if parsed.kind == "help":
        return B.usage_message()
    if parsed.kind == "usage":
        return B.usage_message(str(parsed.arg))
    if parsed.kind == "question":
        return reply_for(
            services, client, question=str(parsed.arg), user_id=user_id, channel_id=channel_id
        )
    person = services.people.person(user_id, client)

    shown = shown_here(channel_id, person, settings.private_channels)

    if parsed.kind == "deadlines":
        end = today + timedelta(days=int(parsed.arg or DEFAULT_DAYS))
        records = shown(lookup.deadlines(store, today, end))
        return B.deadlines_message(records, start=today, end=end)
    if parsed.kind == "meetings":
        return B.meetings_message(shown(lookup.meetings(store, today, None)), today=today)
    if parsed.kind == "measures":
        if parsed.arg == "mine":
            if person is None:
                return B.unknown_user_message(user_id)
            return B.measures_message(
                shown(measures_of(store, person)),
                title=f"Tiltak {person.name} har ansvar for",
                empty="Ingen tiltak står på deg.",
            )
        if parsed.arg:
            return B.measures_message(
                shown(lookup.measures(store, query=str(parsed.arg))),
                title=f"Tiltak om «{parsed.arg}»",
                empty=f"Fant ingen tiltak om «{parsed.arg}».",
            )
        return B.measures_message(
            shown(lookup.measures(store)), title="Alle tiltak", empty="Jeg kjenner ingen tiltak."
        )
    raise ValueError(f"unknown command kind {parsed.kind}")


def register(app: App, services: Services) -> None:
    def run_command(command: dict, respond: Respond, client: WebClient) -> None:
        reply = run(
            services,
            client,
            parse(clean_question(command.get("text"))),
            user_id=command["user_id"],
            channel_id=command.get("channel_id") or "",
            trigger_id=command.get("trigger_id"),
        )
        if reply is None:
            return
        respond(
            text=reply["text"],
            blocks=reply["blocks"],
            response_type="ephemeral",
            replace_original=False,
        )

    on_command(app, COMMAND, run_command)
