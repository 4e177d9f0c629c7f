"""Meetings from Slack, end to end through signed requests against the Slack double: the agenda
posted and updated when a case is added, a decision recorded and answered at once, Meld forfall
recorded and in the draft protocol."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from bot import meetings as MT
from bot.cli import cli
from bot.protocol import draft_protocol
from bot.slack import agenda_blocks as AB
from tests.slack.test_slack_updates import ADVISOR, GUEST, OWNER, directory

AU_CHANNEL = "C0AU"


@pytest.fixture
def people(fresh_store):
    return directory(fresh_store)


@pytest.fixture
def mbot(start_bot, people, slack_settings):
    settings = slack_settings.model_copy(
        update={"agenda_channels": f"Arbeidsutvalget={AU_CHANNEL}", "agenda_channel": None}
    )
    return start_bot(store=people, settings=settings)


def command(bot, text, *, user_id, n=1):
    url = bot.double.response_url("cmd")
    assert bot.slack.command(text, response_url=url, user_id=user_id).status == 200
    return bot.double.wait_for("response_url", count=n)


def send(bot, text, *, user_id):
    """A command that answers with a form, not a reply."""
    url = bot.double.response_url("cmd")
    assert bot.slack.command(text, response_url=url, user_id=user_id).status == 200


def au_may(store):
    return MT.find(store, "AU 2021-05-10").meeting


def case_values(meeting_id: str, title: str, *, kind="vedtakssak", proposal="") -> dict:
    return {
        "meeting": {"meeting": {"type": "static_select", "selected_option": {"value": meeting_id}}},
        "title": {"title": {"type": "plain_text_input", "value": title}},
        "kind": {"kind": {"type": "static_select", "selected_option": {"value": kind}}},
        "proposal": {"proposal": {"type": "plain_text_input", "value": proposal}},
        "documents": {"documents": {"type": "plain_text_input", "value": "Budsjettnotat\n"}},
    }


def test_posted_agenda_is_updated_with_a_thread_note_when_a_case_is_added(mbot):
    reply = command(mbot, "agenda post AU 2021-05-10", user_id=ADVISOR)
    assert "lagt ut" in reply.all_text()
    posted = mbot.double.wait_for("chat.postMessage", lambda c: c.args["channel"] == AU_CHANNEL)
    assert "Saksliste: Arbeidsutvalget mandag 10. mai 2021" in posted.all_text()
    assert "Meld forfall" in posted.all_text()

    meeting = au_may(mbot.store)
    answer = mbot.slack.submit_view(
        AB.CASE_VIEW, case_values(meeting.id, "Budsjett 2022"), user_id=ADVISOR
    )
    assert answer.status == 200 and answer.body == ""
    [case] = [c for c in mbot.store.items("case") if c.title == "Budsjett 2022"]
    assert case.number == "19/2021"  # after Sak 18/2021 of Arbeidsutvalget
    assert case.documents == ["Budsjettnotat"]

    update = mbot.double.wait_for("chat.update")
    assert update.args["channel"] == AU_CHANNEL
    assert "Sak 19/2021 Budsjett 2022" in update.all_text()
    note = mbot.double.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") is not None)
    assert note.args["channel"] == AU_CHANNEL
    assert note.args["thread_ts"] == update.args["ts"]
    assert "Sakslisten er endret" in note.text and "Sak 19/2021 Budsjett 2022" in note.text
    mbot.idle()
    # posting again does not post a second message
    command(mbot, "agenda post AU 2021-05-10", user_id=ADVISOR, n=2)
    mbot.idle()
    tops = [
        c
        for c in mbot.double.calls_of("chat.postMessage")
        if c.args["channel"] == AU_CHANNEL and not c.args.get("thread_ts")
    ]
    assert len(tops) == 1


def test_a_case_form_with_no_title_shows_the_error_and_saves_nothing(mbot):
    meeting = au_may(mbot.store)
    before = len(mbot.store.items("case"))
    answer = mbot.slack.submit_view(AB.CASE_VIEW, case_values(meeting.id, ""), user_id=ADVISOR)
    assert answer.json()["response_action"] == "errors"
    assert "title" in answer.json()["errors"]
    assert len(mbot.store.items("case")) == before


def test_only_the_advisor_adds_cases_and_posts_agendas(mbot):
    assert "regionrådgiveren" in command(mbot, "sak ny", user_id=OWNER).all_text()
    assert "regionrådgiveren" in command(mbot, "agenda post M-4", user_id=OWNER, n=2).all_text()
    meeting = au_may(mbot.store)
    answer = mbot.slack.submit_view(
        AB.CASE_VIEW, case_values(meeting.id, "Ulovlig sak"), user_id=GUEST
    )
    assert answer.json()["response_action"] == "update"
    assert not [c for c in mbot.store.items("case") if c.title == "Ulovlig sak"]


def test_new_meeting_and_case_forms_open(mbot):
    send(mbot, "møte ny", user_id=ADVISOR)
    opened = mbot.double.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == AB.MEETING_VIEW
    send(mbot, "sak ny", user_id=ADVISOR)
    opened = mbot.double.wait_for("views.open", count=2)
    assert opened.args["view"]["callback_id"] == AB.CASE_VIEW


def test_a_new_meeting_through_the_form(mbot):
    values = {
        "body": {"body": {"type": "static_select", "selected_option": {"value": "Regionrådet"}}},
        "date": {"date": {"type": "datepicker", "selected_date": "2021-06-16"}},
        "time": {"time": {"type": "timepicker", "selected_time": "10:00"}},
        "place": {"place": {"type": "plain_text_input", "value": "Tynset rådhus"}},
        "title": {"title": {"type": "plain_text_input", "value": None}},
    }
    answer = mbot.slack.submit_view(AB.MEETING_VIEW, values, user_id=ADVISOR)
    assert answer.status == 200 and answer.body == ""
    found = MT.find(mbot.store, "regionrådet 2021-06-16").meeting
    assert found.time == "10:00" and found.place == "Tynset rådhus"
    assert mbot.store.history("meeting", found.id)[0].author == "Rune Jørgensen"


def test_a_decision_recorded_in_slack_is_answered_by_regionbot_ask(mbot):
    meeting = au_may(mbot.store)
    mbot.slack.submit_view(AB.CASE_VIEW, case_values(meeting.id, "Budsjett 2022"), user_id=ADVISOR)
    mbot.idle()
    send(mbot, "vedtak 19/2021", user_id=ADVISOR)
    form = mbot.double.wait_for("views.open")
    assert form.args["view"]["callback_id"] == AB.DECISION_VIEW
    case_id = form.args["view"]["private_metadata"]
    values = {
        "text": {
            "text": {
                "type": "plain_text_input",
                "value": "Budsjettet for 2022 vedtas med en ramme på 2 millioner kroner.",
            }
        },
        "vote": {"vote": {"type": "plain_text_input", "value": "5 mot 2"}},
        "date": {"date": {"type": "datepicker", "selected_date": "2021-05-10"}},
    }
    answer = mbot.slack.submit_view(
        AB.DECISION_VIEW, values, user_id=ADVISOR, private_metadata=case_id
    )
    assert answer.status == 200 and answer.body == ""
    [decision] = [d for d in mbot.store.items("decision") if d.case_number == "19/2021"]
    assert decision.meeting == meeting.id and decision.body == "Arbeidsutvalget"
    assert decision.vote == "5 mot 2" and decision.date == date(2021, 5, 10)
    mbot.idle()

    result = CliRunner().invoke(
        cli,
        ["ask", "hva ble vedtatt i sak 19/2021?"],
        env={"REGIONBOT_DB": mbot.store.path, "REGIONBOT_NOW": "2021-05-11", "LLM_MODEL": ""},
    )
    assert result.exit_code == 0, result.output
    assert "2 millioner" in result.output
    register = CliRunner().invoke(
        cli, ["decisions", "--year", "2021"], env={"REGIONBOT_DB": mbot.store.path}
    )
    assert "Arbeidsutvalget, 10. mai 2021, sak 19/2021" in register.output

    protocol = draft_protocol(mbot.store, meeting, mbot.settings.current_time())
    [row] = [c for c in protocol.cases if c.label.startswith("Sak 19/2021")]
    assert row.decision.startswith("Budsjettet for 2022") and row.vote == "5 mot 2"


def test_meld_forfall_is_recorded_the_advisor_told_and_in_the_protocol(mbot):
    meeting = au_may(mbot.store)
    assert mbot.slack.click(AB.ABSENCE, meeting.id, user_id=OWNER).status == 200
    form = mbot.double.wait_for("views.open")
    assert form.args["view"]["callback_id"] == AB.ABSENCE_VIEW
    values = {"reason": {"reason": {"type": "plain_text_input", "value": "Kommunestyremøte"}}}
    answer = mbot.slack.submit_view(
        AB.ABSENCE_VIEW, values, user_id=OWNER, private_metadata=meeting.id
    )
    assert answer.status == 200 and answer.body == ""
    [absence] = mbot.store.absences(meeting.id)
    assert (absence["person"], absence["reason"]) == ("Runa Finborud", "Kommunestyremøte")
    told = mbot.double.wait_for("chat.postMessage", lambda c: c.args["channel"] == ADVISOR)
    assert "Runa Finborud har meldt forfall" in told.text and "Kommunestyremøte" in told.text

    reply = command(mbot, "protokoll AU 2021-05-10", user_id=ADVISOR)
    assert "Forfall: Runa Finborud (Kommunestyremøte)" in reply.all_text()

    mbot.slack.click(AB.ABSENCE_WITHDRAW, meeting.id, user_id=OWNER)
    mbot.double.wait_for("chat.postEphemeral")
    mbot.idle()
    assert mbot.store.absences(meeting.id) == []


def test_agenda_shown_to_the_asker_and_unknown_meeting_refused(mbot):
    reply = command(mbot, "agenda AU 2021-05-10", user_id=OWNER)
    text = reply.all_text()
    assert "1. Godkjenning av innkalling og saksliste" in text and "6. Eventuelt" in text
    assert reply.args.get("response_type") == "ephemeral"
    assert "Fant ikke" in command(mbot, "agenda AU 2031-01-01", user_id=OWNER, n=2).all_text()


def test_the_served_calendar_refuses_a_missing_or_wrong_token(start_bot, people, slack_settings):
    import icalendar

    from bot.calendar_feed import person_token

    settings = slack_settings.model_copy(update={"calendar_token": "feed-s3cret"})
    bot = start_bot(store=people, settings=settings)
    assert bot.slack.get("/calendar.ics").status == 404
    assert bot.slack.get("/calendar.ics?token=wrong").status == 404
    reply = bot.slack.get("/calendar.ics?token=feed-s3cret")
    assert reply.status == 200
    cal = icalendar.Calendar.from_ical(reply.body)
    assert any(str(e["uid"]) == "meeting-d001-au-2021-03-03@regionbot" for e in cal.walk("VEVENT"))
    own = bot.slack.get(f"/calendar.ics?token={person_token('feed-s3cret', 'Rune Jørgensen')}")
    assert own.status == 200 and "Rune Jørgensen" in own.body


def test_app_home_shows_the_personal_calendar_link(start_bot, people, slack_settings):
    from bot.calendar_feed import person_token

    settings = slack_settings.model_copy(
        update={"calendar_token": "feed-s3cret", "public_url": "https://bot.example.no"}
    )
    bot = start_bot(store=people, settings=settings)
    event = {"type": "app_home_opened", "user": ADVISOR, "tab": "home"}
    assert bot.slack.event(event).status == 200
    view = bot.double.wait_for("views.publish")
    token = person_token("feed-s3cret", "Rune Jørgensen")
    assert f"https://bot.example.no/calendar.ics?token={token}" in view.all_text()


def test_words_after_mote_sak_and_vedtak_are_still_questions(mbot):
    reply = command(mbot, "møte i mai 2021?", user_id=OWNER)
    assert "10. mai 2021" in reply.all_text()
    reply = command(mbot, "vedtak om høringen av handlingsplanen", user_id=OWNER, n=2)
    assert "27. april" in reply.all_text()
