"""The posted agenda's buttons: Meld forfall opens the absence form (reason optional); Trekk
forfall withdraws an absence at once. Both are written through bot/updates.py."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import updates
from bot.slack import agenda_blocks as AB
from bot.slack import changes as C
from bot.slack.registry import on_action
from bot.slack.services import Services
from bot.slack.views.meetings import tell_advisors

log = logging.getLogger(__name__)


def _meeting_id(body: dict) -> str:
    return ((body.get("actions") or [{}])[0].get("value") or "").strip()


def register(app: App, services: Services) -> None:
    def open_absence(body: dict, client: WebClient, respond) -> None:
        meeting = services.store.item("meeting", _meeting_id(body))
        if meeting is None:
            C.tell(client, body, respond, "Fant ikke møtet.")
            return
        try:
            client.views_open(trigger_id=body["trigger_id"], view=AB.absence_modal(meeting))
        except SlackApiError as e:  # the trigger expires after 3 seconds
            log.warning("views.open failed: %s", e.response.get("error"))
            C.tell(client, body, respond, "Jeg fikk ikke åpnet skjemaet. Prøv igjen.")

    def withdraw(body: dict, client: WebClient, respond) -> None:
        user = (body.get("user") or {}).get("id") or ""
        actor = C.actor_for(services, user, client)
        meeting_id = _meeting_id(body)
        result = updates.report_absence(
            services.store,
            meeting_id,
            actor,
            services.settings.current_time(),
            withdraw=True,
            origin=f"slack:{(body.get('channel') or {}).get('id') or ''}/knapp",
        )
        C.tell(client, body, respond, ("✅ " if result.ok else "⚠️ ") + result.message)
        if result.ok:
            tell_advisors(services, client, meeting_id, actor.name, withdrawn=True)

    on_action(app, AB.ABSENCE, open_absence)
    on_action(app, AB.ABSENCE_WITHDRAW, withdraw)
