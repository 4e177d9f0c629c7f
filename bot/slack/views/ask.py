"""The question form: the answer goes to the user's DM (a form has no channel to answer in)."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack import blocks as B
from bot.slack.answering import clean_question, post, reply_for
from bot.slack.registry import on_view
from bot.slack.services import Services


def question_of(view: dict) -> str:
    values = (view.get("state") or {}).get("values") or {}
    return clean_question((values.get(B.ASK_BLOCK, {}).get(B.ASK_INPUT) or {}).get("value"))


def register(app: App, services: Services) -> None:
    def check(ack: Ack, view: dict) -> None:
        if not question_of(view):
            ack(response_action="errors", errors={B.ASK_BLOCK: "Skriv et spørsmål."})
        else:
            ack()

    def answer(body: dict, view: dict, client: WebClient) -> None:
        question = question_of(view)
        if not question:
            return
        user = body["user"]["id"]
        reply = reply_for(
            services, client, question=question, user_id=user, channel_id=user, echo_question=True
        )
        post(client, channel=user, thread_ts=None, reply=reply)

    on_view(app, B.ASK_VIEW, answer, ack=check)
