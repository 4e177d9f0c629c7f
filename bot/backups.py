"""Daily backups while the bot runs: a council must keep its records, and a disk or a bad change
should cost at most a day.

`backup_rotate` is the whole job and pure apart from the files it writes: copy the database with
SQLite's online backup (safe while the bot writes) into the folder, under a name that sorts by
time, and keep the newest `keep` copies. Only files of its own naming are ever removed. A copy is
written under a temporary name and renamed when whole, so a crash never leaves a half backup that
counts as one. bot/scheduler.py runs it every night in `regionbot serve` (`run`), and at start
when the last copy is more than a day old (`due`).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.store import Store

log = logging.getLogger(__name__)

PREFIX = "regionbot-"
_NAME = re.compile(r"^regionbot-(\d{8}-\d{6})(?:-(\d+))?\.db$")


def backups(folder: Path) -> list[Path]:
    """The backups in the folder, oldest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and _NAME.match(p.name)]

    def key(p: Path):
        m = _NAME.match(p.name)
        return (m[1], int(m[2] or 0))

    return sorted(found, key=key)


def taken_at(path: Path) -> datetime | None:
    m = _NAME.match(path.name)
    return datetime.strptime(m[1], "%Y%m%d-%H%M%S") if m else None


def backup_rotate(store: Store, folder: Path, now: datetime, keep: int = 14) -> Path:
    """Write a backup of the store into `folder` and remove all but the newest `keep`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    target, n = folder / f"{stem}.db", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}.db"
    part = target.with_name(target.name + ".part")
    try:
        with store.write_lock:  # no write of ours runs half-way through the copy
            store.backup_to(str(part))
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    for old in backups(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def due(folder: Path, now: datetime, *, every: timedelta = timedelta(days=1)) -> bool:
    """Whether the newest backup is older than `every` (or there is none): at start, a bot that
    was down over its backup hour catches up."""
    found = backups(folder)
    if not found:
        return True
    last = taken_at(found[-1])
    return last is None or now.replace(tzinfo=None) - last >= every


def run(store: Store, settings: Settings) -> Path | None:
    """The scheduled job: one backup now (the clock is read here, at the edge)."""
    try:
        path = backup_rotate(
            store, settings.backup_folder, settings.current_time(), settings.backup_keep
        )
    except Exception:  # a full disk must not stop the bot; say so in the log
        log.exception("sikkerhetskopien feilet")
        return None
    log.info("sikkerhetskopi skrevet til %s", path)
    return path
