"""`/regionbot møte ny | sak ny | vedtak <sak> | agenda [post] [<møte>] | protokoll <møte>`.

The forms write through bot/updates.py (bot/slack/views/meetings.py); the agenda is shown to the
one who asks (ephemeral) or posted to the body's channel through the outbox (the advisor only).
"""

from __future__ import annotations

import re

from bot import meetings as MT
from bot import refs
from bot.agenda import build_agenda
from bot.permission import may
from bot.protocol import draft_protocol
from bot.slack import agenda_blocks as AB
from bot.slack import blocks as B
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.agenda_post import post as post_agenda
from bot.slack.answering import reply_for
from bot.slack.commands.regionbot import Invocation, subcommand
from bot.slack.commands.updates import open_form

NEW_WORDS = {"ny", "nytt", "legg til"}
CASE_NUMBER = re.compile(r"^(?:sak\s*)?\d{1,4}\s*/\s*\d{4}$", re.IGNORECASE)


def _is_new(rest: str) -> bool:
    return " ".join(rest.lower().split()) in NEW_WORDS


def _advisor_only(inv: Invocation, kind: str):
    actor = C.actor_for(inv.services, inv.user_id, inv.client)
    return actor, may(actor, "create", kind, [], {})


@subcommand("møte")
def meeting(inv: Invocation) -> dict | None:
    if not inv.rest.strip():  # "/regionbot møte" lists the coming meetings, as "møter" does
        from bot import lookup
        from bot.slack.access import shown_here

        person = inv.services.people.person(inv.user_id, inv.client)
        shown = shown_here(inv.channel_id, person, inv.services.settings.private_channels)
        today = inv.services.settings.current_time().date()
        return B.meetings_message(
            shown(lookup.meetings(inv.services.store, today, None)), today=today
        )
    if not _is_new(inv.rest):  # "/regionbot møte i mai?" is a question
        return reply_for(
            inv.services,
            inv.client,
            question=f"møte {inv.rest}".strip(),
            user_id=inv.user_id,
            channel_id=inv.channel_id,
        )
    _, reason = _advisor_only(inv, "meeting")
    if reason:
        return U.note(reason)
    return open_form(inv.client, inv.trigger_id, AB.meeting_modal())


@subcommand("sak")
def case(inv: Invocation) -> dict | None:
    if not _is_new(inv.rest):  # "/regionbot sak 18/2021?" is a question
        return reply_for(
            inv.services,
            inv.client,
            question=f"sak {inv.rest}".strip(),
            user_id=inv.user_id,
            channel_id=inv.channel_id,
        )
    _, reason = _advisor_only(inv, "case")
    if reason:
        return U.note(reason)
    store = inv.services.store
    today = inv.services.settings.current_time().date()
    coming = [MT.record(store, m) for m in MT.live(store) if m.date and m.date >= today]
    if not coming:
        return U.note("Det er ingen kommende møter. Legg til møtet først: `/regionbot møte ny`.")
    return open_form(inv.client, inv.trigger_id, AB.case_modal(coming))


@subcommand("vedtak")
def decision(inv: Invocation) -> dict | None:
    target = " ".join(inv.rest.split())
    found = refs.resolve(inv.services.store, target, ("case",)) if target else []
    numbered = bool(CASE_NUMBER.match(target)) or bool(inv.services.store.item_by_ref(target))
    if not numbered:  # "/regionbot vedtak om bredbånd" is a question
        return reply_for(
            inv.services,
            inv.client,
            question=f"vedtak {target}".strip(),
            user_id=inv.user_id,
            channel_id=inv.channel_id,
        )
    _, reason = _advisor_only(inv, "decision")
    if reason:
        return U.note(reason)
    if not found:
        return U.note(
            f"Fant ikke sak {target}. Skriv saksnummeret, f.eks. `/regionbot vedtak 18/2021`."
        )
    if len(found) > 1:
        names = ", ".join(f"{m.ref} ({m.title})" for m in found[:10])
        return U.note(f"Flere saker har nummeret {target}: {names}. Skriv referansen (S-…).")
    row = inv.services.store.item("case", found[0].id)
    meeting = inv.services.store.item("meeting", row.meeting_id) if row.meeting_id else None
    return open_form(inv.client, inv.trigger_id, AB.decision_modal(row, meeting))


@subcommand("agenda", "saksliste")
def agenda(inv: Invocation) -> dict | None:
    store, settings = inv.services.store, inv.services.settings
    words = inv.rest.split()
    posting = bool(words) and words[0].lower() in ("post", "legg", "publiser")
    text = " ".join(words[1:] if posting else words)
    now = settings.current_time()
    if text:
        found = MT.find(store, text)
        if found.meeting is None:
            return U.note(found.message or "Fant ikke møtet.")
        meeting = found.meeting
    else:
        today = now.date()
        coming = [m for m in MT.live(store) if m.date and m.date >= today]
        if not coming:
            return U.note("Det er ingen kommende møter. Skriv møtet: `/regionbot agenda M-4`.")
        meeting = coming[0]
    if posting:
        actor = C.actor_for(inv.services, inv.user_id, inv.client)
        reason = may(actor, "post", "meeting", [], {})
        if reason:
            return U.note(reason)
        return U.note(post_agenda(store, inv.client, settings, meeting, now))
    return AB.agenda_message(build_agenda(store, meeting, now), buttons=False)


@subcommand("protokoll", "protocol")
def protocol(inv: Invocation) -> dict | None:
    store = inv.services.store
    found = MT.find(store, inv.rest)
    if found.meeting is None:
        return U.note(found.message or "Fant ikke møtet.")
    return AB.protocol_message(
        draft_protocol(store, found.meeting, inv.services.settings.current_time())
    )
