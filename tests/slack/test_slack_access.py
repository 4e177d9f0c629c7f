"""Internal content: never in a public channel; in DMs only to members; in configured private
channels. Unit tests of the rule, then the rule end to end with an internal document ingested."""

from __future__ import annotations

import pytest

from bot.ingest import ingest_file
from bot.slack.access import Verdict, verdict, visible
from tests.slack.conftest import MEMBER
from tests.slack.slack_requests import mention, message

PRIVATE = {"C0PRIVATE"}
QUESTION = "hvor mye er satt av til bredbånd i Holøydalen?"
SECRET = "450 000 kroner"


@pytest.mark.parametrize(
    "access, channel, member, expected",
    [
        ("offentlig", "C0PUBLIC", False, Verdict.SHOW),
        ("intern", "C0PUBLIC", True, Verdict.NOT_HERE),
        ("intern", "G0GROUP", True, Verdict.NOT_HERE),
        ("intern", "C0PRIVATE", False, Verdict.SHOW),
        ("intern", "D0DM", True, Verdict.SHOW),
        ("intern", "D0DM", False, Verdict.MEMBERS_ONLY),
        ("intern", "U0USER", True, Verdict.SHOW),
        ("intern", None, True, Verdict.NOT_HERE),
    ],
)
def test_verdict(access, channel, member, expected):
    assert verdict(access, channel, member=member, private_channels=PRIVATE) is expected


def test_visible_drops_internal_records_where_they_may_not_be_shown():
    records = [{"id": "a", "source": {"access": "intern"}}, {"id": "b", "source": {}}]
    assert [
        r["id"] for r in visible(records, "C0PUBLIC", member=True, private_channels=PRIVATE)
    ] == ["b"]
    assert len(visible(records, "D0DM", member=True, private_channels=PRIVATE)) == 2
    assert len(visible(records, "C0PRIVATE", member=False, private_channels=PRIVATE)) == 2


@pytest.fixture
def intern_bot(start_bot, member_store, slack_settings, tmp_path, now):
    note = tmp_path / "notat.md"
    note.write_text(
        "# Notat om budsjett for bredbåndsutbygging\n\n"
        f"Arbeidsutvalget foreslår å sette av {SECRET} til forprosjektet for bredbåndsutbygging "
        "i Holøydalen i 2022.\n",
        encoding="utf-8",
    )
    ingest_file(
        member_store, note, title="Notat om bredbånd i Holøydalen", access="intern", now=now
    )
    settings = slack_settings.model_copy(update={"slack_private_channels": "C0PRIVATE"})
    return start_bot(store=member_store, settings=settings)


def test_internal_answer_is_not_posted_in_a_public_channel(intern_bot):
    bot = intern_bot
    bot.slack.event(mention(QUESTION, ts="100.1", user=MEMBER))
    call = bot.double.wait_for("chat.postMessage")
    assert SECRET not in call.all_text()
    assert "interne dokumenter" in call.text
    button = call.args["blocks"][1]["elements"][0]
    assert button["action_id"] == "answer_in_dm" and button["value"] == QUESTION

    # The member asks for it in a DM: the answer goes to their DM with the bot.
    bot.slack.click("answer_in_dm", QUESTION, user_id=MEMBER, channel_id="C0PUBLIC")
    dm = bot.double.wait_for("chat.postMessage", count=2)
    assert dm.args["channel"] == MEMBER
    assert SECRET in dm.text
    assert QUESTION in dm.all_text()  # echoed: the DM does not show the question otherwise


def test_internal_answer_in_a_configured_private_channel(intern_bot):
    intern_bot.slack.event(mention(QUESTION, ts="200.1", channel="C0PRIVATE"))
    assert SECRET in intern_bot.double.wait_for("chat.postMessage").text


def test_internal_answer_in_a_dm_only_for_members(intern_bot):
    bot = intern_bot
    bot.slack.event(
        message(QUESTION, channel="D0STRANGER", channel_type="im", ts="300.1", user="U0STRANGER")
    )
    stranger = bot.double.wait_for("chat.postMessage")
    assert SECRET not in stranger.all_text() and "bare medlemmer" in stranger.text

    bot.slack.event(message(QUESTION, channel="D0RUNE", channel_type="im", ts="300.2", user=MEMBER))
    member = bot.double.wait_for("chat.postMessage", count=2)
    assert member.args["channel"] == "D0RUNE" and SECRET in member.text


def test_internal_answer_through_the_command_in_a_public_channel(intern_bot):
    url = intern_bot.double.response_url("intern")
    intern_bot.slack.command(QUESTION, response_url=url, user_id=MEMBER, channel_id="C0PUBLIC")
    call = intern_bot.double.wait_for("response_url")
    assert SECRET not in call.all_text() and "interne dokumenter" in call.text


def test_a_refusal_in_a_public_channel_names_no_internal_document(
    start_bot, slack_settings, tmp_path, now
):
    from bot.store import Store

    store = Store.open(tmp_path / "small.db")
    public = tmp_path / "plan.md"
    public.write_text("# Plan for ferjer\n\nFerjene går hver time.\n", encoding="utf-8")
    ingest_file(store, public, title="Plan for ferjer", now=now)
    secret = tmp_path / "notat.md"
    secret.write_text("# Notat\n\nOppsigelser i administrasjonen.\n", encoding="utf-8")
    ingest_file(store, secret, title="Notat om nedbemanning", access="intern", now=now)

    bot = start_bot(store=store)
    bot.slack.event(mention("hva vet du om kometer?", ts="400.1", channel="C0PUBLIC"))
    call = bot.double.wait_for("chat.postMessage")
    assert "fant ikke" in call.text
    assert "Plan for ferjer" in call.text
    assert "nedbemanning" not in call.all_text()


def test_a_member_removed_from_people_yaml_gets_no_more_internal_answers(intern_bot):
    from bot.ingest import load_knowledge
    from tests.conftest import KNOWLEDGE

    bot = intern_bot
    bot.slack.event(message(QUESTION, channel="D0RUNE", channel_type="im", ts="310.1", user=MEMBER))
    assert SECRET in bot.double.wait_for("chat.postMessage").text

    # The advisor takes Rune's Slack id out of people.yaml (the bundled one has none) and the
    # knowledge is loaded again, as at the next start: the running bot no longer knows him.
    load_knowledge(bot.store, KNOWLEDGE)
    bot.slack.event(message(QUESTION, channel="D0RUNE", channel_type="im", ts="310.2", user=MEMBER))
    after = bot.double.wait_for("chat.postMessage", count=2)
    assert SECRET not in after.all_text() and "bare medlemmer" in after.text
