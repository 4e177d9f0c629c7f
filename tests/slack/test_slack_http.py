"""End to end over HTTP: signed requests in, Web API calls out (to the local Slack double)."""

from __future__ import annotations

import time

from tests.slack.slack_requests import mention, message


def test_health(bot):
    assert bot.slack.get("/health").status == 200
    assert bot.slack.get("/nowhere").status == 404
    assert bot.slack.post("{}", "application/json", path="/other").status == 404


def test_mention_is_answered_in_the_thread_of_the_question(bot):
    started = time.monotonic()
    reply = bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="1618900100.000200"))
    assert reply.status == 200
    assert time.monotonic() - started < 1.5  # acked before the answer is made

    call = bot.double.wait_for("chat.postMessage")
    assert call.args["channel"] == "C0PUBLIC"
    assert call.args["thread_ts"] == "1618900100.000200"
    assert "Administrasjonen" in call.text
    section_text = call.args["blocks"][0]["text"]["text"]
    assert "Administrasjonen" in section_text and "Kilde:" not in section_text
    assert call.headers["authorization"] == "Bearer xoxb-test-token"


def test_mention_inside_a_thread_is_answered_in_that_thread(bot):
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="200.2", thread_ts="200.1"))
    assert bot.double.wait_for("chat.postMessage").args["thread_ts"] == "200.1"


def test_unsigned_wrongly_signed_and_stale_requests_get_401(bot):
    body = bot.slack.event_body(mention("hvem har ansvar for jernbaneforum?", ts="300.1"))
    assert bot.slack.post(body, "application/json", signed=False).status == 401
    assert bot.slack.post(body, "application/json", signature="v0=" + "0" * 64).status == 401
    stale = int(time.time()) - 6 * 60
    assert bot.slack.post(body, "application/json", timestamp=stale).status == 401
    bot.idle()
    assert bot.double.calls_of("chat.postMessage") == []
    # The same request, properly signed, is accepted.
    assert bot.slack.post(body, "application/json").status == 200
    bot.double.wait_for("chat.postMessage")


def test_url_verification(bot):
    body = '{"token": "legacy", "challenge": "abc123", "type": "url_verification"}'
    reply = bot.slack.post(body, "application/json")
    assert reply.status == 200 and "abc123" in reply.body


def test_redelivered_event_is_answered_once(bot):
    event = mention("hvem har ansvar for jernbaneforum?", ts="400.1")
    assert bot.slack.event(event, event_id="Ev0DUPLICATE").status == 200
    assert bot.slack.event(event, event_id="Ev0DUPLICATE", retry_num=1).status == 200
    assert bot.slack.event(event, event_id="Ev0DUPLICATE", retry_num=2).status == 200
    bot.double.wait_for("chat.postMessage")
    bot.idle()
    assert len(bot.double.calls_of("chat.postMessage")) == 1


def test_rate_limited_post_is_retried_and_the_answer_arrives(bot):
    bot.double.fail_next("chat.postMessage", status=429, retry_after=1)
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="500.1"))
    call = bot.double.wait_for("chat.postMessage", timeout=8)
    assert "Administrasjonen" in call.text
    attempts = bot.double.attempts_of("chat.postMessage")
    assert [a.status for a in attempts] == [429, 200]


def test_server_error_is_retried_and_the_bot_goes_on(bot):
    bot.double.fail_next("chat.postMessage", status=500)
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="600.1"))
    assert bot.double.wait_for("chat.postMessage", timeout=8).args["thread_ts"] == "600.1"
    bot.idle()
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="600.2"))
    assert bot.double.wait_for("chat.postMessage", count=2).args["thread_ts"] == "600.2"


def test_follow_up_in_the_thread_gets_the_previous_question_as_context(start_bot, store):
    asked = []

    def answer(question, **kw):
        from bot.answers import answer as real

        asked.append((question, kw.get("context")))
        return real(question, **kw)

    bot = start_bot(answer=answer)
    root = bot.double.add_message("C0PUBLIC", "<@UBOT> hvem har ansvar for jernbaneforum?")
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts=root["ts"]))
    first = bot.double.wait_for("chat.postMessage")
    assert first.args["thread_ts"] == root["ts"]

    follow = bot.double.add_message("C0PUBLIC", "og hvem finansierer det?", thread_ts=root["ts"])
    bot.slack.event(
        message(
            follow["text"],
            channel="C0PUBLIC",
            channel_type="channel",
            ts=follow["ts"],
            thread_ts=root["ts"],
        )
    )
    second = bot.double.wait_for("chat.postMessage", count=2)
    assert second.args["thread_ts"] == root["ts"]
    assert bot.double.calls_of("conversations.replies")
    assert asked[-1] == ("og hvem finansierer det?", "hvem har ansvar for jernbaneforum?")


def test_thread_without_the_bot_and_top_level_chatter_are_left_alone(bot):
    root = bot.double.add_message("C0PUBLIC", "Skal vi ta lunsj?")
    reply = bot.double.add_message(
        "C0PUBLIC", "hvem har ansvar for jernbaneforum?", thread_ts=root["ts"]
    )
    bot.slack.event(
        message(
            reply["text"],
            channel="C0PUBLIC",
            channel_type="channel",
            ts=reply["ts"],
            thread_ts=root["ts"],
        )
    )
    bot.slack.event(
        message(
            "hvem har ansvar for jernbaneforum?",
            channel="C0PUBLIC",
            channel_type="channel",
            ts="700.9",
        )
    )
    bot.idle()
    assert bot.double.calls_of("chat.postMessage") == []


def test_thanks_in_the_thread_is_not_a_question(bot):
    root = bot.double.add_message("C0PUBLIC", "<@UBOT> hvem har ansvar for jernbaneforum?")
    bot.double.add_message(
        "C0PUBLIC", "Ansvar: Administrasjonen", thread_ts=root["ts"], user="UBOT", bot=True
    )
    thanks = bot.double.add_message("C0PUBLIC", "takk! :pray:", thread_ts=root["ts"])
    bot.slack.event(
        message(
            thanks["text"],
            channel="C0PUBLIC",
            channel_type="channel",
            ts=thanks["ts"],
            thread_ts=root["ts"],
        )
    )
    bot.idle()
    assert bot.double.calls_of("chat.postMessage") == []


def test_mention_also_delivered_as_a_channel_message_is_answered_once(bot):
    root = bot.double.add_message("C0PUBLIC", "hvem har ansvar for jernbaneforum?")
    bot.double.add_message("C0PUBLIC", "svar", thread_ts=root["ts"], user="UBOT", bot=True)
    text = "<@UBOT> og hvem finansierer det?"
    ts = "800.5"
    bot.slack.event(mention("og hvem finansierer det?", ts=ts, thread_ts=root["ts"]))
    bot.slack.event(
        message(text, channel="C0PUBLIC", channel_type="channel", ts=ts, thread_ts=root["ts"])
    )
    bot.double.wait_for("chat.postMessage")
    bot.idle()
    assert len(bot.double.calls_of("chat.postMessage")) == 1


def test_direct_message_is_answered_in_the_dm(bot):
    bot.slack.event(
        message(
            "hvem har ansvar for jernbaneforum?", channel="D0ASKER", channel_type="im", ts="900.1"
        )
    )
    call = bot.double.wait_for("chat.postMessage")
    assert call.args["channel"] == "D0ASKER"
    assert not call.args.get("thread_ts")
    assert "Administrasjonen" in call.text


def test_own_messages_are_ignored(bot):
    event = message(
        "Ansvar: Administrasjonen", channel="D0ASKER", channel_type="im", ts="950.1", user="UBOT"
    )
    event["bot_id"] = "B0BOT"
    assert bot.slack.event(event).status == 200
    bot.idle()
    assert bot.double.calls_of("chat.postMessage") == []
