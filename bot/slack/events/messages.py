"""Plain messages: a direct message to the bot is a question; in a channel, a reply in a thread
where the bot has answered is a follow-up. Everything else in channels is people talking to each
other and is left alone.
"""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import text as T
from bot.slack.answering import answer_event, previous_question
from bot.slack.registry import MESSAGE_EVENTS, on_event
from bot.slack.services import Services

# A question may come with a file, or as a thread reply also sent to the channel.
ASKING_SUBTYPES = (None, "file_share", "thread_broadcast")

# Replies in a thread that thank or acknowledge rather than ask.
_CHATTER = re.compile(
    r"^(takk|tusen takk|takker|ok|okei|flott|supert?|bra|fint|topp|den er grei|skjønner|"
    r"forstått|thanks?|ja|nei)\W*$"
)


def is_chatter(text: str) -> bool:
    """A thread reply that needs no answer: thanks, 'ok', or only emoji."""
    cleaned = T.collapse(re.sub(r":[a-z0-9_+\-]+:", " ", text)).lower().strip()
    return not re.search(r"\w", cleaned) or bool(_CHATTER.match(cleaned))


def register(app: App, services: Services) -> None:
    def answer_message(event: dict, client: WebClient, context: BoltContext) -> None:
        # Edits, deletions, joins and other bots' messages are not questions.
        if event.get("subtype") not in ASKING_SUBTYPES or event.get("bot_id"):
            return
        if not event.get("user"):
            return
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")
        in_thread = bool(thread_ts) and thread_ts != ts
        text = event.get("text") or ""
        kind = event.get("channel_type")
        prior = None
        if kind in ("channel", "group"):
            if not in_thread or is_chatter(text):
                return
            if context.bot_user_id and f"<@{context.bot_user_id}" in text:
                return  # a mention: the app_mention listener answers it
            prior, bot_in_thread = previous_question(
                client,
                channel=channel,
                thread_ts=thread_ts,
                before_ts=ts,
                bot_user_id=context.bot_user_id,
                bot_id=context.bot_id,
            )
            if not bot_in_thread:
                return
        elif kind != "im":
            return
        answer_event(
            services,
            client,
            event,
            thread_ts=thread_ts,
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
            prior=prior,
            look_back=kind == "im",
        )

    on_event(app, "message", answer_message, manifest_names=MESSAGE_EVENTS)
