"""Posting agendas: `days_before` each meeting the agenda goes to its body's channel, once,
through the outbox (bot/outbox.py, key "agenda|<meeting id>"); the advisor can post earlier. When
the agenda changes after posting (a case added or changed), the message is edited (chat.update
through the outbox) and a short thread reply says what changed.

`agenda_posts` keeps what the posted version said (its digest and lines), so a change is seen and
described. The thread reply answers the advisor's own change and is sent directly: the outbox
posts top-level messages only.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from bot import meetings as MT
from bot import outbox
from bot.agenda import build_agenda
from bot.config import Settings
from bot.models import MeetingRecord
from bot.slack import agenda_blocks as AB
from bot.store import Store

log = logging.getLogger(__name__)

KIND = "agenda"


def key_for(meeting_id: str) -> str:
    return outbox.make_key(KIND, meeting_id)


def post(store: Store, client, settings: Settings, meeting: MeetingRecord, now: datetime) -> str:
    """Post a meeting's agenda now (or say why not); a second call only brings it up to date."""
    name = MT.name(meeting)
    if not meeting.date:
        return f"Møtet {name} har ingen dato, så sakslisten kan ikke legges ut."
    if meeting.status == "avlyst":
        return f"Møtet {name} er avlyst."
    if meeting.date < now.date():
        return f"Møtet {name} er holdt; sakslisten legges ikke ut."
    channel = settings.agenda_channel_for(meeting.body)
    if not channel:
        return (
            f"Ingen kanal er satt for sakslister til {meeting.body} "
            "(REGIONBOT_AGENDA_CHANNELS eller REGIONBOT_AGENDA_CHANNEL)."
        )
    agenda = build_agenda(store, meeting, now)
    message = AB.agenda_message(agenda)
    key = key_for(meeting.id)
    day = MT.day(meeting)
    expires = datetime(day.year, day.month, day.day, 23, 59, tzinfo=now.tzinfo) if day else None
    new = outbox.enqueue(
        store, key, KIND, channel, message["text"], message["blocks"], now, expires=expires
    )
    if new:
        with store.transaction():
            store.put_agenda_post(
                {
                    "meeting_id": meeting.id,
                    "channel": channel,
                    "ts": None,
                    "digest": agenda.digest(),
                    "summary": json.dumps(agenda.summary(), ensure_ascii=False),
                    "posted_at": now.isoformat(),
                    "updated_at": None,
                }
            )
    deliver(store, client, now)
    if not new:
        refresh(store, client, meeting, now)
        return f"Sakslisten til {name} er allerede lagt ut; den er oppdatert."
    if outbox.sent(store, key):
        return f"Sakslisten til {name} er lagt ut i <#{channel}>."
    row = outbox.get(store, key) or {}
    return (
        f"Sakslisten til {name} er lagt i kø og sendes så snart Slack svarer ({row.get('error')})."
    )


def deliver(store: Store, client, now: datetime) -> outbox.Report:
    """Send pending agendas and note where each went (channel, ts)."""
    report = outbox.deliver(store, client, now, kind=KIND)
    for key in report.sent:
        row = outbox.sent(store, key)
        meeting_id = key.split("|", 1)[1]
        posted = store.agenda_post(meeting_id)
        if row and posted:
            with store.transaction():
                store.put_agenda_post({**posted, "channel": row["channel"], "ts": row["ts"]})
    return report


def refresh(store: Store, client, meeting: MeetingRecord, now: datetime) -> bool:
    """Bring a posted agenda up to date: edit the message and say in its thread what changed.
    False when it was never posted or is unchanged."""
    posted = store.agenda_post(meeting.id)
    if posted is None:
        return False
    agenda = build_agenda(store, meeting, now)
    if agenda.digest() == posted["digest"]:
        return False
    message = AB.agenda_message(agenda)
    key = key_for(meeting.id)
    if not outbox.update(store, client, key, message["text"], message["blocks"], now):
        return False
    before = json.loads(posted["summary"] or "[]")
    after = agenda.summary()
    with store.transaction():
        store.put_agenda_post(
            {
                **posted,
                "digest": agenda.digest(),
                "summary": json.dumps(after, ensure_ascii=False),
                "updated_at": now.isoformat(),
            }
        )
    sent = outbox.sent(store, key)
    if sent:
        try:
            client.chat_postMessage(
                channel=sent["channel"],
                thread_ts=sent["ts"],
                text=AB.change_note(before, after),
            )
        except Exception as exc:  # the edit is made; a lost note is logged, not fatal
            log.warning("agenda change note not posted: %s", exc)
    return True


def refresh_all(store: Store, client, now: datetime) -> int:
    """Refresh every posted agenda of a meeting not yet held (after a change that may touch
    several, e.g. a decision recorded or a deadline moved)."""
    changed = 0
    today = now.date()
    for meeting in MT.live(store):
        if meeting.date and meeting.date >= today:
            changed += refresh(store, client, meeting, now)
    return changed


def post_due(store: Store, client, settings: Settings, now: datetime) -> list[str]:
    """The scheduler's sweep: post the agenda of each meeting `agenda_days_before` days or less
    ahead that has not been posted, retry agendas still pending, and bring posted agendas up to
    date with changes made elsewhere (a case cancelled with /regionbot oppdater). Safe to run any
    number of times and after a restart: the outbox key says whether it went out."""
    deliver(store, client, now)
    today = now.date()
    ahead = today + timedelta(days=settings.agenda_days_before)
    done = []
    for meeting in MT.live(store):
        day = MT.day(meeting)
        if day is None or not (today <= day <= ahead):
            continue
        if outbox.get(store, key_for(meeting.id)) is not None:
            continue
        if not settings.agenda_channel_for(meeting.body):
            continue
        done.append(post(store, client, settings, meeting, now))
    refresh_all(store, client, now)
    return done
