"""The weekly messages beside the reminders: the escalation summary to the advisor (and the AU
leader when REMINDER_AU_LEADER names one) of what is long overdue, and the Monday digest to the
council channel. Both go out on the first working day of the week (Tuesday after Easter Monday).
No Slack in here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot import text as T
from bot import workdays
from bot.config import Settings
from bot.models import MeetingRecord, PersonRecord
from bot.reminders import Owners, advisors, due_date, is_closed, is_postponed, today_of
from bot.store import Store


@dataclass
class Late:
    kind: str
    item_id: str
    ref: str | None
    text: str
    due: date
    due_text: str | None
    owners: list[str]
    days_late: int
    unowned: bool  # nobody reachable owns it ("ingen mottaker")
    access: str = "offentlig"
    source: str | None = None


@dataclass
class Escalation:
    week: str  # ISO year-week, for the outbox key
    recipients: list[PersonRecord]
    late: list[Late]
    unowned: list[Late]  # items due soon or overdue that reach nobody but the advisor


@dataclass
class Digest:
    week: str
    start: date
    end: date  # the end of next week
    due: list[Late] = field(default_factory=list)  # days_late negative: days left
    meetings: list[MeetingRecord] = field(default_factory=list)
    overdue: list[Late] = field(default_factory=list)


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def is_weekly_day(day: date) -> bool:
    return workdays.first_of_week(day) == day


def open_items(store: Store, today: date, settings: Settings) -> list[Late]:
    owners = Owners(store.people(), settings)
    out = []
    for row in store.dated_items():
        if row.get("orphaned") or is_closed(row):
            continue
        due = due_date(row, today)
        if due is None:
            continue
        names = row["owners"] + ([row["owner_text"]] if row.get("owner_text") else [])
        holders = [p for p in owners.holders(names) if owners.reachable(p)]
        out.append(
            Late(
                kind=row["kind"],
                item_id=row["id"],
                ref=row.get("ref"),
                text=" ".join((row.get("text") or "").split()),
                due=due,
                due_text=row.get("due_text") or None,
                owners=row["owners"],
                days_late=(today - due).days,
                unowned=not holders,
                access=row.get("access") or "intern",
                source=row.get("document_title"),
            )
        )
    out.sort(key=lambda item: (item.due, item.ref or "", item.item_id))
    return out


def escalation(store: Store, now: datetime, settings: Settings) -> Escalation | None:
    """The weekly summary, on the first working day of the week; None on other days or when
    there is nothing to say."""
    today = today_of(now, settings)
    if not is_weekly_day(today):
        return None
    items = open_items(store, today, settings)
    postponed = {(r["kind"], r["id"]) for r in store.dated_items() if is_postponed(r)}
    late = [
        i
        for i in items
        if i.days_late > settings.reminder_escalate_days and (i.kind, i.item_id) not in postponed
    ]
    horizon = max(settings.lead_days or [0])
    unowned = [i for i in items if i.unowned and i.days_late >= -horizon]
    if not late and not unowned:
        return None
    people = store.people()
    recipients = advisors(people)
    if settings.reminder_au_leader:
        wanted = T.fold(settings.reminder_au_leader)
        recipients += [p for p in people if T.fold(p.name) == wanted and p not in recipients]
    late.sort(key=lambda i: -i.days_late)
    return Escalation(week_of(today), recipients, late, unowned)


def weekly_digest(store: Store, now: datetime, settings: Settings) -> Digest | None:
    """Deadlines this week and next, the meetings in them, and what is overdue; for the council
    channel on the first working day of the week."""
    today = today_of(now, settings)
    if not is_weekly_day(today):
        return None
    monday = today - timedelta(days=today.weekday())
    end = monday + timedelta(days=13)
    items = open_items(store, today, settings)
    digest = Digest(week_of(today), monday, end)
    digest.due = [i for i in items if monday <= i.due <= end]
    digest.overdue = [i for i in items if 0 < i.days_late <= 365 and i.due < monday]
    digest.meetings = [m for m in store.meetings(monday, end) if m.status != "avlyst"]
    return digest
