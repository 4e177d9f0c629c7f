"""Buttons on changes: Lagre / Avbryt on what the bot understood, Angre on what it saved, and the
buttons that pick one item out of several (to change it, see its history or open its form).

Nothing is written before Lagre. The proposal rides in the button's value, with the Slack user who
proposed it: only they can save it, and the write service checks again whether they may. After
each click the message is replaced (chat.update, or the response URL for an ephemeral reply), so
the thread shows what happened and a button cannot be used twice for the same thing.
"""

from __future__ import annotations

import logging

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot import refs, update_text, updates
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.commands import updates as commands
from bot.slack.registry import on_action
from bot.slack.services import Services

log = logging.getLogger(__name__)


def _origin(body: dict, fallback: str | None) -> str | None:
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    return fallback or (f"slack:{channel}/{ts}" if channel and ts else None)


def save(services: Services, body: dict, value: str, client: WebClient, respond: Respond) -> None:
    user = (body.get("user") or {}).get("id") or ""
    try:
        change, author = update_text.decode(value)
    except update_text.BadValue:
        C.tell(client, body, respond, "Knappen er utdatert eller ødelagt. Skriv endringen på nytt.")
        return
    if user != author:
        C.tell(client, body, respond, "Bare den som skrev endringen kan lagre den.")
        return
    actor = C.actor_for(services, user, client)
    store = services.store
    found = refs.resolve(store, change.target or "")
    if len(found) == 1 and change.version is not None:
        m = found[0]
        if store.version(m.kind, m.id) != change.version:
            C.show(
                client,
                body,
                respond,
                U.note(
                    f"{m.ref} er endret siden forslaget ble laget (kanskje er det alt lagret), "
                    "så jeg lagret ikke dette. Skriv endringen på nytt om den fortsatt trengs."
                ),
            )
            return
    change = change.model_copy(update={"origin": _origin(body, change.origin)})
    result = C.apply(services, change, actor)
    C.show(client, body, respond, U.result_message(result, undo=result.batch))


def cancel(services: Services, body: dict, value: str, client: WebClient, respond: Respond) -> None:
    user = (body.get("user") or {}).get("id") or ""
    if user != value and not C.actor_for(services, user, client).is_advisor:
        C.tell(client, body, respond, "Bare den som skrev endringen kan avbryte den.")
        return
    C.show(client, body, respond, U.cancelled_message())


def undo(services: Services, body: dict, value: str, client: WebClient, respond: Respond) -> None:
    user = (body.get("user") or {}).get("id") or ""
    actor = C.actor_for(services, user, client)
    change = updates.Change(action="undo", undo=value[:100] or None, origin=_origin(body, None))
    result = C.apply(services, change, actor)
    if result.ok:
        C.show(client, body, respond, U.result_message(result))
    else:
        C.tell(client, body, respond, "⚠️ " + U.B.escape(result.message))


def register(app: App, services: Services) -> None:
    def clicked(handler):
        def listener(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
            handler(services, body, action.get("value") or "", client, respond)

        return listener

    def pick_history(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        user = (body.get("user") or {}).get("id") or ""
        actor = C.actor_for(services, user, client)
        channel = (body.get("container") or {}).get("channel_id") or ""
        found = C.matches(services, action.get("value") or "", channel, actor)
        if len(found) != 1:
            C.tell(client, body, respond, "Fant ikke det du valgte. Skriv referansen på nytt.")
            return
        C.show(client, body, respond, commands.history_of(services, found[0]))

    def pick_edit(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        user = (body.get("user") or {}).get("id") or ""
        actor = C.actor_for(services, user, client)
        channel = (body.get("container") or {}).get("channel_id") or ""
        found = C.matches(
            services, action.get("value") or "", channel, actor, kinds=commands.item_form.KINDS
        )
        if len(found) != 1:
            C.tell(client, body, respond, "Fant ikke det du valgte. Skriv referansen på nytt.")
            return
        reply = commands.edit_form(
            services, client, body.get("trigger_id"), found[0], actor, channel
        )
        if reply is not None:
            C.tell(client, body, respond, reply["text"])

    on_action(app, U.UPDATE_SAVE, clicked(save))
    on_action(app, U.UPDATE_CANCEL, clicked(cancel))
    on_action(app, U.UPDATE_UNDO, clicked(undo))
    on_action(app, U.HISTORY_PICK, pick_history)
    on_action(app, U.EDIT_PICK, pick_edit)
