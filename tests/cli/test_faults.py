"""Faults of the machine and its files: one Norwegian line and a non-zero exit, no traceback.
Run through `main`, as the `regionbot` script runs, in a folder of its own."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from bot.cli import main
from bot.cli.faults import explain
from tests.conftest import KNOWLEDGE


@pytest.fixture
def regionbot(tmp_path, monkeypatch, capsys):
    """regionbot(*args, **env) -> (exit code, stdout, stderr), run from an empty folder."""
    home = tmp_path / "run"
    home.mkdir()
    monkeypatch.chdir(home)
    for name in ("REGIONBOT_DB", "REGIONBOT_KNOWLEDGE", "SLACK_BOT_TOKEN", "LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REGIONBOT_KNOWLEDGE", str(KNOWLEDGE))
    monkeypatch.setenv("REGIONBOT_NOW", "2021-04-20")

    def run(*args: str, **env: str):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["regionbot", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("Feil: ")
    return lines[0]


def test_the_database_path_is_a_directory(regionbot, tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    code, _, err = regionbot("plans", REGIONBOT_DB=str(folder))
    assert code == 1
    assert "er en mappe" in _one_line(err) or "peker på mappen" in err


@pytest.mark.parametrize(
    "content", [b"this is not a database, just text\n" * 100, b"SQLite format 3\0" + b"\1" * 50]
)
def test_a_file_that_is_not_a_database(regionbot, tmp_path, content):
    path = tmp_path / "regionbot.db"
    path.write_bytes(content)
    code, _, err = regionbot("plans", REGIONBOT_DB=str(path))
    assert code == 1
    assert "ikke en gyldig regionbot-database" in _one_line(err)
    assert path.read_bytes() == content  # left as it was, for the advisor to look at


def test_a_truncated_database(regionbot, seeded_db, tmp_path):
    path = tmp_path / "regionbot.db"
    data = seeded_db.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    code, _, err = regionbot("measures", "--plan", "2021", REGIONBOT_DB=str(path))
    assert code == 1
    assert "ikke en gyldig regionbot-database" in _one_line(err)


def _read_only(folder) -> tuple:
    """Make a folder read-only even for root (who ignores modes): immutable where chattr works."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return (lambda: folder.chmod(0o755),)
    if not shutil.which("chattr"):
        pytest.skip("root ignores read-only modes and chattr is missing")
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("this file system cannot make a folder immutable")
    return (lambda: subprocess.run(["chattr", "-i", str(folder)], check=True),)


def test_a_read_only_database_folder(regionbot, seeded_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(seeded_db, folder / "regionbot.db")
    (undo,) = _read_only(folder)
    try:
        code, _, err = regionbot("plans", REGIONBOT_DB=str(folder / "regionbot.db"))
    finally:
        undo()
    assert code == 1
    assert "kan ikke skrives" in _one_line(err) and "skriverett" in err


def test_read_only_and_locked_databases_are_explained(tmp_path):
    db = tmp_path / "regionbot.db"
    readonly = explain(sqlite3.OperationalError("attempt to write a readonly database"), db)
    assert "skriverett" in readonly and str(tmp_path) in readonly
    locked = explain(sqlite3.OperationalError("database is locked"), db)
    assert "låst av en annen prosess" in locked
    assert explain(PermissionError(13, "Permission denied", str(db)), db).startswith(
        "ingen tilgang"
    )
    assert explain(ValueError("a bug")) is None


def test_a_lock_held_by_another_process(regionbot, seeded_db, tmp_path):
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = regionbot(
            "init", "--force", REGIONBOT_DB=str(path), REGIONBOT_DB_BUSY_SECONDS="0.2"
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1
    assert "låst av en annen prosess" in _one_line(err)


def test_an_env_file_that_is_not_utf8(regionbot, tmp_path):
    (tmp_path / "run" / ".env").write_bytes("REGIONBOT_TZ=Europe/Oslo\n# Bodø\n".encode("latin-1"))
    code, _, err = regionbot("plans", REGIONBOT_DB=str(tmp_path / "x.db"))
    assert code == 1
    assert "ikke UTF-8" in _one_line(err)


def test_a_missing_knowledge_folder_exits_and_leaves_the_store(regionbot, seeded_db, tmp_path):
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    before = path.read_bytes()
    code, _, err = regionbot(
        "plans", REGIONBOT_DB=str(path), REGIONBOT_KNOWLEDGE=str(tmp_path / "borte")
    )
    assert code == 1
    assert "Fant ikke kunnskapsbasen i" in _one_line(err)
    counts = sqlite3.connect(path).execute("SELECT count(*) FROM measures").fetchone()[0]
    assert counts > 100
    assert len(path.read_bytes()) == len(before)


def test_an_empty_knowledge_folder_keeps_everything_until_init_prune(
    regionbot, seeded_db, tmp_path
):
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    empty = tmp_path / "tom"
    empty.mkdir()
    env = {"REGIONBOT_DB": str(path), "REGIONBOT_KNOWLEDGE": str(empty)}
    code, out, err = regionbot("measures", "--plan", "2021", "--json", **env)
    assert code == 0 and '"id"' in out
    assert "5 dokument(er) finnes ikke lenger" in err and "regionbot init --prune" in err

    code, out, err = regionbot("init", **env)
    assert code == 0 and "regionbot init --prune" in err
    measures = sqlite3.connect(path).execute("SELECT count(*) FROM measures").fetchone()[0]
    assert measures > 100

    code, out, err = regionbot("init", "--prune", **env)
    assert code == 0 and "Fjernet: 5 dokument(er)" in out
    assert sqlite3.connect(path).execute("SELECT count(*) FROM measures").fetchone()[0] == 0


def test_ingest_rejects_a_directory_with_a_message(regionbot, seeded_db, tmp_path):
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    (tmp_path / "mappe.md").mkdir()
    code, _, err = regionbot("ingest", str(tmp_path / "mappe.md"), REGIONBOT_DB=str(path))
    assert code == 1 and "er en mappe" in _one_line(err)


def test_serve_takes_a_host(regionbot, monkeypatch, seeded_db, tmp_path):
    import bot.slack.server as server

    seen = {}
    monkeypatch.setattr(server, "serve", lambda settings, store, **kw: seen.update(kw))
    path = tmp_path / "regionbot.db"
    shutil.copy(seeded_db, path)
    assert regionbot("serve", "--host", "0.0.0.0", "--port", "3100", REGIONBOT_DB=str(path))[0] == 0
    assert seen == {"host": "0.0.0.0", "port": 3100}
    regionbot("serve", REGIONBOT_DB=str(path))
    assert seen["host"] == "127.0.0.1"
