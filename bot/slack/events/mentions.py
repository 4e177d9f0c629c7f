"""`@regionbot <question>` in a channel: answered in the question's thread.

A mention inside a thread is a follow-up: the thread's previous question goes to the engine as
context, so "og når er fristen?" is understood.
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering import clean_question, post, previous_question, reply_for
from bot.slack.registry import on_event
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def answer_mention(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or not event.get("user"):
            return
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts") or ts
        prior = None
        if thread_ts != ts:
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

    on_event(app, "app_mention", answer_mention)
