"""The Home tab's "Still et spørsmål" button: opens the question form (views.open)."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks as B
from bot.slack import home_blocks as H
from bot.slack.registry import on_action
from bot.slack.services import Services

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def open_form(body: dict, client: WebClient) -> None:
        try:
            client.views_open(trigger_id=body["trigger_id"], view=H.ask_modal())
        except SlackApiError as e:  # the trigger expires after 3 seconds
            log.warning("views.open failed: %s", e.response.get("error"))

    on_action(app, B.HOME_ASK, open_form)
