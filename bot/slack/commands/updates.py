"""`/regionbot oppdater | historikk | ny | endre`: changing the store from the slash command.

`oppdater` applies at once (the command is the confirmation) and offers Angre; when the words fit
several items, each is listed with its reference and a button that applies the change to it.
`ny` and `endre` open the item form (bot/slack/views/item_form.py). Items of intern documents are
named only where intern content may be shown.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot import update_text
from bot.permission import may
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.commands.regionbot import Invocation, subcommand
from bot.slack.views import item_form

log = logging.getLogger(__name__)

FORM_KINDS = {"tiltak": "measure", "frist": "deadline"}


def _not_found(target: str) -> dict:
    return U.note(f"Fant ikke «{update_text.short(target, 80)}». Skriv referansen, f.eks. T21-4.")


@subcommand("oppdater")
def update(inv: Invocation) -> dict:
    reading = update_text.parse_command(inv.rest, origin=f"slack:{inv.channel_id}/kommando")
    if not reading.ok:
        return U.note(reading.problem or "")
    change = reading.change
    actor = C.actor_for(inv.services, inv.user_id, inv.client)
    found = C.matches(inv.services, change.target or "", inv.channel_id, actor)
    if not found:
        return _not_found(change.target or "")
    store = inv.services.store
    if len(found) > 1:
        try:
            values = [
                update_text.encode(
                    change.model_copy(
                        update={"target": m.ref, "version": store.version(m.kind, m.id)}
                    ),
                    inv.user_id,
                )
                for m in found[: U.MAX_CHOICES]
            ]
        except update_text.BadValue:
            return U.note("Kommentaren er for lang til en knapp. Skriv referansen i stedet.")
        return U.choices_message(
            f"Flere passer til «{update_text.short(change.target or '', 80)}». Hvilken mener du?",
            [C.choice(m) for m in found[: U.MAX_CHOICES]],
            action_id=U.UPDATE_SAVE,
            values=values,
        )
    result = C.apply(inv.services, change.model_copy(update={"target": found[0].id}), actor)
    return U.result_message(result, undo=result.batch)


@subcommand("historikk", "historie")
def history(inv: Invocation) -> dict:
    target = " ".join(inv.rest.split())
    if not target:
        return U.note("Skriv referansen, f.eks. `/regionbot historikk T21-4`.")
    actor = C.actor_for(inv.services, inv.user_id, inv.client)
    found = C.matches(inv.services, target, inv.channel_id, actor)
    if not found:
        return _not_found(target)
    if len(found) > 1:
        shown = found[: U.MAX_CHOICES]
        return U.choices_message(
            f"Flere passer til «{update_text.short(target, 80)}». Hvilken mener du?",
            [C.choice(m) for m in shown],
            action_id=U.HISTORY_PICK,
            values=[m.ref for m in shown],
        )
    return history_of(inv.services, found[0])


def history_of(services, match) -> dict:
    return U.history_message(match.ref, match.title, services.store.history(match.kind, match.id))


@subcommand("ny", "nytt")
def new(inv: Invocation) -> dict | None:
    kind = FORM_KINDS.get(" ".join(inv.rest.lower().split()))
    if kind is None:
        return U.note(
            "Skriv hva som skal lages: `/regionbot ny tiltak` eller `/regionbot ny frist`."
        )
    actor = C.actor_for(inv.services, inv.user_id, inv.client)
    reason = may(actor, "create", kind, [], {})
    if reason:
        return U.note(reason)
    view = item_form.form(inv.services.store, kind, channel_id=inv.channel_id)
    return open_form(inv.client, inv.trigger_id, view)


@subcommand("endre")
def edit(inv: Invocation) -> dict | None:
    target = " ".join(inv.rest.split())
    if not target:
        return U.note("Skriv referansen, f.eks. `/regionbot endre T21-4`.")
    actor = C.actor_for(inv.services, inv.user_id, inv.client)
    found = C.matches(inv.services, target, inv.channel_id, actor, kinds=item_form.KINDS)
    if not found:
        return _not_found(target)
    if len(found) > 1:
        shown = found[: U.MAX_CHOICES]
        return U.choices_message(
            f"Flere passer til «{update_text.short(target, 80)}». Hvilken vil du endre?",
            [C.choice(m) for m in shown],
            action_id=U.EDIT_PICK,
            values=[m.ref for m in shown],
        )
    return edit_form(inv.services, inv.client, inv.trigger_id, found[0], actor, inv.channel_id)


def edit_form(services, client, trigger_id, match, actor, channel_id: str) -> dict | None:
    """Open the form for one item, pre-filled and carrying its version; or say why not."""
    row = services.store.item(match.kind, match.id)
    reason = may(actor, "edit", match.kind, C.owners_of(match.kind, row), {})
    if reason:
        return U.note(reason)
    view = item_form.form(
        services.store,
        match.kind,
        row=row,
        ref=match.ref,
        version=services.store.version(match.kind, match.id),
        channel_id=channel_id,
    )
    return open_form(client, trigger_id, view)


def open_form(client, trigger_id: str | None, view: dict) -> dict | None:
    if client is None or not trigger_id:
        return U.note("Skjemaet kan bare åpnes fra Slack.")
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as e:  # the trigger expires after 3 seconds
        log.warning("views.open failed: %s", e.response.get("error"))
        return U.note("Jeg fikk ikke åpnet skjemaet. Prøv kommandoen en gang til.")
    return None
