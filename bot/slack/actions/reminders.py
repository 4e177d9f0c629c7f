"""The buttons of a reminder DM, and the App Home's pause switch.

**Ferdig** sets the status `ferdig`; **Utsett en uke** opens a form asking why, then moves the due
date a week (`updates.postpone`); **Oppdater status** opens a form with status and comment. Every
write goes through bot/updates.py as the clicking user, so permission and audit are the write
service's: a non-owner gets a polite refusal and nothing changes. After a change the reminder is
edited in place (through the outbox, which keeps what the message shows) to say what was done and
by whom.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import items as I
from bot import outbox, updates
from bot import reminders as R
from bot import text as T
from bot.permission import actor_from_person, may
from bot.slack import reminder_blocks as RB
from bot.slack.registry import on_action, on_view
from bot.slack.services import Services

log = logging.getLogger(__name__)

SORRY = "Beklager – {message} Ingenting er endret."


def register(app: App, services: Services) -> None:
    store, settings = services.store, services.settings

    def actor_of(user_id: str, client: WebClient | None):
        person = services.people.person(user_id, client)
        return actor_from_person(person, slack_user_id=user_id)

    def where(body: dict) -> tuple[str, str]:
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        ts = (body.get("message") or {}).get("ts") or container.get("message_ts") or ""
        return channel, ts

    def refuse(client: WebClient, channel: str, user: str, message: str) -> None:
        try:
            client.chat_postEphemeral(
                channel=channel or user, user=user, text=SORRY.format(message=message)
            )
        except SlackApiError as e:
            log.warning("chat.postEphemeral failed: %s", e.response.get("error"))

    def show(client: WebClient, body_blocks, channel, ts, kind, item_id, note) -> None:
        """The reminder with the item's buttons replaced by what was done."""
        row = store.outbox_by_message(channel, ts) if channel and ts else None
        now = settings.current_time()
        if row:
            blocks = RB.after_click(row["blocks"], kind, item_id, note)
            outbox.update(store, client, row["key"], row["text"], blocks, now)
            return
        if not (channel and ts and body_blocks):
            return
        try:
            client.chat_update(
                channel=channel,
                ts=ts,
                text=note,
                blocks=RB.after_click(body_blocks, kind, item_id, note),
            )
        except SlackApiError as e:
            log.warning("chat.update failed: %s", e.response.get("error"))

    def done(body: dict, action: dict, client: WebClient) -> None:
        item = RB.parse_value(action.get("value"))
        user = body["user"]["id"]
        channel, ts = where(body)
        if item is None:
            refuse(client, channel, user, "jeg forstod ikke hvilken sak knappen gjelder.")
            return
        kind, item_id = item
        actor = actor_of(user, client)
        now = settings.current_time()
        change = updates.Change(
            action="status",
            kind=kind,
            target=item_id,
            status="ferdig",
            origin=f"slack:{channel}/{ts}",
        )
        result = updates.apply(store, change, actor, now)
        if not result.ok:
            refuse(client, channel, user, result.message)
            return
        note = RB.done_note("ferdig", actor.name, now.astimezone(settings.tz))
        show(client, (body.get("message") or {}).get("blocks"), channel, ts, kind, item_id, note)

    def open_form(body: dict, action: dict, client: WebClient, postpone: bool) -> None:
        item = RB.parse_value(action.get("value"))
        user = body["user"]["id"]
        channel, ts = where(body)
        row = store.item(*item) if item and item[0] in I.KINDS else None
        if row is None:
            refuse(client, channel, user, "jeg fant ikke saken knappen gjelder.")
            return
        kind, item_id = item
        actor = actor_of(user, client)
        owners = I.owner_names(kind, row)
        reason = may(actor, "status", kind, owners, {})
        if reason:  # say so at once rather than after a filled-in form
            refuse(client, channel, user, reason)
            return
        ref = store.ref_of(kind, item_id)
        meta = RB.view_meta(kind, item_id, channel, ts, store.version(kind, item_id))
        if postpone:
            due = getattr(row, "due", None)  # meetings, cases and decisions have none
            if not due:
                refuse(client, channel, user, f"{ref or item_id} har ingen dato å utsette.")
                return
            new_due = due + timedelta(days=RB.POSTPONE_DAYS)
            view = RB.postpone_modal(ref, I.title(kind, row), due, new_due, meta)
        else:
            view = RB.status_modal(ref, I.title(kind, row), row.status, meta)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as e:  # the trigger expires after 3 seconds
            log.warning("views.open failed: %s", e.response.get("error"))

    def note_of(view: dict) -> str | None:
        values = (view.get("state") or {}).get("values") or {}
        return (values.get(RB.NOTE_BLOCK, {}).get(RB.NOTE_INPUT) or {}).get("value")

    def status_of(view: dict) -> str | None:
        values = (view.get("state") or {}).get("values") or {}
        chosen = (values.get(RB.STATUS_BLOCK, {}).get(RB.STATUS_INPUT) or {}).get(
            "selected_option"
        ) or {}
        return chosen.get("value")

    # A form's change is written while Slack waits for the answer (a short SQLite write), so a
    # refusal shows in the form itself; the message is edited right after the answer. All in the
    # ack listener: Bolt runs lazy listeners beside it, not after it.

    def submit_postpone(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        meta = RB.parse_meta(view.get("private_metadata"))
        if meta is None:
            ack(response_action="errors", errors={RB.NOTE_BLOCK: "Skjemaet mangler saken."})
            return
        actor = actor_of(body["user"]["id"], None)
        result = updates.postpone(
            store,
            meta["kind"],
            meta["id"],
            RB.POSTPONE_DAYS,
            note_of(view),
            actor,
            settings.current_time(),
            version=meta.get("version"),
            origin=f"slack:{meta.get('channel')}/{meta.get('ts')}",
        )
        if not result.ok:
            ack(response_action="errors", errors={RB.NOTE_BLOCK: result.message})
            return
        ack()
        after_form(view, meta, client)

    def submit_status(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        meta = RB.parse_meta(view.get("private_metadata"))
        if meta is None:
            ack(response_action="errors", errors={RB.STATUS_BLOCK: "Skjemaet mangler saken."})
            return
        actor = actor_of(body["user"]["id"], None)
        change = updates.Change(
            action="status",
            kind=meta["kind"],
            target=meta["id"],
            status=status_of(view),
            comment=note_of(view),
            version=meta.get("version"),
            origin=f"slack:{meta.get('channel')}/{meta.get('ts')}",
        )
        result = updates.apply(store, change, actor, settings.current_time())
        if not result.ok:
            ack(response_action="errors", errors={RB.STATUS_BLOCK: result.message})
            return
        ack()
        if result.changes or change.comment:
            after_form(view, meta, client)

    def after_form(view: dict, meta: dict, client: WebClient) -> None:
        row = store.item(meta["kind"], meta["id"])
        now = settings.current_time().astimezone(settings.tz)
        if view.get("callback_id") == RB.POSTPONE_VIEW:
            note = RB.postpone_note(row.due, row.status_by, now, row.status_comment)
        else:
            note = RB.done_note(row.status or "", row.status_by, now, row.status_comment)
        show(client, None, meta.get("channel"), meta.get("ts"), meta["kind"], meta["id"], note)

    def home_pause(body: dict, action: dict, client: WebClient) -> None:
        user = body["user"]["id"]
        person = services.people.person(user, client)
        if person is None:
            return
        now = settings.current_time()
        if action.get("action_id") == RB.HOME_RESUME:
            message = R.resume(store, person, now, settings)
        else:
            picked = action.get("selected_date")
            until = T.parse_date(picked) if picked else None
            if until is None:
                return
            message = R.pause(store, person, until, now, settings)
        try:
            client.chat_postMessage(channel=user, text=message)
            from bot.slack.events.home import home_for

            client.views_publish(user_id=user, view=home_for(services, client, user))
        except SlackApiError as e:
            log.warning("home pause: %s", e.response.get("error"))

    on_action(app, RB.REMINDER_DONE, done)

    def postpone_form(body: dict, action: dict, client: WebClient) -> None:
        open_form(body, action, client, True)

    def status_form(body: dict, action: dict, client: WebClient) -> None:
        open_form(body, action, client, False)

    on_action(app, RB.REMINDER_POSTPONE, postpone_form)
    on_action(app, RB.REMINDER_STATUS, status_form)

    def nothing_more() -> None:
        """The ack listener has done the work (see above)."""

    on_view(app, RB.POSTPONE_VIEW, nothing_more, ack=submit_postpone)
    on_view(app, RB.STATUS_VIEW, nothing_more, ack=submit_status)
    on_action(app, RB.HOME_PAUSE, home_pause)
    on_action(app, RB.HOME_RESUME, home_pause)
