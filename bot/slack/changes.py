"""What the Slack surfaces that change things share: who the Slack user is as an actor, which
items they may see here, the clock and undo window for `updates.apply`, and showing a reply where
the click came from (chat.update for a message in a channel, the response URL for an ephemeral).

The decisions (what may be changed, by whom) stay in bot/updates.py and bot/permission.py; this
module only translates Slack into those calls.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import items as I
from bot import refs, updates
from bot.permission import Actor, actor_from_person
from bot.slack.access import may_show_intern
from bot.slack.services import Services
from bot.store.items import ItemRecord

log = logging.getLogger(__name__)


def actor_for(services: Services, user_id: str, client: WebClient | None = None) -> Actor:
    """The actor behind a Slack user, found the way every surface finds people (people.yaml's
    Slack id, or the e-mail address when SLACK_LOOKUP_BY_EMAIL is on)."""
    return actor_from_person(services.people.person(user_id, client), slack_user_id=user_id)


def item_access(services: Services, kind: str, item_id: str) -> str:
    item = services.store.item(kind, item_id)
    doc = services.store.document(item.document_id) if item and item.document_id else None
    return (doc or {}).get("access") or "offentlig"


def may_see(services: Services, kind: str, item_id: str, channel_id: str, actor: Actor) -> bool:
    """Items of an `intern` document are named only where intern content may be shown."""
    if item_access(services, kind, item_id) != "intern":
        return True
    return may_show_intern(
        channel_id,
        member=actor.access != "guest",
        private_channels=services.settings.private_channels,
    )


def matches(
    services: Services, target: str, channel_id: str, actor: Actor, kinds=I.KINDS
) -> list[refs.Match]:
    """The items `target` names that may be shown in this channel to this person."""
    found = refs.resolve(services.store, target, kinds)
    return [m for m in found if may_see(services, m.kind, m.id, channel_id, actor)]


def owners_of(kind: str, item: ItemRecord | None) -> list[str]:
    """The owner names permission is checked against (as bot/updates.py does)."""
    return I.owner_names(kind, item)


def choice(m: refs.Match) -> dict:
    return {"kind": m.kind, "id": m.id, "ref": m.ref, "title": m.title}


def apply(services: Services, change: updates.Change, actor: Actor) -> updates.Result:
    settings = services.settings
    return updates.apply(
        services.store,
        change,
        actor,
        settings.current_time(),
        undo_hours=settings.undo_hours,
    )


def show(client: WebClient, body: dict, respond, reply: dict) -> None:
    """Replace the message a button was clicked on with `reply`."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts")
    if container.get("is_ephemeral") or not (channel and ts):
        respond(
            text=reply["text"],
            blocks=reply["blocks"],
            response_type="ephemeral",
            replace_original=True,
        )
        return
    try:
        client.chat_update(channel=channel, ts=ts, text=reply["text"], blocks=reply["blocks"])
    except SlackApiError as e:
        log.error("chat.update in %s failed: %s", channel, e.response.get("error"))


def tell(client: WebClient, body: dict, respond, text: str) -> None:
    """A private word to the one who clicked, leaving the message as it is."""
    user = (body.get("user") or {}).get("id") or ""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    if container.get("is_ephemeral") or not channel:
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    try:
        client.chat_postEphemeral(
            channel=channel, user=user, text=text, thread_ts=container.get("thread_ts")
        )
    except SlackApiError as e:
        log.warning("chat.postEphemeral failed: %s", e.response.get("error"))
