"""`regionbot update`, `history`, `backup` and `export` as the advisor and scripts use them."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from bot.cli import cli


@pytest.fixture
def run(seeded_db, tmp_path):
    db = tmp_path / "cli.db"
    shutil.copy(seeded_db, db)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(
            cli,
            list(args),
            env={"REGIONBOT_DB": str(db), "REGIONBOT_NOW": "2021-04-15T10:00:00", "LLM_MODEL": ""},
        )

    invoke.db = db
    return invoke


def _mobile_ref(run) -> str:
    rows = json.loads(run("measures", "--plan", "2021-2022", "--json").output)
    [m] = [r for r in rows if "kartlegging" in r["text"] and "mobildek" in r["text"]]
    return m["ref"]


def test_update_then_ask_names_the_status_and_who_set_it(run):
    ref = _mobile_ref(run)
    assert ref == "T21-4"
    result = run(
        "update", ref, "--status", "pågår", "--comment", "søknad sendt", "--as", "Rune Jørgensen"
    )
    assert result.exit_code == 0, result.output
    answer = run("ask", "hva er status på mobildekning?").output
    assert "Pågår" in answer and "Rune Jørgensen" in answer and "søknad sendt" in answer
    history = run("history", ref).output
    assert "Rune Jørgensen" in history and "pågår" in history and "søknad sendt" in history
    rows = json.loads(run("history", ref, "--json").output)["history"]
    assert rows[0]["new"] == "pågår" and rows[0]["origin"] == "cli"


def test_update_by_someone_unknown_is_refused_and_writes_nothing(run):
    before = list(sqlite3.connect(run.db).iterdump())
    result = run("update", "T21-4", "--status", "ferdig", "--as", "Ola Nordmann")
    assert result.exit_code != 0
    assert "Feil:" in result.output and "Ola Nordmann" in result.output
    assert list(sqlite3.connect(run.db).iterdump()) == before


def test_unknown_status_and_unknown_reference_get_norwegian_messages(run):
    bad = run("update", "T21-4", "--status", "kanskje", "--as", "Rune Jørgensen")
    assert bad.exit_code != 0 and "Ukjent status" in bad.output
    missing = run("update", "T99-1", "--status", "ferdig", "--as", "Rune Jørgensen")
    assert missing.exit_code != 0 and "Fant ikke" in missing.output


def test_backup_and_export_read_back_the_same_rows(run, tmp_path):
    run("update", "T21-4", "--status", "ferdig", "--as", "Rune Jørgensen")
    copy = tmp_path / "backup.db"
    assert run("backup", str(copy)).exit_code == 0
    original = sqlite3.connect(run.db)
    backup = sqlite3.connect(copy)
    for table in ["measures", "updates", "refs", "overlay", "people"]:
        q = f"SELECT * FROM {table} ORDER BY rowid"
        assert original.execute(q).fetchall() == backup.execute(q).fetchall()
    assert run("backup", str(copy)).exit_code != 0  # never overwrites

    out = tmp_path / "export"
    assert run("export", "--format", "json", str(out)).exit_code == 0
    measures = json.loads((out / "measures.json").read_text(encoding="utf-8"))
    assert len(measures) == original.execute("SELECT count(*) FROM measures").fetchone()[0]
    updates = json.loads((out / "updates.json").read_text(encoding="utf-8"))
    assert updates[-1]["author"] == "Rune Jørgensen"
    assert run("export", "--format", "csv", str(tmp_path / "csv")).exit_code == 0
    import csv

    with (tmp_path / "csv" / "refs.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == original.execute("SELECT count(*) FROM refs").fetchone()[0]
