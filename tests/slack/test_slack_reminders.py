"""Reminders against the local Slack double: one DM per person per sweep, sent once, retried after
a failure, never re-sent after a restart; the buttons write through the write service."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot import outbox
from bot.slack import reminder_blocks as RB
from bot.slack.client import make_client
from bot.slack.reminding import sweep
from bot.store import Store
from tests.reminder_data import add_measure, at, directory

SWEEP = at("2021-04-20")


@pytest.fixture
def db(fresh_store) -> Store:
    return directory(fresh_store)


@pytest.fixture
def client(slack_settings):
    """The bot's client without its own retries (0.5-2 s each): what a final failure does to a
    sweep is the outbox's business."""
    client = make_client(slack_settings)
    client.retry_handlers = []
    return client


def _dms(double, user):
    return [c for c in double.calls_of("chat.postMessage") if c.args["channel"] == user]


def _three_for_hans(db):
    return [
        add_measure(db, text, due, ["Hans Vintervold"])
        for text, due in [
            ("Jernbaneforum", "2021-04-27"),
            ("Vegforum RV3", "2021-04-21"),
            ("Lufthavnrådet", "2021-05-04"),
        ]
    ]


def test_two_sweeps_at_the_same_time_post_each_dm_once(db, client, double, slack_settings):
    add_measure(db, "Felles kunnskapsgrunnlag", "2021-04-27", ["Arbeidsutvalget"])
    first = sweep(db, client, SWEEP, slack_settings)
    second = sweep(db, client, SWEEP, slack_settings)
    users = sorted(c.args["channel"] for c in double.calls_of("chat.postMessage"))
    # The AU's two members, and the advisor with the hearing deadline nobody owns.
    assert users == ["U0MERE", "U0RUNA", "U0RUNE"]
    assert len(first.delivery.sent) == 3 and second.queued == [] and second.delivery.sent == []


def test_a_person_with_three_due_items_gets_one_dm_nearest_first(
    db, client, double, slack_settings
):
    _three_for_hans(db)
    sweep(db, client, SWEEP, slack_settings)
    (dm,) = _dms(double, "U0HANS")
    text = dm.all_text()
    assert text.index("Vegforum") < text.index("Jernbaneforum") < text.index("Lufthavnrådet")
    assert "onsdag 21. april 2021, i morgen" in text
    assert "tirsdag 27. april 2021, om 7 dager" in text
    assert "Handlingsplan for Regionrådet for Fjellregionen 2021-2022" in text  # the plan
    buttons = [
        e["text"]["text"]
        for b in dm.args["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert buttons == ["Ferdig", "Utsett en uke", "Oppdater status"] * 3


def test_a_server_error_for_one_dm_is_sent_at_the_next_sweep(db, client, double, slack_settings):
    _three_for_hans(db)
    double.fail_next("chat.postMessage", status=500)
    first = sweep(db, client, SWEEP, slack_settings)
    assert len(first.delivery.retry) == 1 and len(first.delivery.sent) == 1
    failed_key = first.delivery.retry[0][0]
    assert outbox.get(db, failed_key)["state"] == "pending"
    second = sweep(db, client, SWEEP, slack_settings)
    assert second.delivery.sent == [failed_key]
    users = sorted(c.args["channel"] for c in double.calls_of("chat.postMessage"))
    assert users == ["U0HANS", "U0RUNE"]


def test_a_restart_between_sweeps_re_sends_nothing(db, client, double, slack_settings):
    _three_for_hans(db)
    sweep(db, client, SWEEP, slack_settings)
    path = db.path
    db.close()
    again = Store.open(path)
    report = sweep(again, client, SWEEP.replace(hour=10), slack_settings)
    assert report.queued == [] and report.delivery.sent == []
    assert len(double.calls_of("chat.postMessage")) == 2
    again.close()


def test_the_next_working_day_brings_only_its_own_reminders(db, client, double, slack_settings):
    _three_for_hans(db)
    sweep(db, client, SWEEP, slack_settings)
    sweep(db, client, at("2021-04-21"), slack_settings)
    dms = _dms(double, "U0HANS")
    assert len(dms) == 2 and "Vegforum" in dms[1].all_text() and "i dag" in dms[1].all_text()
    assert "Jernbaneforum" not in dms[1].all_text()


def test_someone_without_slack_id_is_rerouted_to_the_advisor(
    fresh_store, client, double, slack_settings
):
    people = [
        {
            "name": "Rune Jørgensen",
            "roles": ["regionrådgiver"],
            "access": "advisor",
            "slack_user_id": "U0RUNE",
        },
        {"name": "Hans Vintervold", "roles": ["ordfører"], "email": "hans@roros.kommune.no"},
    ]
    db = directory(fresh_store, people)
    add_measure(db, "Jernbaneforum", "2021-04-27", ["Hans Vintervold"])
    settings = slack_settings.model_copy(update={"slack_lookup_by_email": True})
    report = sweep(db, client, SWEEP, settings)  # the double knows no such e-mail
    assert "Hans Vintervold" in report.unreachable
    (dm,) = _dms(double, "U0RUNE")
    assert "Jernbaneforum" in dm.all_text() and "Ingen mottaker" in dm.all_text()


# --- the buttons ---------------------------------------------------------------------------


def _sent_to_hans(db, client, double, slack_settings):
    (item, *_) = _three_for_hans(db)
    sweep(db, client, SWEEP, slack_settings)
    (dm,) = _dms(double, "U0HANS")
    row = db.outbox_rows(kind="reminder", state="sent")
    row = next(r for r in row if r["target"] == "U0HANS")
    message = {"type": "message", "ts": row["ts"], "text": dm.text, "blocks": dm.args["blocks"]}
    return item, row, message


def test_ferdig_by_the_owner_marks_done_updates_the_message_and_stops_reminders(
    db, client, double, slack_settings, start_bot
):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    value = RB.item_value("measure", item)
    reply = bot.slack.click(
        RB.REMINDER_DONE, value, user_id="U0HANS", channel_id=row["channel"], message=message
    )
    assert reply.status == 200
    edit = double.wait_for("chat.update")
    bot.idle()
    assert (edit.args["channel"], edit.args["ts"]) == (row["channel"], row["ts"])
    assert "Ferdig – satt av Hans Vintervold" in edit.all_text()
    assert "Vegforum" in edit.all_text()  # the other items stay as they were
    done_block = next(
        b for b in edit.args["blocks"] if b.get("block_id") == RB.actions_block_id("measure", item)
    )
    assert done_block["type"] == "context"
    assert db.item("measure", item).status == "ferdig"
    (audit,) = [h for h in db.history("measure", item) if h.field == "status"]
    assert (audit.author, audit.new, audit.origin) == (
        "Hans Vintervold",
        "ferdig",
        f"slack:{row['channel']}/{row['ts']}",
    )
    assert outbox.get(db, row["key"])["blocks"] == edit.args["blocks"]
    sweep(db, client, at("2021-04-26"), slack_settings)
    later = _dms(double, "U0HANS")[1:]
    assert all("Jernbaneforum" not in c.all_text() for c in later)


def test_ferdig_by_someone_else_changes_nothing(db, client, double, slack_settings, start_bot):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    value = RB.item_value("measure", item)
    bot.slack.click(
        RB.REMINDER_DONE, value, user_id="U0RUNA", channel_id=row["channel"], message=message
    )
    refusal = double.wait_for("chat.postEphemeral")
    bot.idle()
    assert refusal.args["user"] == "U0RUNA"
    assert refusal.text.startswith("Beklager") and "Ingenting er endret" in refusal.text
    assert double.calls_of("chat.update") == []
    assert db.item("measure", item).status == "ikke startet"
    assert [h for h in db.history("measure", item) if h.field == "status"] == []


def test_utsett_en_uke_asks_why_and_moves_the_due_date(
    db, client, double, slack_settings, start_bot
):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    value = RB.item_value("measure", item)
    bot.slack.click(
        RB.REMINDER_POSTPONE, value, user_id="U0HANS", channel_id=row["channel"], message=message
    )
    opened = double.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == RB.POSTPONE_VIEW and "tirsdag 4. mai 2021" in opened.all_text()
    values = {
        RB.NOTE_BLOCK: {RB.NOTE_INPUT: {"type": "plain_text_input", "value": "Venter på NSB"}}
    }
    reply = bot.slack.submit_view(
        RB.POSTPONE_VIEW, values, user_id="U0HANS", private_metadata=view["private_metadata"]
    )
    assert reply.status == 200 and not reply.body, reply.body
    edit = double.wait_for("chat.update")
    bot.idle()
    assert db.item("measure", item).due == date(2021, 5, 4)
    assert "Utsatt til tirsdag 4. mai 2021 av Hans Vintervold" in edit.all_text()
    assert "Venter på NSB" in edit.all_text()
    (audit,) = [h for h in db.history("measure", item) if h.action == "postpone"]
    assert (audit.old, audit.new, audit.comment) == (
        "2021-04-27",
        "2021-05-04",
        "Venter på NSB",
    )


def test_a_non_owner_cannot_open_the_forms(db, client, double, slack_settings, start_bot):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    value = RB.item_value("measure", item)
    bot.slack.click(
        RB.REMINDER_STATUS, value, user_id="U0RUNA", channel_id=row["channel"], message=message
    )
    double.wait_for("chat.postEphemeral")
    bot.idle()
    assert double.calls_of("views.open") == []


def test_oppdater_status_sets_status_and_comment(db, client, double, slack_settings, start_bot):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    value = RB.item_value("measure", item)
    bot.slack.click(
        RB.REMINDER_STATUS, value, user_id="U0HANS", channel_id=row["channel"], message=message
    )
    view = double.wait_for("views.open").args["view"]
    values = {
        RB.STATUS_BLOCK: {
            RB.STATUS_INPUT: {"type": "static_select", "selected_option": {"value": "pågår"}}
        },
        RB.NOTE_BLOCK: {
            RB.NOTE_INPUT: {"type": "plain_text_input", "value": "Møte med Bane NOR i mai"}
        },
    }
    bot.slack.submit_view(
        RB.STATUS_VIEW, values, user_id="U0HANS", private_metadata=view["private_metadata"]
    )
    edit = double.wait_for("chat.update")
    bot.idle()
    row_after = db.item("measure", item)
    assert (row_after.status, row_after.status_comment) == (
        "pågår",
        "Møte med Bane NOR i mai",
    )
    assert "Pågår – satt av Hans Vintervold" in edit.all_text()


def test_a_form_refused_by_the_write_service_says_so_in_the_form(
    db, client, double, slack_settings, start_bot
):
    item, row, message = _sent_to_hans(db, client, double, slack_settings)
    bot = start_bot(store=db)
    meta = RB.view_meta("measure", item, row["channel"], row["ts"], db.version("measure", item))
    values = {RB.NOTE_BLOCK: {RB.NOTE_INPUT: {"type": "plain_text_input", "value": "Nei"}}}
    reply = bot.slack.submit_view(RB.POSTPONE_VIEW, values, user_id="U0RUNA", private_metadata=meta)
    bot.idle()
    body = json.loads(reply.body)
    assert body["response_action"] == "errors" and "Bare eieren" in body["errors"][RB.NOTE_BLOCK]
    assert db.item("measure", item).due == date(2021, 4, 27)
    assert double.calls_of("chat.update") == []


# --- pause -----------------------------------------------------------------------------------


def test_pause_and_on_through_the_slash_command(db, client, double, slack_settings, start_bot):
    bot = start_bot(store=db)
    url = double.response_url("pause")
    bot.slack.command("påminnelser pause 2021-08-01", response_url=url, user_id="U0HANS")
    said = double.wait_for("response_url")
    assert "pause til søndag 1. august 2021" in said.all_text()
    assert db.reminder_pauses()["Hans Vintervold"]["until"] == "2021-08-01"
    bot.slack.command("påminnelser på", response_url=url, user_id="U0HANS")
    said = double.wait_for("response_url", count=2)
    assert "på igjen" in said.all_text()
    bot.slack.command("påminnelser pause neste år", response_url=url, user_id="U0HANS")
    said = double.wait_for("response_url", count=3)
    assert "forstod ikke datoen" in said.all_text()
    bot.idle()


def test_what_fell_due_during_a_pause_comes_in_one_message(db, client, double, slack_settings):
    from bot import reminders as R

    _three_for_hans(db)
    R.pause(
        db, db.person("Hans Vintervold"), at("2021-04-28").date(), at("2021-04-19"), slack_settings
    )
    for day in ["2021-04-20", "2021-04-21", "2021-04-26", "2021-04-27"]:
        sweep(db, client, at(day), slack_settings)
    assert _dms(double, "U0HANS") == []
    sweep(db, client, at("2021-04-28"), slack_settings)
    (dm,) = _dms(double, "U0HANS")
    text = dm.all_text()
    assert "Velkommen tilbake" in text
    assert "Vegforum" in text and "Jernbaneforum" in text and "Lufthavnrådet" in text
    sweep(db, client, at("2021-04-29"), slack_settings)
    assert len(_dms(double, "U0HANS")) == 1


# --- weekly ----------------------------------------------------------------------------------


def test_monday_brings_the_escalation_summary_and_the_digest(db, client, double, slack_settings):
    add_measure(db, "Gammelt tiltak", "2021-03-31", ["Hans Vintervold"])
    add_measure(db, "Denne uka", "2021-04-28", ["Arbeidsutvalget"])
    settings = slack_settings.model_copy(
        update={"reminder_digest_channel": "C0RAADET", "reminder_au_leader": "Runa Finborud"}
    )
    sweep(db, client, at("2021-04-26"), settings)
    sweep(db, client, at("2021-04-26"), settings)
    summaries = [c for c in double.calls_of("chat.postMessage") if "Ukeoversikt" in c.text]
    assert sorted(c.args["channel"] for c in summaries) == ["U0RUNA", "U0RUNE"]
    text = summaries[0].all_text()
    assert "Gammelt tiltak" in text and "26 dager på overtid" in text and "Hans Vintervold" in text
    assert "Ingen mottaker" in text and "medlemmene og andre" in text
    (digest,) = [c for c in double.calls_of("chat.postMessage") if c.args["channel"] == "C0RAADET"]
    assert "Denne uka" in digest.all_text() and "Frist for å levere innspill" in digest.all_text()
    assert "AU" in digest.all_text() or "Møter" in digest.all_text()
    # Tuesday: no summary, no digest.
    sweep(db, client, at("2021-04-27"), settings)
    assert len([c for c in double.calls_of("chat.postMessage") if "Ukeoversikt" in c.text]) == 2


# --- App Home ----------------------------------------------------------------------------------


def _pick_date(bot, user: str, day: str):
    from tests.slack.slack_requests import TEAM_ID

    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "fjellregionen"},
        "user": {"id": user, "team_id": TEAM_ID},
        "api_app_id": "A0APP",
        "token": "legacy",
        "container": {"type": "view", "view_id": "VHOME"},
        "trigger_id": "1.trigger",
        "view": {"id": "VHOME", "type": "home"},
        "actions": [
            {
                "type": "datepicker",
                "action_id": RB.HOME_PAUSE,
                "block_id": "reminder_home",
                "selected_date": day,
                "action_ts": "1.2",
            }
        ],
    }
    return bot.slack.interactive(payload)


def test_the_home_tab_pauses_and_switches_on(db, double, start_bot):
    bot = start_bot(store=db)
    bot.slack.event(
        {"type": "app_home_opened", "user": "U0HANS", "channel": "D0HANS", "tab": "home"}
    )
    home = double.wait_for("views.publish")
    assert "Påminnelser" in home.all_text() and RB.HOME_PAUSE in str(home.args["view"])
    assert _pick_date(bot, "U0HANS", "2021-05-03").status == 200
    said = double.wait_for("chat.postMessage", lambda c: c.args["channel"] == "U0HANS")
    assert "pause til mandag 3. mai 2021" in said.text
    republished = double.wait_for("views.publish", count=2)
    assert RB.HOME_RESUME in str(republished.args["view"])
    assert db.reminder_pauses()["Hans Vintervold"]["until"] == "2021-05-03"
    bot.slack.click(RB.HOME_RESUME, "on", user_id="U0HANS", channel_id="D0HANS")
    said = double.wait_for("chat.postMessage", lambda c: "på igjen" in c.text)
    bot.idle()
    assert db.reminder_pauses()["Hans Vintervold"]["ended"] == "2021-04-20"
