"""The CLI as users and scripts use it: Norwegian output, --json with ids and sources."""

import json
import shutil

import pytest
from click.testing import CliRunner

from bot.cli import cli


@pytest.fixture
def run(seeded_db, tmp_path):
    db = tmp_path / "cli.db"
    shutil.copy(seeded_db, db)
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(
            cli,
            list(args),
            input=input,
            env={"REGIONBOT_DB": str(db), "REGIONBOT_NOW": "2021-04-20T09:00:00", "LLM_MODEL": ""},
        )
        return result

    return invoke


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_measures_of_the_2021_plan(run):
    rows = _json(run("measures", "--plan", "2021", "--json"))
    assert len(rows) == 21
    for row in rows:
        assert row["id"] and row["owners"]
        assert row["source"]["title"] and row["source"]["quote"]


def test_measures_of_the_2019_plan(run):
    rows = _json(run("measures", "--plan", "2019", "--json"))
    texts = " ".join(r["text"] for r in rows)
    assert len(rows) == 25
    for activity in [
        "Jernbaneforum",
        "Vegforum RV3",
        "Lufthavnrådet",
        "Skapende ungdomsmesse",
        "Ferdigstille kommunikasjonsplan med markedsplan",
    ]:
        assert activity in texts


def test_deadlines_in_a_range_hold_the_hearing_deadline(run):
    rows = _json(run("deadlines", "--from", "2021-04-01", "--to", "2021-05-31", "--json"))
    assert "2021-04-27" in [r["due"] for r in rows]


def test_meetings_of_may_2021(run):
    rows = _json(run("meetings", "--json"))
    dates = {(r["body"], r["date"]) for r in rows}
    assert ("Arbeidsutvalget", "2021-05-10") in dates
    assert ("Regionrådet", "2021-05-26") in dates


def test_human_output_is_norwegian(run):
    result = run("deadlines", "--from", "2021-04-01", "--to", "2021-04-30")
    assert "tirsdag 27. april 2021" in result.output


def test_search_mobildekning_finds_the_goal_and_its_measures(run):
    rows = _json(run("search", "mobildekning", "--json"))
    kinds = {r["kind"] for r in rows}
    assert {"goal", "measure"} <= kinds
    assert any("kartlegging" in r["text"] for r in rows if r["kind"] == "measure")


def test_search_without_diacritics(run):
    rows = _json(run("search", "oppfolging", "--json"))
    assert rows and any("oppfølging" in r["text"] for r in rows)


def test_bad_date_gets_a_norwegian_message(run):
    result = run("deadlines", "--from", "i går")
    assert result.exit_code != 0
    assert "ukjent dato" in result.output


def test_ask_json_reads_questions_from_stdin_one_answer_per_line(run):
    result = run(
        "ask", "--json", "-", input="hvem har ansvar for jernbaneforum?\n\nhvem er ordfører i Os?\n"
    )
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert len(lines) == 2
    assert lines[0]["found"] is True and "Administrasjonen" in lines[0]["answer"]
    assert lines[0]["sources"]
    assert lines[1]["found"] is False


def test_ingest_reports_unreadable_file_in_norwegian(run, tmp_path):
    result = run("ingest", str(tmp_path / "finnes-ikke.pdf"))
    assert result.exit_code == 1
    assert "Fant ikke filen" in result.output


def test_malformed_clock_gets_a_norwegian_message(seeded_db, tmp_path):
    db = tmp_path / "cli.db"
    shutil.copy(seeded_db, db)
    result = CliRunner().invoke(
        cli, ["ask", "hei"], env={"REGIONBOT_DB": str(db), "REGIONBOT_NOW": "i morgen"}
    )
    assert result.exit_code == 1
    assert "REGIONBOT_NOW «i morgen» er ikke en dato" in result.output


def test_an_empty_question_asks_for_one(run):
    for text in ("", "???"):
        result = run("ask", "--json", text)
        answer = json.loads(result.output)
        assert answer["found"] is False and "Skriv et spørsmål" in answer["answer"]


def test_demo_shows_all_four_jobs_without_sending(run):
    result = run("demo")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Tiltakene i handlingsplanen 2021-2022" in out
    assert "Påminnelser i morgensendingen" in out and "om 7 dager" in out
    assert "Saksliste for neste møte" in out and "6. Eventuelt" in out
    assert "Spørsmål og svar" in out and "Administrasjonen" in out
