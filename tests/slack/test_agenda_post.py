"""Agenda posting through the outbox: 7 days before, once, also across a restart; a change after
posting edits the message and notes it in the thread."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot import meetings as MT
from bot import outbox, updates
from bot.config import TZ
from bot.slack.agenda_post import post_due, refresh
from bot.slack.client import make_client
from bot.store import Store
from bot.updates import Change

CHANNEL = "C0AU"


@pytest.fixture
def posting(slack_settings):
    return slack_settings.model_copy(update={"agenda_channels": f"AU={CHANNEL}"})


def _tops(double):
    return [
        c
        for c in double.calls_of("chat.postMessage")
        if c.args["channel"] == CHANNEL and not c.args.get("thread_ts")
    ]


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T07:00").replace(tzinfo=TZ)


def test_each_agenda_is_posted_once_seven_days_before_even_across_a_restart(
    fresh_store, double, posting
):
    client = make_client(posting)
    assert post_due(fresh_store, client, posting, at("2021-05-02")) == []  # 8 days before
    assert _tops(double) == []
    done = post_due(fresh_store, client, posting, at("2021-05-03"))  # 7 days before AU 10 May
    assert len(done) == 1 and "lagt ut" in done[0]
    [posted] = _tops(double)
    assert "Saksliste: Arbeidsutvalget mandag 10. mai 2021" in posted.all_text()
    assert post_due(fresh_store, client, posting, at("2021-05-03")) == []

    path = fresh_store.path
    fresh_store.close()
    restarted = Store.open(path)  # a restart: a new process, the same database
    try:
        for day in ("2021-05-03", "2021-05-05", "2021-05-09"):
            post_due(restarted, make_client(posting), posting, at(day))
    finally:
        restarted.close()
    assert len(_tops(double)) == 1


def test_a_failed_post_is_retried_at_the_next_sweep_and_not_doubled(fresh_store, double, posting):
    client = make_client(posting)
    # more failures than the client's own quick retries: the first sweep gives up for now
    double.fail_next("chat.postMessage", status=500, times=4)
    post_due(fresh_store, client, posting, at("2021-05-03"))
    assert _tops(double) == []
    assert outbox.get(fresh_store, "agenda|d001-au-2021-05-10")["state"] == "pending"
    post_due(fresh_store, client, posting, at("2021-05-04"))
    post_due(fresh_store, client, posting, at("2021-05-04"))
    assert len(_tops(double)) == 1


def test_no_channel_for_a_body_posts_nothing(fresh_store, double, slack_settings):
    client = make_client(slack_settings)
    assert post_due(fresh_store, client, slack_settings, at("2021-05-03")) == []
    assert _tops(double) == []


def test_refresh_edits_the_posted_agenda_only_when_it_changed(fresh_store, double, posting):
    client = make_client(posting)
    post_due(fresh_store, client, posting, at("2021-05-03"))
    meeting = MT.find(fresh_store, "AU 2021-05-10").meeting
    assert refresh(fresh_store, client, meeting, at("2021-05-04")) is False
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    result = updates.apply(
        fresh_store,
        Change(action="create", kind="case", fields={"meeting_id": meeting.id, "title": "Ny sak"}),
        advisor,
        at("2021-05-04"),
    )
    assert result.ok
    assert refresh(fresh_store, client, meeting, at("2021-05-04")) is True
    [edit] = double.calls_of("chat.update")
    assert "Sak 19/2021 Ny sak" in edit.all_text()
    [note] = [c for c in double.calls_of("chat.postMessage") if c.args.get("thread_ts")]
    assert "Nytt: Sak 19/2021 Ny sak (vedtakssak)" in note.text


def test_the_sweep_brings_a_posted_agenda_up_to_date_after_a_change_elsewhere(
    fresh_store, double, posting
):
    client = make_client(posting)
    post_due(fresh_store, client, posting, at("2021-05-03"))
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    [case] = MT.cases(fresh_store, MT.find(fresh_store, "AU 2021-05-10").meeting)
    result = updates.apply(
        fresh_store,
        Change(action="status", kind="case", target=case.id, status="avlyst"),
        advisor,
        at("2021-05-04"),
    )
    assert result.ok, result.message
    post_due(fresh_store, client, posting, at("2021-05-04"))
    [edit] = double.calls_of("chat.update")
    assert "etter høringen" not in edit.all_text()
    [note] = [c for c in double.calls_of("chat.postMessage") if c.args.get("thread_ts")]
    assert "Fjernet: Handlingsplan" in note.text
    post_due(fresh_store, client, posting, at("2021-05-05"))
    assert len(double.calls_of("chat.update")) == 1
