"""What `regionbot serve` does on its own, on the clock: APScheduler (BackgroundScheduler,
Europe/Oslo) running a list of jobs. Today: the reminder sweep at REMINDER_TIME on working days
and the daily backup; other services add theirs by appending a job factory to `JOBS`.

A job that should have run while the bot was down (a restart at 09:30, a night without power)
is caught up at start when its `catch_up` says so. That never sends anything twice: the outbox
decides what is new (bot/outbox.py), the backups by their age.

The clock is read here, at the edge (`settings.current_time()`), and passed into the services.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from bot import workdays
from bot.config import Settings
from bot.store import Store

log = logging.getLogger(__name__)

REMINDER_JOB = "reminder-sweep"
BACKUP_JOB = "daily-backup"


@dataclass
class Job:
    id: str
    run: Callable[[], object]
    trigger: object  # an APScheduler trigger
    catch_up: Callable[[datetime], bool] | None = None  # at start: run once now?


def _reminder_jobs(settings: Settings, store: Store, client) -> list[Job]:
    from apscheduler.triggers.cron import CronTrigger

    if client is None:
        return []  # no Slack token: nothing to send with
    hour, minute = settings.send_time

    def sweep() -> None:
        now = settings.current_time()
        if not workdays.is_working_day(now.astimezone(settings.tz).date()):
            log.info("påminnelser: %s er ikke en arbeidsdag", now.date())
            return
        from bot.slack.reminding import sweep as run

        try:
            report = run(store, client, now, settings)
        except Exception:  # one bad sweep must not stop the scheduler; the next one retries
            log.exception("påminnelsene feilet")
            return
        log.info("påminnelser: %s", report.summary())

    def missed(now: datetime) -> bool:
        from bot.reminders import LAST_SWEEP

        local = now.astimezone(settings.tz)
        return (
            workdays.is_working_day(local.date())
            and local.time() >= time(hour, minute)
            and store.meta(LAST_SWEEP) != local.date().isoformat()
        )

    trigger = CronTrigger(day_of_week="mon-fri", hour=hour, minute=minute, timezone=settings.tz)
    return [Job(REMINDER_JOB, sweep, trigger, missed)]


def _backup_jobs(settings: Settings, store: Store, client) -> list[Job]:
    from apscheduler.triggers.cron import CronTrigger

    from bot import backups

    return [
        Job(
            BACKUP_JOB,
            lambda: backups.run(store, settings),
            CronTrigger(hour=settings.backup_hour, minute=0, timezone=settings.tz),
            lambda now: backups.due(settings.backup_folder, now),
        )
    ]


AGENDA_JOB = "agenda-posting"


def _agenda_jobs(settings: Settings, store: Store, client) -> list[Job]:
    """Agendas to the bodies' channels REGIONBOT_AGENDA_DAYS before each meeting, daily at the
    send time (bot/slack/agenda_post.py); at start it catches up, as posting twice is impossible."""
    from apscheduler.triggers.cron import CronTrigger

    if client is None:
        return []
    hour, minute = settings.send_time

    def sweep() -> None:
        from bot.slack.agenda_post import post_due

        try:
            done = post_due(store, client, settings, settings.current_time())
        except Exception:  # the next sweep retries; the scheduler goes on
            log.exception("sakslistene feilet")
            return
        for line in done:
            log.info("saksliste: %s", line)

    def missed(now: datetime) -> bool:
        return now.astimezone(settings.tz).time() >= time(hour, minute)

    trigger = CronTrigger(hour=hour, minute=minute, timezone=settings.tz)
    return [Job(AGENDA_JOB, sweep, trigger, missed)]


# Job factories: (settings, store, Slack client or None) -> jobs. Append yours.
JOBS: list[Callable[[Settings, Store, object], list[Job]]] = [
    _reminder_jobs,
    _backup_jobs,
    _agenda_jobs,
]


def jobs(settings: Settings, store: Store, client) -> list[Job]:
    return [job for factory in JOBS for job in factory(settings, store, client)]


def build_scheduler(settings: Settings, store: Store, client, *, job_list: list[Job] | None = None):
    """A BackgroundScheduler (not started) with every job; a missed run fires once, late, rather
    than several times (coalesce), and at most one of each job runs at a time."""
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone=settings.tz)
    for job in job_list if job_list is not None else jobs(settings, store, client):
        scheduler.add_job(
            job.run,
            job.trigger,
            id=job.id,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=6 * 3600,
        )
    return scheduler


def catch_up(job_list: list[Job], now: datetime) -> list[str]:
    """Run now what was missed while the bot was down; the ids of the jobs that ran."""
    ran = []
    for job in job_list:
        if job.catch_up and job.catch_up(now):
            log.info("tar igjen %s", job.id)
            job.run()
            ran.append(job.id)
    return ran


def start(settings: Settings, store: Store, client):
    """Start the scheduler for `regionbot serve` and catch up (in the scheduler's own thread, so
    the bot answers at once). Returns it; call `.shutdown()` at exit."""
    job_list = jobs(settings, store, client)
    scheduler = build_scheduler(settings, store, client, job_list=job_list)
    scheduler.start()
    scheduler.add_job(catch_up, args=[job_list, settings.current_time()], id="catch-up")
    return scheduler
