"""The calendar feed parses as iCalendar, holds every dated meeting and deadline, keeps UIDs, and
is served only for a right token."""

from datetime import datetime

import icalendar

from bot import calendar_feed as C
from bot import lookup, updates
from bot.config import TZ
from bot.updates import Change

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)


def _events(ics: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_every_dated_meeting_and_deadline_is_in_the_feed(store):
    events = _events(C.build(store, NOW))
    for m in lookup.meetings(store):
        if m["date"]:
            assert C.uid("meeting", m["id"]) in events
    for d in lookup.deadlines(store):
        kind = "measure" if d["kind"] == "tiltak" else "deadline"
        assert C.uid(kind, d["id"]) in events
    hearing = events[C.uid("deadline", "d001-dl-hoering-2021-04-27")]
    assert hearing.decoded("dtstart").isoformat() == "2021-04-27"


def test_uids_are_the_same_across_runs(store):
    first = set(_events(C.build(store, NOW)))
    again = set(_events(C.build(store, datetime(2021, 6, 1, tzinfo=TZ))))
    assert first == again


def test_a_moved_meeting_keeps_its_uid_and_raises_sequence(fresh_store):
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    uid = C.uid("meeting", "d001-au-2021-05-10")
    assert int(_events(C.build(fresh_store, NOW))[uid]["sequence"]) == 0
    result = updates.apply(
        fresh_store,
        Change(
            action="edit",
            kind="meeting",
            target="d001-au-2021-05-10",
            fields={"date": "2021-05-11", "time": "10:00", "place": "Tynset"},
        ),
        advisor,
        NOW,
    )
    assert result.ok, result.message
    event = _events(C.build(fresh_store, NOW))[uid]
    assert int(event["sequence"]) == 1
    start = event.decoded("dtstart")
    assert start.isoformat().startswith("2021-05-11T10:00")
    assert str(start.tzinfo) == "Europe/Oslo"
    assert str(event["location"]) == "Tynset"


def test_a_personal_feed_holds_only_that_persons_deadlines(store):
    person = next(p for p in store.people() if p.name == "Rune Jørgensen")
    events = _events(C.build(store, NOW, person=person))
    assert not any(u.startswith("meeting-") for u in events)
    mine = {d["id"] for d in lookup.deadlines_of(store, person, None)}
    assert {u.split("-", 1)[1].rsplit("@", 1)[0] for u in events} == mine


def test_the_served_feed_needs_the_right_token(store):
    assert C.respond(store, "s3cret", "", NOW)[0] == 404
    assert C.respond(store, "s3cret", "token=wrong", NOW)[0] == 404
    assert C.respond(store, None, "token=", NOW)[0] == 404
    status, body, ctype = C.respond(store, "s3cret", "token=s3cret", NOW)
    assert status == 200 and ctype.startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in body
    personal = C.person_token("s3cret", "Rune Jørgensen")
    status, body, _ = C.respond(store, "s3cret", f"token={personal}", NOW)
    assert status == 200 and "Rune Jørgensen" in body.decode()
