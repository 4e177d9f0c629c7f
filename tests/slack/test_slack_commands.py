"""`/regionbot`: parsing (no Slack) and signed command requests answered through response_url."""

from __future__ import annotations

import pytest

from bot.slack.commands.regionbot import Parsed, parse
from tests.slack.conftest import MEMBER


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", Parsed("help")),
        ("   ", Parsed("help")),
        ("hjelp", Parsed("help")),
        ("Hjelp meg", Parsed("help")),
        ("frister", Parsed("deadlines", 30)),
        ("frister 30", Parsed("deadlines", 30)),
        ("frister 7 dager", Parsed("deadlines", 7)),
        ("FRISTER  14", Parsed("deadlines", 14)),
        ("tiltak", Parsed("measures", None)),
        ("tiltak mine", Parsed("measures", "mine")),
        ("tiltak mobildekning", Parsed("measures", "mobildekning")),
        ("møter", Parsed("meetings")),
        ("moter", Parsed("meetings")),
        ("når er høringsfristen?", Parsed("question", "når er høringsfristen?")),
        ("frister i mai?", Parsed("question", "frister i mai?")),
        ("møter om jernbane?", Parsed("question", "møter om jernbane?")),
    ],
)
def test_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["???", "frister -3", "frister 0", "frister 99999"])
def test_malformed_input_gets_the_usage(text):
    assert parse(text).kind == "usage"


def run(bot, text, *, user_id="U0ASKER", channel_id="C0PUBLIC"):
    url = bot.double.response_url("cmd")
    reply = bot.slack.command(text, response_url=url, user_id=user_id, channel_id=channel_id)
    assert reply.status == 200
    return bot.double.wait_for("response_url")


def test_frister_30_lists_the_deadlines_of_the_next_30_days(bot):
    call = run(bot, "frister 30")
    assert call.args["response_type"] == "ephemeral"
    text = call.all_text()
    assert "tirsdag 27. april 2021" in text
    assert "Frist for å levere innspill" in text
    assert "Frister fra tirsdag 20. april 2021 til torsdag 20. mai 2021" in text
    assert "2021-01-31" not in text and "januar 2021" not in text  # past deadlines stay out


def test_frister_counts_from_the_configured_clock(bot):
    text = run(bot, "frister 3").all_text()
    assert "27. april" not in text
    assert "Ingen frister i perioden." in text


def test_empty_command_and_hjelp_give_the_usage(bot):
    text = run(bot, "").all_text()
    assert "/regionbot frister [dager]" in text and "/regionbot tiltak mine" in text


def test_malformed_command_explains_and_gives_the_usage(bot):
    text = run(bot, "frister -3").all_text()
    assert "forstod ikke" in text and "/regionbot hjelp" in text


def test_free_text_is_a_question(bot):
    call = run(bot, "hvem har ansvar for jernbaneforum?")
    assert call.args["response_type"] == "ephemeral"
    assert "Administrasjonen" in call.text
    assert {
        e["action_id"] for b in call.args["blocks"] if b["type"] == "actions" for e in b["elements"]
    } == {
        "feedback_up",
        "feedback_down",
    }


def test_moter_lists_coming_meetings(bot):
    text = run(bot, "møter").all_text()
    assert "mandag 10. mai 2021" in text and "onsdag 26. mai 2021" in text
    assert "2016" not in text  # past meetings stay out


def test_tiltak_search(bot):
    text = run(bot, "tiltak jernbaneforum").all_text()
    assert "Jernbaneforum" in text
    assert "Administrasjonen" in text


def test_tiltak_mine_for_a_mapped_member(start_bot, member_store):
    bot = start_bot(store=member_store)
    text = run(bot, "tiltak mine", user_id=MEMBER).all_text()
    assert "Tiltak Rune Jørgensen har ansvar for" in text
    assert "regionrådgiver" in text.lower()


def test_tiltak_mine_for_an_unknown_user_says_how_to_get_mapped(bot):
    text = run(bot, "tiltak mine", user_id="U0NOBODY").all_text()
    assert "knowledge/people.yaml" in text and "U0NOBODY" in text
