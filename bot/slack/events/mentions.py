"""`@regionbot <question>` in a channel: answered in the question's thread.

A mention inside a thread is a follow-up: the thread's previous question goes to the engine as
context, so "og når er fristen?" is understood.
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering import answer_event
from bot.slack.registry import on_event
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def answer_mention(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or not event.get("user"):
            return
        answer_event(
            services,
            client,
            event,
            thread_ts=event.get("thread_ts") or event["ts"],
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
        )

    on_event(app, "app_mention", answer_mention)
