"""The button under a file shared in a DM ("Legg inn i kunnskapsbasen"): opens the upload form."""

from __future__ import annotations

import logging

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack import uploads
from bot.slack.registry import on_action
from bot.slack.services import Services
from bot.slack.views import upload_form

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def start(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        actor = C.actor_for(services, (body.get("user") or {}).get("id") or "", client)
        if not uploads.may_ingest(actor):
            C.tell(client, body, respond, uploads.REFUSAL)
            return
        try:
            file = uploads.SharedFile.load(action.get("value") or "")
        except uploads.UploadError as exc:
            C.tell(client, body, respond, str(exc))
            return
        container = body.get("container") or {}
        view = upload_form.form(
            file,
            today=services.settings.current_time().date(),
            channel=container.get("channel_id") or "",
            ts=container.get("message_ts") or "",
        )
        try:
            client.views_open(trigger_id=body.get("trigger_id"), view=view)
        except SlackApiError as e:  # the trigger expires after 3 seconds
            log.warning("views.open failed: %s", e.response.get("error"))
            C.tell(client, body, respond, "Jeg fikk ikke åpnet skjemaet. Trykk på knappen igjen.")

    on_action(app, U.UPLOAD_START, start)
