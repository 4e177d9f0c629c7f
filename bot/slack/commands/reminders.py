"""`/regionbot påminnelser [pause <dato> | pause | på]`: a person pauses their reminders (a
holiday) and switches them back on; without words, what is set now. What fell due during a pause
comes in one message on return (bot/reminders.py)."""

from __future__ import annotations

from bot import reminders as R
from bot import text as T
from bot.slack import blocks as B
from bot.slack.commands.regionbot import Invocation, subcommand

USAGE = (
    "Bruk `/regionbot påminnelser pause 2021-08-01` (pause til den dagen), "
    "`/regionbot påminnelser pause` (til du slår dem på) eller `/regionbot påminnelser på`."
)


def _note(text: str) -> dict:
    return B.message(text, [B.section(B.escape(text))])


@subcommand("påminnelser", "påminnelse", "paminnelser")
def reminders_command(inv: Invocation) -> dict:
    services = inv.services
    person = services.people.person(inv.user_id, inv.client)
    if person is None:
        return B.unknown_user_message(inv.user_id)
    now = services.settings.current_time()
    words = T.fold(inv.rest).split()
    if not words:
        pause = R.pause_of(services.store, person.name, now, services.settings)
        if pause is None:
            return _note(f"Påminnelsene dine er på. {USAGE}")
        until = pause.get("until")
        when = f" til {T.format_date(T.parse_date(until))}" if until else ""
        return _note(f"Påminnelsene dine er på pause{when}. {USAGE}")
    if words[0] == "pause":
        rest = inv.rest.split(None, 1)[1] if len(words) > 1 else ""
        until = None
        if rest:
            until = T.parse_date(rest, default_year=now.year)
            if until is None:
                return _note(f"Jeg forstod ikke datoen «{rest[:40]}». {USAGE}")
        return _note(R.pause(services.store, person, until, now, services.settings))
    if words[0] in ("pa", "paa", "start", "igjen") or words == ["av", "pause"]:
        return _note(R.resume(services.store, person, now, services.settings))
    return _note(f"Jeg forstod ikke «{inv.rest[:40]}». {USAGE}")
