"""Feedback buttons, the App Home tab, the question form and the assistant panel, end to end."""

from __future__ import annotations

from tests.slack.conftest import MEMBER
from tests.slack.slack_requests import mention


def _button(call, action_id):
    for block in call.args["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button")


def test_feedback_is_stored_and_thanked(start_bot, fresh_store):
    bot = start_bot(store=fresh_store)
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="100.1"))
    answer = bot.double.wait_for("chat.postMessage")
    up = _button(answer, "feedback_up")
    assert 0 < len(up["value"]) <= 20  # a short reference, not the answer itself

    posted = {"type": "message", "ts": "100.2", "thread_ts": "100.1", "text": answer.text}
    assert bot.slack.click("feedback_up", up["value"], message=posted).status == 200
    thanks = bot.double.wait_for("chat.postEphemeral")
    assert thanks.args["text"] == "Takk for tilbakemeldingen!"
    assert thanks.args["user"] == "U0ASKER" and thanks.args["thread_ts"] == "100.1"

    rows = fresh_store.feedback()
    assert len(rows) == 1
    row = rows[0]
    assert row["vote"] == "up" and row["user"] == "U0ASKER" and row["channel"] == "C0PUBLIC"
    assert row["question"] == "hvem har ansvar for jernbaneforum?"
    assert "Administrasjonen" in row["answer"]
    assert row["time"].startswith("2021-04-20")


def test_thumbs_down_on_an_ephemeral_answer_is_thanked_through_response_url(start_bot, fresh_store):
    bot = start_bot(store=fresh_store)
    url = bot.double.response_url("vote")
    bot.slack.click("feedback_down", "unknown-ref", ephemeral=True, response_url=url)
    thanks = bot.double.wait_for("response_url")
    assert thanks.args["text"] == "Takk for tilbakemeldingen!"
    assert thanks.args["response_type"] == "ephemeral"
    assert fresh_store.feedback()[0]["vote"] == "down"


def home_opened(bot, user):
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": "1.1",
    }
    assert bot.slack.event(event).status == 200
    return bot.double.wait_for("views.publish")


def test_app_home_for_a_member(start_bot, member_store):
    bot = start_bot(store=member_store)
    call = home_opened(bot, MEMBER)
    assert call.args["user_id"] == MEMBER
    view = call.args["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = call.all_text()
    assert "Hei, Rune Jørgensen!" in text
    assert "Dine tiltak" in text and "Jernbaneforum" in text
    assert "Dine frister" in text
    assert "mandag 10. mai 2021" in text  # the next meetings


def test_app_home_for_an_unknown_user_says_how_to_get_mapped(bot):
    text = home_opened(bot, "U0NOBODY").all_text()
    assert "knowledge/people.yaml" in text and "U0NOBODY" in text
    assert "Dine tiltak" not in text


def test_app_home_maps_users_by_email_when_enabled(start_bot, slack_settings, double):
    double.add_user("U0MAIL", email="Rune.Jorgensen@innlandetfylke.no", name="Rune")
    bot = start_bot(settings=slack_settings.model_copy(update={"slack_lookup_by_email": True}))
    assert "Hei, Rune Jørgensen!" in home_opened(bot, "U0MAIL").all_text()
    assert double.calls_of("users.info")[0].args["user"] == "U0MAIL"


def test_messages_tab_opening_publishes_nothing(bot):
    event = {"type": "app_home_opened", "user": "U0ASKER", "channel": "D0HOME", "tab": "messages"}
    bot.slack.event(event)
    bot.idle()
    assert bot.double.calls_of("views.publish") == []


def test_question_form_from_the_home_tab(bot):
    assert bot.slack.click("home_ask", "ask", channel_id="").status == 200
    opened = bot.double.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "ask_question"

    values = {
        "question": {
            "question_input": {
                "type": "plain_text_input",
                "value": "hvem har ansvar for jernbaneforum?",
            }
        }
    }
    reply = bot.slack.submit_view("ask_question", values)
    assert reply.status == 200 and reply.body == ""  # closes the form
    dm = bot.double.wait_for("chat.postMessage")
    assert dm.args["channel"] == "U0ASKER" and "Administrasjonen" in dm.text


def test_empty_question_form_is_refused_with_an_error(bot):
    values = {"question": {"question_input": {"type": "plain_text_input", "value": "  "}}}
    reply = bot.slack.submit_view("ask_question", values)
    assert reply.status == 200
    assert reply.json() == {
        "response_action": "errors",
        "errors": {"question": "Skriv et spørsmål."},
    }


def test_assistant_panel_offers_norwegian_prompts(bot):
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U0ASKER",
            "context": {"channel_id": "C0PUBLIC", "team_id": "T0TEAM", "enterprise_id": None},
            "channel_id": "D0PANEL",
            "thread_ts": "500.1",
        },
        "event_ts": "500.2",
    }
    assert bot.slack.event(event).status == 200
    prompts = bot.double.wait_for("assistant.threads.setSuggestedPrompts")
    titles = [p["title"] for p in prompts.args["prompts"]]
    assert titles == [
        "Hvilke frister har jeg denne måneden?",
        "Hva står på sakslista til neste AU-møte?",
        "Hvem har ansvar for mobildekning?",
    ]
    greeting = bot.double.wait_for("chat.postMessage")
    assert greeting.args["channel"] == "D0PANEL" and greeting.args["thread_ts"] == "500.1"


def test_assistant_panel_thinks_then_answers(bot):
    root = bot.double.add_message("D0PANEL", "Hei!", user="UBOT", bot=True)
    event = {
        "type": "message",
        "user": "U0ASKER",
        "text": "hvem har ansvar for jernbaneforum?",
        "ts": "600.2",
        "thread_ts": root["ts"],
        "channel": "D0PANEL",
        "channel_type": "im",
        "event_ts": "600.2",
    }
    assert bot.slack.event(event).status == 200
    answer = bot.double.wait_for("chat.postMessage")
    status = bot.double.calls_of("assistant.threads.setStatus")
    assert status and status[0].args["status"] == "tenker …"
    assert status[0].args["thread_ts"] == root["ts"]
    assert bot.double.calls.index(status[0]) < bot.double.calls.index(answer)
    assert answer.args["thread_ts"] == root["ts"] and "Administrasjonen" in answer.text


def test_context_change_in_the_panel_is_acked_without_api_calls(bot):
    event = {
        "type": "assistant_thread_context_changed",
        "assistant_thread": {
            "user_id": "U0ASKER",
            "context": {"channel_id": "C0OTHER", "team_id": "T0TEAM"},
            "channel_id": "D0PANEL",
            "thread_ts": "700.1",
        },
        "event_ts": "700.2",
    }
    assert bot.slack.event(event).status == 200
    bot.idle()
    assert [c.method for c in bot.double.calls if c.method != "auth.test"] == []
