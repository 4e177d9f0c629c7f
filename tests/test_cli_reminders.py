"""`regionbot remind`: the acceptance checks of the reminders, through the CLI on the seed
knowledge."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from bot.cli import cli

HEARING = "d001-dl-hoering-2021-04-27"


@pytest.fixture
def run(seeded_db, tmp_path):
    db = tmp_path / "cli.db"
    shutil.copy(seeded_db, db)

    def invoke(*args, env=None):
        return CliRunner().invoke(
            cli,
            list(args),
            env={"REGIONBOT_DB": str(db), "LLM_MODEL": "", "SLACK_BOT_TOKEN": "", **(env or {})},
        )

    return invoke


def _rows(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_seven_days_before_the_hearing_deadline(run):
    rows = _rows(run("remind", "--now", "2021-04-20T08:00", "--dry-run", "--json"))
    (row,) = [r for r in rows if r["item"]["id"] == HEARING]
    assert row["lead"] == 7 and row["due"] == "2021-04-27"
    assert row["item"]["kind"] == "deadline" and row["item"]["ref"].startswith("F-")
    # "medlemmene og andre" is nobody the bot knows: the advisor gets it, marked so.
    assert row["recipient"] == {"name": "Rune Jørgensen", "slack_user_id": None}
    assert row["unowned"] is True
    assert "tirsdag 27. april 2021, om 7 dager" in row["text"]


def test_one_day_before(run):
    rows = _rows(run("remind", "--now", "2021-04-26T08:00", "--dry-run", "--json"))
    assert [(r["item"]["id"], r["lead"]) for r in rows] == [(HEARING, 1)]
    assert "i morgen" in rows[0]["text"]


def test_a_sunday_sends_nothing(run):
    assert _rows(run("remind", "--now", "2021-04-25T08:00", "--dry-run", "--json")) == []
    result = run("remind", "--now", "2021-04-25T08:00", "--dry-run")
    assert result.exit_code == 0 and "Ingen påminnelser søndag 25. april 2021" in result.output


def test_the_listing_in_words(run):
    result = run("remind", "--now", "2021-04-20T08:00", "--dry-run")
    assert result.exit_code == 0
    assert "Rune Jørgensen (ingen Slack-ID): 1 påminnelse(r)" in result.output
    assert "[ingen mottaker]" in result.output


def test_sending_needs_a_token(run):
    result = run("remind", "--now", "2021-04-20T08:00")
    assert result.exit_code == 1 and "SLACK_BOT_TOKEN mangler" in result.output


def test_a_malformed_now_is_refused_in_norwegian(run):
    result = run("remind", "--now", "i går", "--dry-run")
    assert result.exit_code == 1 and "ukjent dato" in result.output


def test_without_dry_run_it_sends_once_and_records_the_outbox(seeded_db, tmp_path):
    from bot.store import Store
    from tests.slack.slack_double import SlackDouble

    db = tmp_path / "send.db"
    shutil.copy(seeded_db, db)
    store = Store.open(db)
    with store.transaction():
        store.put_people_directory(
            [
                {
                    "name": "Rune Jørgensen",
                    "roles": ["regionrådgiver"],
                    "access": "advisor",
                    "slack_user_id": "U0RUNE",
                }
            ]
        )
    store.close()
    double = SlackDouble().start()
    env = {
        "REGIONBOT_DB": str(db),
        "LLM_MODEL": "",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": double.api_url,
    }
    try:
        first = CliRunner().invoke(cli, ["remind", "--now", "2021-04-20T08:00", "--json"], env=env)
        again = CliRunner().invoke(cli, ["remind", "--now", "2021-04-20T08:00"], env=env)
    finally:
        double.stop()
    report = _rows(first)
    assert report["sent"] == ["reminder|Rune Jørgensen|2021-04-20"]
    assert again.exit_code == 0 and "0 nye meldinger" in again.output and "sendt: 0" in again.output
    (post,) = double.calls_of("chat.postMessage")
    assert post.args["channel"] == "U0RUNE" and "om 7 dager" in post.all_text()
    store = Store.open(db)
    assert store.outbox_rows(state="sent")[0]["ts"] == double.messages["D0RUNE"][0]["ts"]
    store.close()
