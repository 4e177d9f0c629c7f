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
from bot.slack.answering import answer_event
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
        thread_ts = event["thread_ts"]
        try:
            set_status(THINKING)
        except Exception as e:  # a DM thread outside the panel has no status to set
            log.debug("assistant.threads.setStatus failed: %s", e)
        answer_event(
            services,
            client,
            event,
            thread_ts=thread_ts,
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
        )

    assistant.thread_started(lazy=[greet])(_ack)
    assistant.thread_context_changed(keep_no_context)
    assistant.user_message(lazy=[answer])(_ack)
    app.use(assistant)
    note_events(app, "assistant_thread_started", "assistant_thread_context_changed")
