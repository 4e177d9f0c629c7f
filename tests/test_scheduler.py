"""The scheduler of `regionbot serve`: the reminder sweep at the send time on working days, a
missed sweep caught up at start without duplicates, and room for other jobs."""

from __future__ import annotations

from datetime import datetime

import pytest
from slack_sdk import WebClient

from bot import scheduler as S
from bot.config import TZ
from bot.reminders import LAST_SWEEP
from tests.reminder_data import add_measure, directory
from tests.slack.slack_double import SlackDouble


@pytest.fixture
def double():
    d = SlackDouble().start()
    yield d
    d.stop()


@pytest.fixture
def client(double):
    return WebClient(token="xoxb-test", base_url=double.api_url, retry_handlers=[])


@pytest.fixture
def db(fresh_store):
    db = directory(fresh_store)
    add_measure(db, "Jernbaneforum", "2021-04-27", ["Hans Vintervold"])
    return db


def _job(job_list, job_id):
    return next(j for j in job_list if j.id == job_id)


def _at(settings, iso):
    return settings.model_copy(update={"now": iso})


def test_the_sweep_runs_at_the_send_time_on_weekdays(db, client, settings):
    scheduler = S.build_scheduler(settings, db, client)
    job = scheduler.get_job(S.REMINDER_JOB)
    friday = datetime(2021, 4, 23, 9, 0, tzinfo=TZ)
    assert job.trigger.get_next_fire_time(None, friday) == datetime(2021, 4, 26, 8, 0, tzinfo=TZ)
    assert scheduler.get_job(S.BACKUP_JOB) is not None


def test_without_slack_there_is_no_sweep(db, settings):
    assert [j.id for j in S.jobs(settings, db, None)] == [S.BACKUP_JOB]


def test_the_sweep_skips_public_holidays(db, client, double, settings):
    easter_monday = _at(settings, "2021-04-05T08:00:00")
    _job(S.jobs(easter_monday, db, client), S.REMINDER_JOB).run()
    assert double.calls_of("chat.postMessage") == [] and db.meta(LAST_SWEEP) is None


def test_a_missed_sweep_is_caught_up_at_start_once(db, client, double, settings):
    late = _at(settings, "2021-04-20T10:30:00")
    job_list = [_job(S.jobs(late, db, client), S.REMINDER_JOB)]
    assert S.catch_up(job_list, late.current_time()) == [S.REMINDER_JOB]
    assert [c.args["channel"] for c in double.calls_of("chat.postMessage")] == ["U0HANS", "U0RUNE"]
    # A second start the same day catches up nothing, and the 08:00 run would send nothing new.
    assert S.catch_up(job_list, late.current_time()) == []
    job_list[0].run()
    assert len(double.calls_of("chat.postMessage")) == 2


def test_no_catch_up_before_the_send_time_or_on_a_sunday(db, client, settings):
    for iso in ["2021-04-20T07:30:00", "2021-04-25T10:00:00"]:
        early = _at(settings, iso)
        job_list = [_job(S.jobs(early, db, client), S.REMINDER_JOB)]
        assert S.catch_up(job_list, early.current_time()) == []


def test_other_services_add_their_jobs(db, client, settings, monkeypatch):
    ran = []
    monkeypatch.setattr(
        S, "JOBS", [*S.JOBS, lambda s, st, c: [S.Job("agenda", lambda: ran.append(1), None)]]
    )
    assert [j.id for j in S.jobs(settings, db, client)][-1] == "agenda"
