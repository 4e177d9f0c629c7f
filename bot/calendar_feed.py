"""Meetings and deadlines as an iCalendar feed (`regionbot calendar`, `GET /calendar.ics`).

Calendar clients match events by UID, so each item's UID is made from its own id and never
changes: a moved meeting is the same event at a new time, with SEQUENCE raised by one for each
change made to it through the bot (its audit rows), so clients take the newer version. Times are
Europe/Oslo with the zone in the feed.

The shared feed holds public items only (it is one secret link for everyone); a person's own feed
(their deadlines and measures, by name or role) is reached with a token made for them from the
feed token, shown on their App Home, so no token is stored and a new feed token renews them all.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from bot import lookup
from bot import meetings as MT
from bot.models import PersonRecord
from bot.store import Store

TZ = ZoneInfo("Europe/Oslo")
DOMAIN = "regionbot"
MEETING_HOURS = 2  # a meeting with a start time and no end lasts this long in the calendar
CALENDAR_PATH = "/calendar.ics"
MEETING_FIELDS = {"body", "date", "time", "place", "title", "status"}


def uid(kind: str, item_id: str) -> str:
    return f"{kind}-{item_id}@{DOMAIN}"


def person_token(feed_token: str, name: str) -> str:
    """A person's own feed token: derived from the feed token and their name."""
    digest = hmac.new(feed_token.encode(), f"person:{name}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _sequence(store: Store, kind: str, item_id: str) -> int:
    """How many times the item's calendar fields were changed through the bot (one change of
    several fields at once counts once)."""
    return len(
        {
            r.batch
            for r in store.history(kind, item_id)
            if r.action in ("edit", "status", "undo")
            and (r.field in MEETING_FIELDS or r.field in ("due", "what"))
        }
    )


def _public(record: dict) -> bool:
    return (record.get("source") or {}).get("access", "offentlig") == "offentlig"


def build(store: Store, now: datetime, *, person: PersonRecord | None = None) -> bytes:
    """The feed: every dated meeting and every deadline (public ones), or one person's own
    deadlines and measures when `person` is given."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//regionbot//Regionrådet//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = (
        f"Regionrådet – frister for {person.name}" if person else "Regionrådet – møter og frister"
    )
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    stamp = now.astimezone(ZoneInfo("UTC"))
    if person is None:
        for m in lookup.meetings(store):
            if not m["date"] or not _public(m):
                continue
            row = store.item("meeting", m["id"])
            event = Event()
            event.add("uid", uid("meeting", m["id"]))
            event.add("dtstamp", stamp)
            day = date.fromisoformat(m["date"])
            if m.get("time"):
                hour, minute = (int(x) for x in m["time"].split(":"))
                start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
                event.add("dtstart", start)
                event.add("dtend", start + timedelta(hours=MEETING_HOURS))
            else:
                event.add("dtstart", day)
                event.add("dtend", day + timedelta(days=1))
            event.add("summary", f"{m['body']}: {m['title'] or 'møte'} ({m['ref']})")
            if m.get("place"):
                event.add("location", m["place"])
            cases = [MT.case_label(c) for c in (row.cases if row else []) if c.status != "avlyst"]
            event.add("description", "\n".join(["Saker:", *cases]) if cases else "Møte")
            event.add("sequence", _sequence(store, "meeting", m["id"]))
            event.add("status", "CANCELLED" if row and row.status == "avlyst" else "CONFIRMED")
            cal.add_component(event)
    records = lookup.deadlines_of(store, person, None) if person else lookup.deadlines(store)
    for d in records:
        if not d["due"] or (person is None and not _public(d)):
            continue
        kind = "measure" if d["kind"] == "tiltak" else "deadline"
        event = Event()
        event.add("uid", uid(kind, d["id"]))
        event.add("dtstamp", stamp)
        day = date.fromisoformat(d["due"])
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Frist: {d['what']} ({d['ref']})")
        if d.get("owner"):
            event.add("description", f"Ansvar: {d['owner']}")
        event.add("sequence", _sequence(store, kind, d["id"]))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def respond(
    store: Store, feed_token: str | None, query: str, now: datetime
) -> tuple[int, bytes, str]:
    """`GET /calendar.ics?token=…`: the shared feed for the feed token, a person's own feed for
    their token, 404 for anything else (no hint that a feed exists)."""
    not_found = (404, b"not found", "text/plain; charset=utf-8")
    if not feed_token:
        return not_found
    given = (parse_qs(query or "").get("token") or [""])[0]
    if not given:
        return not_found
    ics = "text/calendar; charset=utf-8"
    if hmac.compare_digest(given, feed_token):
        return 200, build(store, now), ics
    for p in store.people():
        if hmac.compare_digest(given, person_token(feed_token, p.name)):
            return 200, build(store, now, person=p), ics
    return not_found


def links(feed_token: str | None, public_url: str | None, name: str | None) -> dict[str, str]:
    """The feed addresses to show a person: the shared one and their own (by token)."""
    if not feed_token or not public_url:
        return {}
    base = public_url.rstrip("/") + CALENDAR_PATH
    out = {"felles": f"{base}?token={feed_token}"}
    if name:
        out["dine"] = f"{base}?token={person_token(feed_token, name)}"
    return out
