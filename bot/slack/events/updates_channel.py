"""Messages in the updates channel (SLACK_UPDATES_CHANNEL): "T21-4: søknad om mobildekning sendt
15.4., status pågår" from the advisor or an item's owner.

The bot reads the message (bot/update_text.py) and answers in its thread with what it understood
and Lagre / Avbryt; nothing is written until Lagre (bot/slack/actions/updates.py). Messages that
name no item and no status are people talking and are left to the other listeners.
"""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot import update_text
from bot.permission import may
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.answering import clean_question, post
from bot.slack.registry import on_event
from bot.slack.services import Services


def reply_to(services: Services, event: dict, client: WebClient | None) -> dict | None:
    """The bot's answer to a message in the updates channel; None when it is not an update."""
    channel, ts, user = event["channel"], event["ts"], event.get("user") or ""
    now = services.settings.current_time()
    reading = update_text.parse_message(
        clean_question(event.get("text")), now, origin=f"slack:{channel}/{ts}"
    )
    if reading is None:
        return None
    if not reading.ok:
        return U.note(reading.problem or "")
    change = reading.change
    actor = C.actor_for(services, user, client)
    found = C.matches(services, change.target or "", channel, actor)
    if not found:
        return U.note(
            f"Fant ikke «{update_text.short(change.target or '', 80)}». Skriv referansen, "
            "f.eks. T21-4."
        )
    store = services.store
    proposals = []
    for m in found[: U.MAX_CHOICES]:
        row = store.item(m.kind, m.id)
        proposed = change.model_copy(
            update={"target": m.ref, "version": store.version(m.kind, m.id)}
        )
        proposals.append((m, proposed, row))
    if len(found) == 1:
        m, proposed, row = proposals[0]
        reason = may(actor, change.action, m.kind, C.owners_of(m.kind, row), {})
        if reason:
            return U.note(reason)
        try:
            save = update_text.encode(proposed, user)
        except update_text.BadValue:
            return U.note(
                "Meldingen er for lang til at jeg kan lagre den herfra. Gjør den kortere."
            )
        return U.proposal_message(
            proposed, ref=m.ref, title=m.title, day=reading.day, save=save, cancel=user
        )
    what = []
    if change.status:
        what.append(f"status {change.status}")
    if change.comment:
        what.append(f"kommentar «{update_text.short(change.comment, 200)}»")
    try:
        values = [update_text.encode(p, user) for _, p, _ in proposals]
    except update_text.BadValue:
        return U.note("Meldingen er for lang til at jeg kan lagre den herfra. Gjør den kortere.")
    return U.choices_message(
        f"Flere passer til «{update_text.short(change.target or '', 80)}». Hvilken skal få "
        f"{' og '.join(what)}? Det lagres når du velger.",
        [C.choice(m) for m, _, _ in proposals],
        action_id=U.UPDATE_SAVE,
        values=values,
        cancel=user,
    )


def register(app: App, services: Services) -> None:
    def is_update(event: dict) -> bool:
        channel = services.settings.slack_updates_channel
        if not channel or event.get("channel") != channel:
            return False
        if event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return False
        now = services.settings.current_time()
        return update_text.parse_message(clean_question(event.get("text")), now) is not None

    def answer(event: dict, client: WebClient) -> None:
        reply = reply_to(services, event, client)
        if reply is not None:
            post(
                client,
                channel=event["channel"],
                thread_ts=event.get("thread_ts") or event["ts"],
                reply=reply,
            )

    on_event(
        app,
        "message",
        answer,
        manifest_names=("message.channels", "message.groups"),
        matchers=[is_update],
    )
