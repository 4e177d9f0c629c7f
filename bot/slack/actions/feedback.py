"""👍/👎 on an answer: stored with store.record_feedback (the evaluation reads it), thanked with an
ephemeral message so the click visibly did something."""

from __future__ import annotations

import logging

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks as B
from bot.slack.registry import on_action
from bot.slack.services import Services

log = logging.getLogger(__name__)

VOTES = {B.FEEDBACK_UP: "up", B.FEEDBACK_DOWN: "down"}


def register(app: App, services: Services) -> None:
    def record(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        user = body["user"]["id"]
        container = body.get("container") or {}
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        logged = services.answers.get(action.get("value") or "") or {}
        services.store.record_feedback(
            user=user,
            channel=channel,
            question=logged.get("question", ""),
            answer=logged.get("answer") or message.get("text", ""),
            vote=VOTES[action["action_id"]],
            now=services.settings.current_time(),
        )
        if container.get("is_ephemeral") or not channel:
            respond(text=B.thanks_text(), response_type="ephemeral", replace_original=False)
            return
        try:
            client.chat_postEphemeral(
                channel=channel,
                user=user,
                text=B.thanks_text(),
                thread_ts=message.get("thread_ts") or container.get("thread_ts"),
            )
        except SlackApiError as e:
            log.warning("chat.postEphemeral failed: %s", e.response.get("error"))

    for action_id in VOTES:
        on_action(app, action_id, record)
