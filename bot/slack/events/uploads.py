"""A file shared with the bot in a DM: from the advisor, an offer to put it into the knowledge base
(a button that opens the form); from anyone else, a polite refusal. Nothing is ingested here."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack import uploads
from bot.slack.answering import post
from bot.slack.registry import on_event
from bot.slack.services import Services

MAX_FILES = 5


def replies(services: Services, event: dict, client: WebClient | None) -> list[dict]:
    """What the bot answers to the files of one message."""
    actor = C.actor_for(services, event.get("user") or "", client)
    if not uploads.may_ingest(actor):
        return [U.note(uploads.REFUSAL)]
    out = []
    for raw in (event.get("files") or [])[:MAX_FILES]:
        file = uploads.SharedFile.of(raw if isinstance(raw, dict) else {})
        problem = uploads.problem(file, services.settings)
        out.append(U.note(problem) if problem else U.upload_offer(file.name, file.dump()))
    return out


def register(app: App, services: Services) -> None:
    def is_file_in_dm(event: dict) -> bool:
        return (
            event.get("channel_type") == "im"
            and event.get("subtype") == "file_share"
            and bool(event.get("files"))
            and not event.get("bot_id")
            and bool(event.get("user"))
        )

    def answer(event: dict, client: WebClient) -> None:
        for reply in replies(services, event, client):
            post(client, channel=event["channel"], thread_ts=None, reply=reply)

    on_event(app, "message", answer, manifest_names=("message.im",), matchers=[is_file_in_dm])
