"""Meetings and case numbers: the next free number per body and year, never reused, also when two
cases are added at the same moment from two threads (the Slack app's workers)."""

from __future__ import annotations

import threading
from datetime import date, datetime

from bot import meetings as MT
from bot import updates
from bot.config import TZ
from bot.updates import Change

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)


def _add_case(store, meeting_id, title, actor):
    return updates.apply(
        store,
        Change(action="create", kind="case", fields={"meeting_id": meeting_id, "title": title}),
        actor,
        NOW,
    )


def test_two_cases_added_at_once_get_two_numbers(fresh_store):
    meeting = MT.find(fresh_store, "AU 2021-05-10").meeting
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    start = threading.Barrier(4)
    results = []

    def add(i):
        start.wait()
        results.append(_add_case(fresh_store, meeting.id, f"Sak fra tråd {i}", advisor))

    threads = [threading.Thread(target=add, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert all(r.ok for r in results), [r.message for r in results]
    numbers = sorted(c.number for c in fresh_store.items("case") if "tråd" in c.title)
    assert numbers == ["19/2021", "20/2021", "21/2021", "22/2021"]


def test_a_cancelled_case_keeps_its_number_and_bodies_count_apart(fresh_store):
    au = MT.find(fresh_store, "AU 2021-05-10").meeting
    rr = MT.find(fresh_store, "regionrådet 2021-05-26").meeting
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    first = _add_case(fresh_store, au.id, "Først", advisor)
    cancel = updates.apply(
        fresh_store, Change(action="status", target=first.ref, status="avlyst"), advisor, NOW
    )
    assert cancel.ok
    second = _add_case(fresh_store, au.id, "Så", advisor)
    council = _add_case(fresh_store, rr.id, "I regionrådet", advisor)
    numbers = {c.title: c.number for c in fresh_store.items("case")}
    assert numbers["Først"] == "19/2021" and numbers["Så"] == "20/2021"
    assert numbers["I regionrådet"] == "1/2021"
    assert second.ok and council.ok


def test_previous_and_next_meeting_of_the_same_body(store):
    may = MT.find(store, "AU 2021-05-10").meeting
    assert MT.previous(store, may).date == date(2021, 3, 3)
    assert MT.following(store, MT.previous(store, may)).date == date(2021, 5, 10)
    assert MT.following(store, may) is None
