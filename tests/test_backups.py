"""Daily backups: a consistent copy that reads back the same rows, the newest N kept, nothing
else in the folder touched, and `regionbot serve` taking them."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta

from click.testing import CliRunner

from bot import backups
from bot.cli import cli
from bot.config import TZ
from bot.store import Store


def rows(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_backup_reads_back_the_same_rows(fresh_store, tmp_path, now):
    path = backups.backup_rotate(fresh_store, tmp_path / "b", now, keep=3)
    assert path.name == "regionbot-20210420-090000.db"
    assert rows(path) == list(fresh_store.db.conn.iterdump())
    assert not list((tmp_path / "b").glob("*.part"))


def test_only_the_newest_are_kept_and_other_files_are_left_alone(fresh_store, tmp_path, now):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "regionbot-old.db").write_text("not ours by name")
    made = [
        backups.backup_rotate(fresh_store, folder, now + timedelta(days=d), keep=3)
        for d in range(5)
    ]
    kept = backups.backups(folder)
    assert kept == made[-3:]
    assert (folder / "notes.txt").read_text() == "mine" and (folder / "regionbot-old.db").exists()


def test_two_backups_in_one_second_both_count(fresh_store, tmp_path, now):
    a = backups.backup_rotate(fresh_store, tmp_path, now, keep=5)
    b = backups.backup_rotate(fresh_store, tmp_path, now, keep=5)
    assert a != b and backups.backups(tmp_path) == [a, b]


def test_due_when_none_or_older_than_a_day(fresh_store, tmp_path, now):
    assert backups.due(tmp_path, now)
    backups.backup_rotate(fresh_store, tmp_path, now, keep=2)
    assert not backups.due(tmp_path, now + timedelta(hours=23))
    assert backups.due(tmp_path, now + timedelta(hours=25))


def test_the_scheduler_backs_up_nightly_at_the_backup_hour_and_catches_up(
    fresh_store, settings, tmp_path
):
    from bot import scheduler

    settings = settings.model_copy(update={"backup_dir": tmp_path / "b", "backup_hour": 3})
    [job] = [j for j in scheduler.jobs(settings, fresh_store, None) if j.id == scheduler.BACKUP_JOB]
    fire = job.trigger.get_next_fire_time(None, datetime(2021, 4, 20, 9, 0, tzinfo=TZ))
    assert (fire.date().isoformat(), fire.hour, fire.minute) == ("2021-04-21", 3, 0)
    now = settings.current_time()
    assert job.catch_up(now)  # none yet
    job.run()
    assert len(backups.backups(tmp_path / "b")) == 1 and not job.catch_up(now)


def test_serve_starts_the_backups(seeded_db, tmp_path, monkeypatch):
    import shutil

    db = tmp_path / "serve.db"
    shutil.copy(seeded_db, db)
    seen = {}

    def fake_serve(settings, store, **kw):
        deadline = time.monotonic() + 5
        while not backups.backups(tmp_path / "kopier") and time.monotonic() < deadline:
            time.sleep(0.02)
        seen["backups"] = backups.backups(tmp_path / "kopier")

    monkeypatch.setattr("bot.slack.server.serve", fake_serve)
    env = {
        "REGIONBOT_DB": str(db),
        "REGIONBOT_BACKUP_DIR": str(tmp_path / "kopier"),
        "REGIONBOT_NOW": "2021-04-20T09:00:00",
    }
    result = CliRunner().invoke(cli, ["serve"], env=env)
    assert result.exit_code == 0, result.output
    [copy] = seen["backups"]
    assert len(rows(copy)) == len(list(Store.open(db).db.conn.iterdump()))
