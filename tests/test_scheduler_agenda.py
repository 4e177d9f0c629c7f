"""The scheduler's agenda job: each agenda posted once, 7 days before, also across a restart."""

from __future__ import annotations

from datetime import datetime

import pytest
from slack_sdk import WebClient

from bot import scheduler as S
from bot.config import TZ
from bot.store import Store
from tests.slack.slack_double import SlackDouble

CHANNEL = "C0AU"


@pytest.fixture
def double():
    d = SlackDouble().start()
    yield d
    d.stop()


@pytest.fixture
def client(double):
    return WebClient(token="xoxb-test", base_url=double.api_url, retry_handlers=[])


def _at(settings, iso):
    return settings.model_copy(update={"now": iso, "agenda_channels": f"Arbeidsutvalget={CHANNEL}"})


def _agenda_job(settings, store, client):
    return next(j for j in S.jobs(settings, store, client) if j.id == S.AGENDA_JOB)


def _posted(double):
    return [
        c
        for c in double.calls_of("chat.postMessage")
        if c.args["channel"] == CHANNEL and not c.args.get("thread_ts")
    ]


def test_the_agenda_job_runs_daily_at_the_send_time(fresh_store, client, settings):
    job = _agenda_job(_at(settings, "2021-05-01T09:00:00"), fresh_store, client)
    saturday = datetime(2021, 5, 1, 9, 0, tzinfo=TZ)
    assert job.trigger.get_next_fire_time(None, saturday) == datetime(2021, 5, 2, 8, 0, tzinfo=TZ)
    assert S.AGENDA_JOB not in [j.id for j in S.jobs(settings, fresh_store, None)]


def test_each_agenda_once_seven_days_before_across_a_restart(fresh_store, client, double, settings):
    _agenda_job(_at(settings, "2021-05-02T08:00:00"), fresh_store, client).run()
    assert _posted(double) == []  # 8 days before AU 10 May
    monday = _at(settings, "2021-05-03T08:00:00")
    _agenda_job(monday, fresh_store, client).run()
    [posted] = _posted(double)
    assert "Arbeidsutvalget mandag 10. mai 2021" in posted.all_text()

    path = fresh_store.path
    fresh_store.close()
    store = Store.open(path)  # `regionbot serve` restarted the same morning, and the days after
    try:
        late = _at(settings, "2021-05-03T10:30:00")
        job = _agenda_job(late, store, client)
        assert S.catch_up([job], late.current_time()) == [S.AGENDA_JOB]
        _agenda_job(_at(settings, "2021-05-04T08:00:00"), store, client).run()
    finally:
        store.close()
    assert len(_posted(double)) == 1
