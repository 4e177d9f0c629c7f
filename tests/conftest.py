"""Shared fixtures: a knowledge store built once per session, and fresh copies for tests that write."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from bot.config import TZ, Settings
from bot.ingest import load_knowledge
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "seed.db"
    store = Store.open(path)
    load_knowledge(store, KNOWLEDGE)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def store(seeded_db) -> Store:
    """The seed knowledge, read-only by convention (use `fresh_store` to write)."""
    return Store.open(seeded_db)


@pytest.fixture
def fresh_store(seeded_db, tmp_path) -> Store:
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    s = Store.open(path)
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        REGIONBOT_DB=tmp_path / "regionbot.db",
        REGIONBOT_KNOWLEDGE=KNOWLEDGE,
        REGIONBOT_NOW="2021-04-20T09:00:00",
        _env_file=None,
    )


@pytest.fixture
def now() -> datetime:
    """A Tuesday inside the documents' time: the hearing of the 2021-2022 plan is running."""
    return datetime(2021, 4, 20, 9, 0, tzinfo=TZ)
