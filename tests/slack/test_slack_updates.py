"""Changing the store from Slack, end to end through signed requests against the Slack double:
`/regionbot oppdater | historikk`, the updates channel with Lagre / Avbryt / Angre."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.slack import update_blocks as U
from bot.store import Store
from tests.slack.slack_requests import message

ADVISOR = "U0RUNE"  # Rune Jørgensen, regionrådgiver (access advisor)
OWNER = "U0RUNA"  # Runa Finborud, in Arbeidsutvalget, which owns T21-4
MEMBER = "U0KARI"  # Kari Nordmann, a member who owns nothing of T21-4
GUEST = "U0NOBODY"
UPDATES = "C0UPDATES"
MOBILE = "T21-4"  # the 2021-2022 measure on mapping mobile coverage


def directory(store: Store) -> Store:
    with store.transaction():
        store.put_people_directory(
            [
                {
                    "name": "Rune Jørgensen",
                    "roles": ["regionrådgiver", "Administrasjonen"],
                    "access": "advisor",
                    "slack_user_id": ADVISOR,
                },
                {
                    "name": "Runa Finborud",
                    "roles": ["regionrådsleder", "Arbeidsutvalget"],
                    "access": "member",
                    "slack_user_id": OWNER,
                },
                {
                    "name": "Kari Nordmann",
                    "roles": ["ordfører"],
                    "access": "member",
                    "slack_user_id": MEMBER,
                },
            ]
        )
    store.invalidate()
    return store


@pytest.fixture
def people(fresh_store) -> Store:
    return directory(fresh_store)


@pytest.fixture
def ubot(start_bot, people, slack_settings):
    settings = slack_settings.model_copy(update={"slack_updates_channel": UPDATES})
    return start_bot(store=people, settings=settings)


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


def mobile(store: Store) -> dict:
    from bot import refs

    [m] = refs.resolve(store, MOBILE)
    return store.item(m.kind, m.id)


def command(bot, text, *, user_id, channel_id="C0PUBLIC", n=1):
    url = bot.double.response_url("cmd")
    assert (
        bot.slack.command(text, response_url=url, user_id=user_id, channel_id=channel_id).status
        == 200
    )
    return bot.double.wait_for("response_url", count=n)


def button(call, action_id) -> dict:
    for block in call.args.get("blocks") or []:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button in {call.all_text()}")


def buttons(call, action_id) -> list[dict]:
    out = []
    for block in call.args.get("blocks") or []:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                out.append(element)
    return out


def cli_history(store: Store, ref: str) -> dict:
    result = CliRunner().invoke(
        cli,
        ["history", ref, "--json"],
        env={"REGIONBOT_DB": str(store.db.conn.execute("PRAGMA database_list").fetchone()[2])},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --- /regionbot oppdater ---------------------------------------------------------------------


def test_the_advisor_sets_a_measure_to_ferdig_audited_and_shown_by_the_cli(ubot, people):
    call = command(ubot, f"oppdater {MOBILE} status ferdig kartlegging levert", user_id=ADVISOR)
    text = call.all_text()
    assert "status er nå ferdig" in text and MOBILE in text
    assert call.args["response_type"] == "ephemeral"
    assert button(call, U.UPDATE_UNDO)["value"]
    row = mobile(people)
    assert row.status == "ferdig" and row.status_by == "Rune Jørgensen"
    [audit] = people.history("measure", row.id)
    assert (audit.field, audit.old, audit.new) == ("status", None, "ferdig")
    assert audit.author == "Rune Jørgensen" and audit.comment == "kartlegging levert"
    assert audit.origin == "slack:C0PUBLIC/kommando"
    shown = cli_history(people, MOBILE)
    assert [(h["field"], h["new"], h["author"]) for h in shown["history"]] == [
        ("status", "ferdig", "Rune Jørgensen")
    ]


def test_a_member_who_is_not_an_owner_is_refused_and_nothing_is_written(ubot, people):
    before = dump(people)
    text = command(ubot, f"oppdater {MOBILE} status ferdig", user_id=MEMBER).all_text()
    assert "Bare eieren av tiltaket eller regionrådgiveren kan endre status" in text
    assert dump(people) == before


def test_a_guest_is_refused_and_nothing_is_written(ubot, people):
    before = dump(people)
    text = command(ubot, f"oppdater {MOBILE} status ferdig", user_id=GUEST).all_text()
    assert "medlemsliste" in text
    assert dump(people) == before


def test_an_owner_may_change_the_status(ubot, people):
    text = command(ubot, f"oppdater {MOBILE} status pågår søknad sendt", user_id=OWNER).all_text()
    assert "status er nå pågår" in text
    row = mobile(people)
    assert row.status == "pågår" and row.status_by == "Runa Finborud"
    assert row.status_comment == "søknad sendt"


def test_malformed_commands_get_a_norwegian_message_and_change_nothing(ubot, people):
    before = dump(people)
    cases = [
        ("oppdater", "Skriv hva som skal oppdateres"),
        (f"oppdater {MOBILE} status banan", "Ukjent status «banan»"),
        (f"oppdater {MOBILE} ferdig", "Jeg fant ikke ordet «status»"),
        ("oppdater zzqx ingenting status ferdig", "Fant ikke «zzqx ingenting»"),
    ]
    for n, (text, expected) in enumerate(cases, start=1):
        assert expected in command(ubot, text, user_id=ADVISOR, n=n).all_text(), text
    assert dump(people) == before


def test_several_matches_are_listed_with_a_button_each_that_applies_the_change(ubot, people):
    call = command(ubot, "oppdater jernbaneforum status pågår", user_id=ADVISOR)
    assert "Flere passer til «jernbaneforum»" in call.all_text()
    choices = buttons(call, U.UPDATE_SAVE)
    assert len(choices) > 1
    refs_shown = [b["accessibility_label"].removeprefix("Velg ") for b in choices]
    assert all(r in call.all_text() for r in refs_shown)
    url = ubot.double.response_url("pick")
    ubot.slack.click(
        U.UPDATE_SAVE, choices[0]["value"], user_id=ADVISOR, ephemeral=True, response_url=url
    )
    done = ubot.double.wait_for("response_url", lambda c: c.args.get("_name") == "pick")
    assert "status er nå pågår" in done.all_text() and done.args["replace_original"] is True
    from bot import refs

    [m] = refs.resolve(people, refs_shown[0])
    assert people.item(m.kind, m.id).status == "pågår"


def test_user_text_is_escaped_so_nobody_can_make_the_bot_ping_the_channel(ubot, people):
    text = command(
        ubot, f"oppdater {MOBILE} status pågår <!channel> & <@U1>", user_id=ADVISOR
    ).all_text()
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    assert "&amp;" in text


# --- /regionbot historikk ---------------------------------------------------------------------


def test_historikk_shows_who_when_what_and_from_where(ubot, people):
    command(ubot, f"oppdater {MOBILE} status pågår søknad sendt", user_id=OWNER)
    call = command(ubot, f"historikk {MOBILE}", user_id=MEMBER, n=2)
    text = call.all_text()
    assert f"Historikk for {MOBILE}" in text
    assert "tirsdag 20. april 2021 kl. 09:00" in text and "Runa Finborud" in text
    assert "status: (tom) → pågår" in text and "søknad sendt" in text
    assert "slack:C0PUBLIC/kommando" in text


def test_historikk_of_nothing_and_of_several(ubot):
    assert "Fant ikke «zzqx»" in command(ubot, "historikk zzqx", user_id=MEMBER).all_text()
    call = command(ubot, "historikk jernbaneforum", user_id=MEMBER, n=2)
    [first, *_] = buttons(call, U.HISTORY_PICK)
    url = ubot.double.response_url("hist")
    ubot.slack.click(
        U.HISTORY_PICK, first["value"], user_id=MEMBER, ephemeral=True, response_url=url
    )
    shown = ubot.double.wait_for("response_url", lambda c: c.args.get("_name") == "hist")
    assert f"Historikk for {first['value']}" in shown.all_text()


# --- the updates channel ----------------------------------------------------------------------


def post_update(bot, text, *, user, ts="1618500000.000100"):
    bot.double.add_message(UPDATES, text, user=user, ts=ts)
    event = message(text, channel=UPDATES, channel_type="channel", user=user, ts=ts)
    assert bot.slack.event(event).status == 200
    reply = bot.double.wait_for(
        "chat.postMessage", lambda c: c.args.get("thread_ts") == ts and c.args["channel"] == UPDATES
    )
    posted = [
        m for m in bot.double.messages[UPDATES] if m.get("thread_ts") == ts and m.get("bot_id")
    ]
    return reply, posted[-1]


def click(bot, call, posted, action_id, *, user):
    value = button(call, action_id)["value"]
    msg = {
        "type": "message",
        "ts": posted["ts"],
        "thread_ts": posted["thread_ts"],
        "text": call.text,
    }
    n = len(bot.double.calls_of("chat.update"))
    assert (
        bot.slack.click(action_id, value, user_id=user, channel_id=UPDATES, message=msg).status
        == 200
    )
    return bot.double.wait_for("chat.update", count=n + 1)


UPDATE = f"{MOBILE}: søknad om mobildekning sendt 15.4., status pågår"


def test_an_update_message_is_read_and_applied_only_after_lagre(ubot, people):
    before = dump(people)
    reply, posted = post_update(ubot, UPDATE, user=OWNER)
    text = reply.all_text()
    assert "Jeg forstod dette" in text and MOBILE in text
    assert "Status: *pågår*" in text and "torsdag 15. april 2021" in text
    assert "søknad om mobildekning sendt 15.4." in text
    ubot.idle()
    assert dump(people) == before  # nothing written before Lagre

    saved = click(ubot, reply, posted, U.UPDATE_SAVE, user=OWNER)
    assert saved.args["ts"] == posted["ts"] and "status er nå pågår" in saved.all_text()
    row = mobile(people)
    assert row.status == "pågår" and row.status_comment == "søknad om mobildekning sendt 15.4."
    [audit] = people.history("measure", row.id)
    assert audit.origin == f"slack:{UPDATES}/1618500000.000100"
    assert audit.author == "Runa Finborud"


def test_avbryt_leaves_the_store_unchanged(ubot, people):
    before = dump(people)
    reply, posted = post_update(ubot, UPDATE, user=ADVISOR)
    cancelled = click(ubot, reply, posted, U.UPDATE_CANCEL, user=ADVISOR)
    assert "Avbrutt – ingenting er lagret" in cancelled.all_text()
    ubot.idle()
    assert dump(people) == before


def test_angre_restores_the_old_value_with_a_second_audit_row(ubot, people):
    reply, posted = post_update(ubot, UPDATE, user=ADVISOR)
    saved = click(ubot, reply, posted, U.UPDATE_SAVE, user=ADVISOR)
    assert mobile(people).status == "pågår"
    undone = click(ubot, saved, posted, U.UPDATE_UNDO, user=ADVISOR)
    assert "Angret" in undone.all_text()
    assert not buttons(undone, U.UPDATE_UNDO)
    row = mobile(people)
    assert row.status is None
    rows = people.history("measure", row.id)
    assert [(r.action, r.field, r.new) for r in rows] == [
        ("status", "status", "pågår"),
        ("undo", "status", None),
    ]
    assert rows[1].undo_of == rows[0].id


def test_only_the_writer_may_save_a_proposal(ubot, people):
    before = dump(people)
    reply, posted = post_update(ubot, UPDATE, user=OWNER)
    value = button(reply, U.UPDATE_SAVE)["value"]
    msg = {"type": "message", "ts": posted["ts"], "thread_ts": posted["thread_ts"]}
    ubot.slack.click(U.UPDATE_SAVE, value, user_id=MEMBER, channel_id=UPDATES, message=msg)
    note = ubot.double.wait_for("chat.postEphemeral")
    assert "Bare den som skrev endringen" in note.text and note.args["user"] == MEMBER
    ubot.idle()
    assert dump(people) == before


def test_a_second_lagre_writes_nothing_more(ubot, people):
    reply, posted = post_update(ubot, UPDATE, user=ADVISOR)
    click(ubot, reply, posted, U.UPDATE_SAVE, user=ADVISOR)
    after_first = dump(people)
    again = click(ubot, reply, posted, U.UPDATE_SAVE, user=ADVISOR)
    assert "er endret siden forslaget ble laget" in again.all_text()
    assert dump(people) == after_first


def test_a_member_who_owns_nothing_is_told_at_once(ubot, people):
    reply, _ = post_update(ubot, UPDATE, user=MEMBER)
    assert "Bare eieren av tiltaket" in reply.all_text()
    assert not buttons(reply, U.UPDATE_SAVE)


def test_chatter_in_the_updates_channel_is_left_alone_and_bad_updates_explained(ubot, people):
    ubot.double.add_message(UPDATES, "god morgen alle sammen", user=OWNER, ts="1618500001.000100")
    event = message(
        "god morgen alle sammen",
        channel=UPDATES,
        channel_type="channel",
        user=OWNER,
        ts="1618500001.000100",
    )
    ubot.slack.event(event)
    ubot.idle()
    assert not ubot.double.calls_of("chat.postMessage")
    reply, _ = post_update(ubot, f"{MOBILE}: status kanskje", user=OWNER, ts="1618500002.000100")
    assert "Ukjent status «kanskje»" in reply.all_text()
    reply, _ = post_update(ubot, "F-3: levert 31.2.", user=ADVISOR, ts="1618500003.000100")
    assert "Datoen «31.2.» finnes ikke" in reply.all_text()


def test_an_update_naming_several_items_lists_them_with_buttons(ubot, people):
    reply, posted = post_update(ubot, "jernbaneforum: status pågår", user=ADVISOR)
    choices = buttons(reply, U.UPDATE_SAVE)
    assert len(choices) > 1 and "Flere passer" in reply.all_text()
    assert buttons(reply, U.UPDATE_CANCEL)


def test_angre_works_for_the_configured_hours_only(start_bot, people, slack_settings):
    settings = slack_settings.model_copy(update={"undo_hours": 2.0})
    bot = start_bot(store=people, settings=settings)
    call = command(bot, f"oppdater {MOBILE} status ferdig", user_id=ADVISOR)
    undo = button(call, U.UPDATE_UNDO)["value"]
    settings.now = "2021-04-20T11:30:00"  # two and a half hours later
    url = bot.double.response_url("late")
    bot.slack.click(U.UPDATE_UNDO, undo, user_id=ADVISOR, ephemeral=True, response_url=url)
    late = bot.double.wait_for("response_url", lambda c: c.args.get("_name") == "late")
    assert "eldre enn 2 timer" in late.text and late.args["replace_original"] is False
    assert mobile(people).status == "ferdig"


def test_only_the_one_who_made_a_change_or_the_advisor_may_undo_it(ubot, people):
    call = command(ubot, f"oppdater {MOBILE} status pågår", user_id=OWNER)
    undo = button(call, U.UPDATE_UNDO)["value"]
    url = ubot.double.response_url("other")
    ubot.slack.click(U.UPDATE_UNDO, undo, user_id=MEMBER, ephemeral=True, response_url=url)
    refused = ubot.double.wait_for("response_url", lambda c: c.args.get("_name") == "other")
    assert "Bare den som gjorde endringen" in refused.text
    assert mobile(people).status == "pågår"
