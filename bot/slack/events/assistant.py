"""The assistant side panel (where the workspace offers it): suggested prompts in Norwegian, a
"tenker …" status while the answer is made, then the answer in the panel's thread.

Bolt's `Assistant` middleware takes the panel's events and the DM thread messages before the plain
message listener sees them.
"""

from __future__ import annotations

import logging

from slack_bolt import App, Assistant, BoltContext, Say, SetStatus, SetSuggestedPrompts
from slack_sdk import WebClient

from bot.slack import blocks as B
from bot.slack.answering import clean_question, post, previous_question, reply_for
from bot.slack.registry import note_events
from bot.slack.services import Services

log = logging.getLogger(__name__)

THINKING = "tenker …"


def _ack(ack) -> None:
    ack()


def register(app: App, services: Services) -> None:
    assistant = Assistant()

    def greet(say: Say, set_suggested_prompts: SetSuggestedPrompts) -> None:
        say(B.assistant_greeting())
        set_suggested_prompts(prompts=B.suggested_prompts(), title="Du kan for eksempel spørre:")

    def keep_no_context() -> None:
        """The channel the user is looking at does not change the answers; Bolt's default would
        store it in message metadata (two API calls per change) for nothing."""

    def answer(event: dict, client: WebClient, context: BoltContext, set_status: SetStatus) -> None:
        channel, ts, thread_ts = event["channel"], event["ts"], event["thread_ts"]
        try:
            set_status(THINKING)
        except Exception as e:  # a DM thread outside the panel has no status to set
            log.debug("assistant.threads.setStatus failed: %s", e)
        prior, _ = previous_question(
            client,
            channel=channel,
            thread_ts=thread_ts,
            before_ts=ts,
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
        )
        reply = reply_for(
            services,
            client,
            question=clean_question(event.get("text")),
            user_id=event["user"],
            channel_id=channel,
            context=prior,
        )
        post(client, channel=channel, thread_ts=thread_ts, reply=reply)

    assistant.thread_started(lazy=[greet])(_ack)
    assistant.thread_context_changed(keep_no_context)
    assistant.user_message(lazy=[answer])(_ack)
    app.use(assistant)
    note_events(app, "assistant_thread_started", "assistant_thread_context_changed")
