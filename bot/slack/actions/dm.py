""" "Svar meg på DM": an internal answer asked for in a public channel, sent where it may be read."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import blocks as B
from bot.slack.answering import post, reply_for
from bot.slack.registry import on_action
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def answer_in_dm(body: dict, action: dict, client: WebClient) -> None:
        user = body["user"]["id"]
        # chat.postMessage to a user id posts in the user's DM with the app (no im:write needed).
        reply = reply_for(
            services,
            client,
            question=action.get("value") or "",
            user_id=user,
            channel_id=user,
            echo_question=True,
        )
        post(client, channel=user, thread_ts=None, reply=reply)

    on_action(app, B.ANSWER_IN_DM, answer_in_dm)
