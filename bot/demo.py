"""`regionbot demo`: a short tour of what the bot knows, on the bundled knowledge, fully offline.

The documents are from 2015-2021, so the tour sets its clock inside their time (20 April 2021,
during the hearing of the 2021-2022 action plan) unless REGIONBOT_NOW says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot import lookup, register
from bot import text as T
from bot.answers import answer
from bot.config import Settings
from bot.store import Store

DEMO_NOW = datetime(2021, 4, 20, 9, 0)
QUESTIONS = [
    "Hvem har ansvar for jernbaneforum?",
    "Når er fristen for innspill til handlingsplanen?",
    "Hvor mye ble tilskuddet fra Hedmark fylkeskommune redusert med?",
    "Who is responsible for the KingsCross project?",
    "Hva er budsjettet for 2030?",
]


def run_demo(store: Store, *, now: datetime, settings: Settings, echo: Callable[[str], None]):
    if not settings.now:
        now = DEMO_NOW.replace(tzinfo=settings.tz)
    today = now.date()
    counts = store.counts()
    echo(f"regionbot – omvisning (klokka står på {T.format_date(today)})")
    echo(
        f"Kunnskapsbasen: {counts['documents']} dokumenter, {counts['passages']} avsnitt, "
        f"{counts['plans']} planer, {counts['measures']} tiltak, {counts['decisions']} vedtak, "
        f"{counts['meetings']} møter, {counts['deadlines']} frister.\n"
    )
    echo("Planene:")
    for p in lookup.plans(store):
        period = f" ({p['period']})" if p["period"] else ""
        echo(f"  • {p['title']}{period} – {p['measures']} tiltak")

    measures = lookup.measures(store, plan="2021-2022")
    echo(f"\nTiltakene i handlingsplanen 2021-2022 ({len(measures)}), med ansvarlig:")
    for m in measures:
        echo(f"  • {m['text']}\n      Ansvar: {m['owner_text'] or ', '.join(m['owners'])}")

    echo(f"\nFrister og møter de neste 60 dagene fra {T.format_date(today)}:")
    end = today + timedelta(days=60)
    upcoming = [(d["due"], d["what"]) for d in lookup.deadlines(store, today, end)]
    upcoming += [
        (m["date"], f"Møte i {m['body']}: {m['title'] or ''}")
        for m in lookup.meetings(store, today, end)
    ]
    for due, what in sorted(upcoming) or [("", "ingen")]:
        when = T.format_date(date.fromisoformat(due)) if due else ""
        echo(f"  • {when}: {what}")

    echo("\nVedtak:")
    for d in register.split(lookup.decisions(store, own=True))[0]:
        text = d["text"] if len(d["text"]) < 160 else d["text"][:157] + "…"
        echo(f"  • {register.heading(d)}: {text}")

    _reminders_and_agenda(store, now, settings, echo)

    echo("\nSpørsmål og svar:")
    for q in QUESTIONS:
        a = answer(q, store=store, now=now, settings=settings)
        echo(f"\n  ? {q}")
        for line in a.text.splitlines():
            echo(f"    {line}")


def _reminders_and_agenda(store: Store, now: datetime, settings: Settings, echo) -> None:
    """The bot's other jobs, shown without sending anything: the reminders of this morning's
    sweep and the agenda of the next meeting."""
    from bot import meetings, reminders
    from bot.agenda import build_agenda, render_text

    hour, minute = settings.send_time
    sweep = now.replace(hour=hour, minute=minute)
    due = reminders.due_reminders(store, sweep, settings)
    echo(
        f"\nPåminnelser i morgensendingen {T.format_date(now.date())} (sendes ikke i omvisningen):"
    )
    for person, items in reminders.by_person(due).items():
        echo(f"  • Til {person.name}:")
        for r in items:
            mark = " (ingen mottaker)" if r.unowned else ""
            echo(f"      {reminders.line(r)}{mark}")
    if not due:
        echo("  • ingen i dag")

    upcoming = [m for m in meetings.live(store) if m.date and m.date >= now.date()]
    if upcoming:
        meeting = min(upcoming, key=lambda m: m.date)
        echo("\nSaksliste for neste møte:")
        for line in render_text(build_agenda(store, meeting, now)).splitlines():
            echo(f"  {line}")
