"""The reminder sweep, Slack side: due reminders -> one DM per person (plus the weekly summary
and digest on the first working day of the week) -> the outbox -> Slack.

The scheduler and `regionbot remind` both call `sweep`, and may call it twice for the same day
(a catch-up at start, a manual run): the outbox keys make the second one send nothing new. A
person's DM of a day is keyed by (person, day), so one sweep day never gives anyone two DMs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from bot import digests, outbox
from bot import reminders as R
from bot.config import Settings
from bot.slack import reminder_blocks as RB
from bot.slack.people import People
from bot.store import Store

log = logging.getLogger(__name__)

# A reminder not delivered within this long is dropped: "om 7 dager" a week late misleads.
STALE_DAYS = 3


@dataclass
class SweepReport:
    day: date
    reminders: list[R.Reminder] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)  # outbox keys new in this sweep
    unreachable: list[str] = field(default_factory=list)  # people the bot cannot DM
    delivery: outbox.Report | None = None

    def summary(self) -> str:
        parts = [f"{len(self.reminders)} påminnelse(r)", f"{len(self.queued)} nye meldinger"]
        if self.unreachable:
            parts.append("uten Slack-ID: " + ", ".join(sorted(set(self.unreachable))))
        if self.delivery:
            parts.append(self.delivery.summary())
        return "; ".join(parts)


def plan(store: Store, now: datetime, settings: Settings) -> list[R.Reminder]:
    """What the sweep of `now` would remind (the CLI's --dry-run)."""
    today = R.today_of(now, settings)
    return R.due_reminders(store, now, settings, since=R.since_last_sweep(store, today))


def sweep(
    store: Store,
    client,
    now: datetime,
    settings: Settings,
    *,
    people: People | None = None,
) -> SweepReport:
    today = R.today_of(now, settings)
    report = SweepReport(today)
    people = people or People(store, settings)
    reminders = plan(store, now, settings)
    report.reminders = reminders
    persons = {p.name: p for p in store.people()}
    advisors = R.advisors(list(persons.values()))
    ids: dict[str, str | None] = {}

    def user_of(name: str) -> str | None:
        if name not in ids:
            person = persons.get(name)
            ids[name] = people.slack_user_id(person, client) if person else None
        return ids[name]

    final: list[R.Reminder] = []
    for r in reminders:
        if user_of(r.recipient.name):
            final.append(r)
            continue
        report.unreachable.append(r.recipient.name)
        # Never silently skipped: what reaches nobody goes to the advisor.
        for a in advisors:
            if a.name != r.recipient.name and user_of(a.name):
                final.append(replace(r, recipient=R._recipient(a), unowned=True))
    expires = now + timedelta(days=STALE_DAYS)
    for recipient, items in R.by_person(_dedupe(final)).items():
        msg = RB.reminder_message(items, today)
        key = outbox.make_key("reminder", recipient.name, today.isoformat())
        if outbox.enqueue(
            store,
            key,
            "reminder",
            user_of(recipient.name),
            msg["text"],
            msg["blocks"],
            now,
            expires=expires,
        ):
            report.queued.append(key)
    _weekly(store, now, settings, today, report, user_of)
    R.mark_returned(store, R.returning_people(store, today), today)
    store.set_meta(R.LAST_SWEEP, today.isoformat())
    report.delivery = outbox.deliver(store, client, now)
    log.info("reminder sweep %s: %s", today, report.summary())
    return report


def _dedupe(reminders: list[R.Reminder]) -> list[R.Reminder]:
    """One entry per (person, item): an advisor who owns an item and also gets it rerouted."""
    seen, out = set(), []
    for r in reminders:
        key = (r.recipient.name, r.kind, r.item_id)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _weekly(store, now, settings, today, report, user_of) -> None:
    summary = digests.escalation(store, now, settings)
    if summary:
        msg = RB.escalation_message(summary, today)
        for person in summary.recipients:
            user = user_of(person.name)
            if not user:
                report.unreachable.append(person.name)
                continue
            key = outbox.make_key("escalation", person.name, summary.week)
            if outbox.enqueue(store, key, "escalation", user, msg["text"], msg["blocks"], now):
                report.queued.append(key)
    channel = settings.reminder_digest_channel
    digest = digests.weekly_digest(store, now, settings) if channel else None
    if digest:
        show_intern = channel in settings.private_channels
        msg = RB.digest_message(digest, today, show_intern=show_intern)
        key = outbox.make_key("digest", channel, digest.week)
        if outbox.enqueue(store, key, "digest", channel, msg["text"], msg["blocks"], now):
            report.queued.append(key)
