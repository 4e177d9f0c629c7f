"""Who is to be reminded of what on a given day: `due_reminders(store, now, settings)`.

No Slack in here: the Slack side (bot/slack/reminding.py) turns the reminders into one message per
person and posts them through the outbox; the CLI lists them.

The rules, in one place:
- What: every open measure and deadline with a due date or a period and an owner. Done or
  cancelled items (`ferdig`, `avlyst`, and the documents' own words for done, below) get none.
  A postponed one (`utsatt`) is reminded before its (new) due date but not nagged once overdue.
- A period ("høsten 2022", "i løpet av 2021-2022") counts as its last day (31 December 2022):
  the one rule `updates.parse_due` stores it by. Users are shown the period, never that date.
- When: on the lead days before the due date (REMINDER_LEADS, default 14, 7, 1, 0), then every
  REMINDER_OVERDUE_EVERY days (7) for REMINDER_OVERDUE_WEEKS (8) once overdue; later than that an
  item is only in the advisor's weekly summary. A reminder day that is a weekend or a Norwegian
  public holiday moves to the working day before it, never after. When several reminders of an item
  land on the same sweep (a Friday before a Saturday deadline, a catch-up), the nearest one wins.
- Who: the people that hold an owner, by the same rule that lets them act on it
  (`permission.is_owner`: their name, or a role such as "Arbeidsutvalget" or "Administrasjonen");
  "ansvarlig ordfører" reaches a person who holds that role, or the mayor named among the item's
  owners. A person is reachable with a Slack id (or an e-mail when SLACK_LOOKUP_BY_EMAIL is on).
  An item that reaches nobody goes to the advisor, marked "ingen mottaker".
- Pauses: a paused person gets nothing; on the first sweep after the pause everything that fell
  due during it comes at once (`catch_up`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot import items as I
from bot import text as T
from bot import workdays
from bot.config import Settings
from bot.models import PersonRecord
from bot.permission import actor_from_person, is_owner
from bot.store import Store

# The documents' own words for an item that is done (statuses written in the source documents).
DONE_WORDS = {
    "gjennomfort",  # carried out
    "levert",  # delivered
    "etablert",  # established
    "vedtatt",  # adopted
    "fusjonert",  # merged into something else
    "avsluttet",  # closed
    "avlyst",
    "ferdig",
    "utfort",  # done
    "inngatt / signert",  # signed
}


MAYOR = "ansvarlig ordforer"  # folded


@dataclass(frozen=True)
class Recipient:
    name: str
    slack_user_id: str | None = None
    email: str | None = None


@dataclass
class Reminder:
    recipient: Recipient
    kind: str  # measure | deadline
    item_id: str
    ref: str | None
    text: str
    due: date
    due_text: str | None  # the period as written, shown instead of `due`
    lead: int  # the lead time this reminder is for: 14, 7, 1, 0; negative when overdue
    days_left: int  # from the sweep day to the due date (negative: days late)
    owners: list[str] = field(default_factory=list)
    plan_title: str | None = None
    source: str | None = None  # the document's title
    access: str = "offentlig"
    unowned: bool = False  # "ingen mottaker": sent to the advisor because nobody else is reachable
    catch_up: bool = False  # fell due while the person's reminders were paused

    @property
    def part(self) -> str:
        """What this reminder is, for the outbox key: item, due date and lead time."""
        return f"{self.kind}:{self.item_id}@{self.due.isoformat()}/{self.lead}"

    def as_json(self) -> dict:
        return {
            "recipient": {
                "name": self.recipient.name,
                "slack_user_id": self.recipient.slack_user_id,
            },
            "item": {"id": self.item_id, "ref": self.ref, "kind": self.kind, "text": self.text},
            "lead": self.lead,
            "due": self.due.isoformat(),
            "due_text": self.due_text,
            "days_left": self.days_left,
            "owners": self.owners,
            "plan": self.plan_title,
            "source": self.source,
            "unowned": self.unowned,
            "catch_up": self.catch_up,
            "text": line(self),
        }


LAST_SWEEP = "reminders.last_sweep"  # meta key: the day of the last sweep that sent


def since_last_sweep(store: Store, today: date) -> date | None:
    """The day of the last sweep before today (the sweep catches up the days after it)."""
    last = store.meta(LAST_SWEEP)
    if not last:
        return None
    day = date.fromisoformat(last)
    return day if day < today else None


# --- dates ---------------------------------------------------------------------------------


def today_of(now: datetime, settings: Settings) -> date:
    return now.astimezone(settings.tz).date() if now.tzinfo else now.date()


def due_date(row: dict, today: date) -> date | None:
    """The item's due date; a period with no stored date gets the end of the period."""
    if row.get("due"):
        try:
            return date.fromisoformat(row["due"][:10])
        except ValueError:
            return None
    if row.get("due_text"):
        from bot.updates import Invalid, parse_due

        try:
            iso, _ = parse_due(row["due_text"], datetime(today.year, today.month, today.day))
        except Invalid:
            return None
        return date.fromisoformat(iso) if iso else None
    return None


def in_words(r: Reminder) -> str:
    """'fredag 30. april 2021, om 7 dager', or for a period 'høsten 2022 (perioden slutter om
    14 dager)'."""
    n = r.days_left
    if n == 0:
        rel = "i dag"
    elif n == 1:
        rel = "i morgen"
    elif n > 1:
        rel = f"om {n} dager"
    elif n == -1:
        rel = "i går, 1 dag på overtid"
    else:
        rel = f"{-n} dager på overtid"
    if r.due_text:
        return f"{r.due_text} (perioden slutter {rel})" if n >= 0 else f"{r.due_text} ({rel})"
    return f"{T.format_date(r.due)}, {rel}"


def line(r: Reminder) -> str:
    ref = f"{r.ref} " if r.ref else ""
    return f"{ref}{r.text} – frist {in_words(r)}"


# --- who -----------------------------------------------------------------------------------


def is_closed(row: dict) -> bool:
    status = row.get("status")
    if not status:
        return False
    if I.parse_status(status) in I.CLOSED:
        return True
    return " ".join(T.fold(status).split()) in DONE_WORDS


def is_postponed(row: dict) -> bool:
    return I.parse_status(row.get("status")) == "utsatt"


def advisors(people: list[PersonRecord]) -> list[PersonRecord]:
    found = [p for p in people if p.access in ("advisor", "admin")]
    if not found:
        found = [p for p in people if "regionradgiver" in {T.fold(r) for r in p.roles}]
    return found


def _recipient(p: PersonRecord) -> Recipient:
    return Recipient(p.name, p.slack_user_id or None, p.email or None)


class Owners:
    """Owner names -> people, cached per name (a sweep asks for the same names often)."""

    def __init__(self, people: list[PersonRecord], settings: Settings):
        self.people = people
        self.actors = [(p, actor_from_person(p)) for p in people]
        self.by_email = settings.slack_lookup_by_email
        self.advisors = advisors(people)
        self._cache: dict[str, list[PersonRecord]] = {}

    def reachable(self, p: PersonRecord) -> bool:
        return bool(p.slack_user_id or (self.by_email and p.email))

    def holders(self, owners: list[str]) -> list[PersonRecord]:
        """The people behind the owner names. "ansvarlig ordfører" is the mayor named for the
        item (a person among its owners) or whoever holds that very role, not every mayor."""
        found: list[PersonRecord] = []
        for owner in owners:
            if owner not in self._cache:
                if T.fold(owner).strip() == MAYOR:
                    self._cache[owner] = [
                        p for p in self.people if MAYOR in {T.fold(r) for r in p.roles}
                    ]
                else:
                    self._cache[owner] = [p for p, a in self.actors if is_owner(a, [owner])]
            found += [p for p in self._cache[owner] if p not in found]
        return found


# --- the sweep -----------------------------------------------------------------------------


def leads(settings: Settings, *, postponed: bool = False) -> list[int]:
    before = settings.lead_days
    if postponed:
        return before
    every = settings.reminder_overdue_every
    return before + [-every * k for k in range(1, settings.reminder_overdue_weeks + 1)]


def send_days(due: date, lead_days: list[int]) -> list[tuple[date, int]]:
    """(sweep day, lead) for each lead: the reminder day moved back to a working day."""
    return [(workdays.on_or_before(due - timedelta(days=n)), n) for n in lead_days]


def due_reminders(
    store: Store, now: datetime, settings: Settings, *, since: date | None = None
) -> list[Reminder]:
    """The reminders of the sweep on `now`'s day, per person, nearest due first. `since`: the
    last day a sweep ran (reminders of the days after it are caught up); by default the working
    day before. Nothing on a day that is not a working day."""
    today = today_of(now, settings)
    if not workdays.is_working_day(today):
        return []
    normal_start = workdays.previous(today)
    start = min(since, normal_start) if since else normal_start
    start = max(start, today - timedelta(days=max(settings.reminder_catch_up_days, 1)))
    people = store.people()
    owners = Owners(people, settings)
    pauses = store.reminder_pauses()
    paused, returning = _pause_state(pauses, today)
    earliest = min([start, *returning.values()])
    before_all, with_overdue = leads(settings, postponed=True), leads(settings)
    # Only due dates whose reminders can fall in the window (a cheap string test first).
    horizon_late = (earliest - timedelta(days=-min(with_overdue) + 7)).isoformat()
    horizon_early = (today + timedelta(days=max(before_all) + 7)).isoformat()
    out: list[Reminder] = []
    for row in store.dated_items(horizon_late, horizon_early):
        if row.get("orphaned") or is_closed(row):
            continue
        due = due_date(row, today)
        if due is None:
            continue
        days = send_days(due, before_all if is_postponed(row) else with_overdue)
        days = [(d, n) for d, n in days if earliest < d <= today]
        if not days:
            continue
        holders = owners.holders(
            row["owners"] + ([row["owner_text"]] if row.get("owner_text") else [])
        )
        targets = [(p, False) for p in holders if owners.reachable(p)]
        if not targets and not [p for p in holders if p.name in paused]:
            targets = [(p, True) for p in owners.advisors]
        for person, unowned in targets:
            if person.name in paused:
                continue
            first = returning.get(person.name, start)
            mine = [(n, d) for d, n in days if d > first]
            if not mine:
                continue
            lead, day = min(mine)
            out.append(
                Reminder(
                    recipient=_recipient(person),
                    kind=row["kind"],
                    item_id=row["id"],
                    ref=row.get("ref"),
                    text=" ".join((row.get("text") or "").split()),
                    due=due,
                    due_text=row.get("due_text") or None,
                    lead=lead,
                    days_left=(due - today).days,
                    owners=row["owners"],
                    plan_title=row.get("plan_title"),
                    source=row.get("document_title"),
                    access=row.get("access") or "intern",
                    unowned=unowned,
                    catch_up=person.name in returning and day <= normal_start,
                )
            )
    out.sort(key=lambda r: (r.recipient.name, r.due, r.kind, r.item_id))
    return out


def by_person(reminders: list[Reminder]) -> dict[Recipient, list[Reminder]]:
    """One group per person, nearest due first: one message each."""
    groups: dict[Recipient, list[Reminder]] = defaultdict(list)
    for r in reminders:
        groups[r.recipient].append(r)
    for items in groups.values():
        items.sort(key=lambda r: (r.due, r.ref or "", r.item_id))
    return dict(groups)


# --- pauses --------------------------------------------------------------------------------


def _pause_state(pauses: dict[str, dict], today: date) -> tuple[set[str], dict[str, date]]:
    """Who is paused today, and who is back with a pause not yet caught up (-> the day before
    their pause began: reminders after it are caught up)."""
    paused, returning = set(), {}
    for name, p in pauses.items():
        since = date.fromisoformat(p["since"])
        if since > today:
            continue
        ended = p.get("ended") or p.get("until")
        if ended is None or date.fromisoformat(ended) > today:
            paused.add(name)
        elif not p.get("returned"):
            returning[name] = since - timedelta(days=1)
    return paused, returning


def pause(
    store: Store, person: PersonRecord, until: date | None, now: datetime, settings: Settings
) -> str:
    """Pause a person's reminders until a day (None: until they switch them on). Audited."""
    today = today_of(now, settings)
    if until is not None and until <= today:
        return f"Datoen må være etter i dag ({T.format_date(today)})."
    with store.transaction():
        old = store.reminder_pauses().get(person.name)
        store.put_reminder_pause(
            {
                "person": person.name,
                "since": today.isoformat(),
                "until": until.isoformat() if until else None,
                "ended": None,
                "returned": None,
                "set_by": person.name,
                "set_at": now.isoformat(),
            }
        )
        store.audit(
            author=person.name,
            action="reminder_pause",
            target=f"person:{person.name}",
            old=old,
            new={"until": until.isoformat() if until else None},
            now=now,
        )
    if until:
        return (
            f"Påminnelsene dine er satt på pause til {T.format_date(until)}. Det som forfaller "
            "i mellomtiden, får du samlet i én melding når pausen er over."
        )
    return (
        "Påminnelsene dine er satt på pause. Skriv `/regionbot påminnelser på` når du er tilbake, "
        "så får du det som forfalt i mellomtiden i én melding."
    )


def resume(store: Store, person: PersonRecord, now: datetime, settings: Settings) -> str:
    today = today_of(now, settings)
    current = store.reminder_pauses().get(person.name)
    if (
        current is None
        or current.get("ended")
        or (current.get("until") and date.fromisoformat(current["until"]) <= today)
    ):
        return "Påminnelsene dine er allerede på."
    with store.transaction():
        store.set_reminder_pause(person.name, ended=today.isoformat())
        store.audit(
            author=person.name,
            action="reminder_resume",
            target=f"person:{person.name}",
            old={"until": current.get("until")},
            new={"ended": today.isoformat()},
            now=now,
        )
    return (
        "Påminnelsene dine er på igjen. Det som forfalt under pausen, kommer i én melding ved "
        "neste utsending."
    )


def pause_of(store: Store, name: str, now: datetime, settings: Settings) -> dict | None:
    """The person's pause while it lasts, else None (for the App Home)."""
    p = store.reminder_pauses().get(name)
    if p is None:
        return None
    paused, _ = _pause_state({name: p}, today_of(now, settings))
    return p if name in paused else None


def mark_returned(store: Store, names: list[str], today: date) -> None:
    """After the sweep that caught a person up: the pause is done with."""
    pauses = store.reminder_pauses()
    with store.transaction():
        for name in names:
            p = pauses.get(name)
            if p and not p.get("returned") and name not in _pause_state({name: p}, today)[0]:
                store.set_reminder_pause(name, returned=today.isoformat())


def returning_people(store: Store, today: date) -> list[str]:
    return sorted(_pause_state(store.reminder_pauses(), today)[1])


def as_dicts(reminders: list[Reminder]) -> list[dict]:
    return [r.as_json() for r in reminders]
