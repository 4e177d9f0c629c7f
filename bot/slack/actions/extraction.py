"""The buttons under an upload's summary (Lagre, Se over, Bare tekst) and the review form."""

from __future__ import annotations

import json
import logging

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import changes as C
from bot.slack import review as R
from bot.slack.registry import on_action, on_view
from bot.slack.services import Services

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def who(body: dict, client: WebClient):
        return C.actor_for(services, (body.get("user") or {}).get("id") or "", client)

    def save(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        actor = who(body, client)
        result = R.save(
            services.store,
            action.get("value") or "",
            actor,
            services.settings.current_time(),
            origin="slack",
        )
        if not result.ok:
            C.tell(client, body, respond, result.message)
            return
        C.show(client, body, respond, R.result_message(result))

    def text_only(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        result = R.text_only(services.store, action.get("value") or "", who(body, client))
        if not result.ok:
            C.tell(client, body, respond, result.message)
            return
        C.show(client, body, respond, R.result_message(result))

    def review(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        actor = who(body, client)
        if not actor.is_advisor:
            C.tell(client, body, respond, R.NOT_ADVISOR)
            return
        document_id = action.get("value") or ""
        facts = R.pending(services.store, document_id)
        if facts is None:
            C.tell(client, body, respond, R.GONE)
            return
        doc = services.store.document(document_id) or {}
        container = body.get("container") or {}
        view = R.review_view(
            doc.get("title") or document_id,
            facts,
            document_id,
            channel=container.get("channel_id") or "",
            ts=container.get("message_ts") or "",
        )
        try:
            client.views_open(trigger_id=body.get("trigger_id"), view=view)
        except SlackApiError as e:  # the trigger expires after 3 seconds
            log.warning("views.open failed: %s", e.response.get("error"))
            C.tell(client, body, respond, "Jeg fikk ikke åpnet skjemaet. Trykk på «Se over» igjen.")

    def submitted(body: dict, view: dict, client: WebClient) -> None:
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            meta = {}
        document_id = meta.get("document_id") or ""
        actor = who(body, client)
        facts = R.pending(services.store, document_id)
        keys = set(meta.get("keys") or ([i["key"] for i in R.X.items(facts)] if facts else []))
        kept = R.kept_keys((view.get("state") or {}).get("values") or {})
        result = R.save(
            services.store,
            document_id,
            actor,
            services.settings.current_time(),
            unticked=keys - kept,
            origin="slack",
        )
        reply = R.result_message(result)
        channel, ts = meta.get("channel"), meta.get("ts")
        try:
            if result.ok and channel and ts:
                client.chat_update(
                    channel=channel, ts=ts, text=reply["text"], blocks=reply["blocks"]
                )
            else:
                user = (body.get("user") or {}).get("id")
                if user:
                    client.chat_postMessage(
                        channel=user, text=reply["text"], blocks=reply["blocks"]
                    )
        except SlackApiError as e:
            log.error("review result not shown: %s", e.response.get("error"))

    on_action(app, R.SAVE, save)
    on_action(app, R.REVIEW, review)
    on_action(app, R.TEXT_ONLY, text_only)
    on_view(app, R.REVIEW_SUBMIT, submitted)
