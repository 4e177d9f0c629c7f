"""`regionbot agenda`, `protocol`, `calendar`, `meetings` and `decisions` as users run them."""

import json
import shutil

import icalendar
import pytest
from click.testing import CliRunner

from bot.cli import cli


@pytest.fixture
def run(seeded_db, tmp_path):
    db = tmp_path / "cli.db"
    shutil.copy(seeded_db, db)

    def invoke(*args):
        return CliRunner().invoke(
            cli,
            list(args),
            env={"REGIONBOT_DB": str(db), "REGIONBOT_NOW": "2021-05-03T09:00:00", "LLM_MODEL": ""},
        )

    return invoke


def test_agenda_json_of_au_10_may(run):
    result = run("agenda", "AU 2021-05-10", "--json")
    assert result.exit_code == 0, result.output
    agenda = json.loads(result.output)
    parts = agenda["parts"]
    assert len(parts) == 6 and parts[-1]["title"] == "Eventuelt"
    cases = parts[2]["cases"]
    assert any("etter høringen" in c["title"] and "27. april" in str(c["documents"]) for c in cases)
    assert "3. mars 2021" in parts[1]["text"]


def test_agenda_of_an_unknown_meeting_is_a_norwegian_error(run):
    result = run("agenda", "AU 2030-01-01")
    assert result.exit_code == 1
    assert "Fant ikke noe møte" in result.output


def test_meetings_json_holds_au_3_march_with_sak_18(run):
    result = run("meetings", "--json")
    rows = json.loads(result.output)
    au = next(m for m in rows if m["body"] == "Arbeidsutvalget" and m["date"] == "2021-03-03")
    assert [c["number"] for c in au["cases"]] == ["18/2021"]
    assert au["ref"].startswith("M-")
    text = run("meetings").output
    assert f"{au['ref']} Arbeidsutvalget: onsdag 3. mars 2021" in text


def test_decisions_register_has_no_unknown_body_and_sak_18_is_complete(run):
    text = run("decisions").output
    assert "Ukjent organ" not in text and "udatert" not in text
    assert "Andre organers vedtak" in text
    rows = json.loads(run("decisions", "--json").output)
    sak = next(r for r in rows if r["case_number"] == "18/2021")
    assert sak["body"] == "Arbeidsutvalget" and sak["date"] == "2021-03-03"
    assert sak["meeting"]["date"] == "2021-03-03" and sak["own"] is True
    fylket = next(r for r in rows if "Fylkestinget" in (r["body"] or ""))
    assert fylket["own"] is False
    own_text = text.split("Andre organers vedtak")[0]
    assert "Fylkestinget" not in own_text and "Kommunestyret i Elverum" not in own_text


def test_decisions_by_body_and_year(run):
    rows = json.loads(
        run("decisions", "--body", "arbeidsutvalget", "--year", "2021", "--json").output
    )
    assert rows and all(r["body"] == "Arbeidsutvalget" for r in rows)
    assert {r["date"] for r in rows if r["date"]} == {"2021-01-06", "2021-03-03"}


def test_protocol_names_the_case_and_decision(run):
    result = run("protocol", "AU", "2021-03-03")
    assert result.exit_code == 0, result.output
    assert "Sak 18/2021" in result.output and "Avstemning: enstemmig" in result.output


def test_calendar_writes_an_ics_that_parses(run):
    result = run("calendar")
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(result.stdout_bytes)
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert "meeting-d001-au-2021-03-03@regionbot" in uids
    assert len(uids) == len(set(uids))


def test_agenda_post_goes_to_the_bodys_channel_once(seeded_db, tmp_path):
    from tests.slack.slack_double import SlackDouble

    db = tmp_path / "post.db"
    shutil.copy(seeded_db, db)
    double = SlackDouble().start()
    try:
        env = {
            "REGIONBOT_DB": str(db),
            "REGIONBOT_NOW": "2021-05-03T09:00:00",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": double.api_url,
            "REGIONBOT_AGENDA_CHANNELS": "AU=C0AU",
        }
        first = CliRunner().invoke(cli, ["agenda", "AU 2021-05-10", "--post"], env=env)
        assert first.exit_code == 0, first.output
        assert "lagt ut" in first.output
        again = CliRunner().invoke(cli, ["agenda", "AU 2021-05-10", "--post"], env=env)
        assert "allerede lagt ut" in again.output
        posts = [c for c in double.calls_of("chat.postMessage") if c.args["channel"] == "C0AU"]
        assert len(posts) == 1
    finally:
        double.stop()
