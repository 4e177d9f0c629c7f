"""The Slack app manifest and the code agree: every event, command and interactive callback the
manifest subscribes to has a listener, and every listener is subscribed. Also checks the other
deployment files by reading them (there is no Docker engine in the test environment)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.models import Source
from bot.slack import blocks as B
from bot.slack import home_blocks as H
from bot.slack.registry import handled

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MANIFEST = yaml.safe_load((DEPLOY / "slack-manifest.yml").read_text(encoding="utf-8"))

# Scopes each subscribed event, and the Web API methods the bot calls, need.
EVENT_SCOPES = {
    "app_mention": {"app_mentions:read"},
    "message.im": {"im:history"},
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "app_home_opened": set(),
    "assistant_thread_started": {"assistant:write"},
    "assistant_thread_context_changed": {"assistant:write"},
}
CALL_SCOPES = {"chat:write", "users:read", "users:read.email", "files:read"}

# A minimal event of each kind, as Slack sends it, to prove Bolt routes it to a listener.
SAMPLE_EVENTS = {
    "app_mention": {
        "type": "app_mention",
        "user": "U1",
        "text": "<@UBOT>",
        "ts": "1.1",
        "channel": "C1",
    },
    "message.im": {
        "type": "message",
        "user": "U1",
        "text": "hei",
        "ts": "1.2",
        "channel": "D1",
        "channel_type": "im",
    },
    "message.channels": {
        "type": "message",
        "user": "U1",
        "text": "hei",
        "ts": "1.3",
        "channel": "C1",
        "channel_type": "channel",
    },
    "message.groups": {
        "type": "message",
        "user": "U1",
        "text": "hei",
        "ts": "1.4",
        "channel": "G1",
        "channel_type": "group",
    },
    "app_home_opened": {
        "type": "app_home_opened",
        "user": "U1",
        "channel": "D1",
        "tab": "messages",
    },
    "assistant_thread_started": {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U1",
            "context": {},
            "channel_id": "D1",
            "thread_ts": "1.5",
        },
    },
    "assistant_thread_context_changed": {
        "type": "assistant_thread_context_changed",
        "assistant_thread": {
            "user_id": "U1",
            "context": {},
            "channel_id": "D1",
            "thread_ts": "1.5",
        },
    },
}


def manifest_events() -> set[str]:
    return set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])


def manifest_commands() -> set[str]:
    return {c["command"] for c in MANIFEST["features"].get("slash_commands", [])}


def every_message_the_bot_builds(store) -> list[dict]:
    """One of each message and view the builders make, for their interactive ids."""
    source = Source(document_id="d", title="Plan", quote="sitat")
    record = {
        "id": "x",
        "what": "Frist",
        "due": "2021-04-27",
        "text": "Tiltak",
        "body": "AU",
        "date": "2021-05-10",
    }
    return [
        B.answer_message("Svar", [source], ref="r1", text="Svar\nKilde: Plan"),
        B.internal_note("spørsmål"),
        B.members_only_note(),
        B.usage_message(),
        B.deadlines_message([record], start=date(2021, 4, 20), end=date(2021, 5, 20)),
        B.measures_message([record], title="Tiltak", empty="-"),
        B.meetings_message([record], today=date(2021, 4, 20)),
        H.home_view(
            name="N",
            user_id="U1",
            measures=[record],
            deadlines=[record],
            meetings=[record],
            today=date(2021, 4, 20),
        ),
        H.home_view(
            name=None, user_id="U1", measures=[], deadlines=[], meetings=[], today=date(2021, 4, 20)
        ),
        H.ask_modal(),
        *update_messages(store),
        *reminder_messages(),
        *review_messages(),
        *meeting_messages(store),
    ]


def meeting_messages(store) -> list[dict]:
    """The agenda message and the meeting forms (bot/slack/agenda_blocks.py)."""
    from datetime import datetime

    from bot import meetings as MT
    from bot.agenda import build_agenda
    from bot.slack import agenda_blocks as AB

    meeting = MT.find(store, "AU 2021-03-03").meeting
    case = MT.cases(store, meeting)[0]
    agenda = build_agenda(store, meeting, datetime(2021, 2, 24))
    return [
        AB.agenda_message(agenda),
        AB.meeting_modal(),
        AB.case_modal([MT.record(store, meeting)]),
        AB.decision_modal(case, meeting),
        AB.absence_modal(meeting),
    ]


def reminder_messages() -> list[dict]:
    """The reminder DM, its forms and the Home tab's reminder switch (bot/slack/reminder_blocks)."""
    from bot.reminders import Recipient, Reminder
    from bot.slack import reminder_blocks as RB

    day = date(2021, 4, 20)
    r = Reminder(
        Recipient("N", "U1"), "deadline", "x", "F-1", "Frist", date(2021, 4, 27), None, 7, 7
    )
    return [
        RB.reminder_message([r], day),
        RB.postpone_modal("F-1", "Frist", date(2021, 4, 27), date(2021, 5, 4), "{}"),
        RB.status_modal("F-1", "Frist", None, "{}"),
        {"blocks": RB.home_blocks(None, day)},
        {"blocks": RB.home_blocks({"until": None}, day)},
    ]


def review_messages() -> list[dict]:
    """The summary after an upload and its review form (bot/slack/review.py)."""
    from bot import extract as X
    from bot.slack import review as R

    facts = X.extract(
        "Tiltak:\n- styrke samarbeidet om lærlingplasser\nAnsvar: AU\n", document_id="d"
    )
    return [R.summary_message("T", facts, "d"), R.review_view("T", facts, "d")]


def update_messages(store) -> list[dict]:
    """The messages and forms of changing things (bot/slack/update_blocks.py, item_form)."""
    from bot.slack import update_blocks as U
    from bot.slack.uploads import SharedFile
    from bot.slack.views import item_form, upload_form
    from bot.updates import Change, Result

    change = Change(action="status", target="T21-4", status="ferdig")
    choice = {"ref": "T21-4", "title": "Tiltak"}
    ok = Result(ok=True, message="Lagret", batch="b1")
    return [
        U.result_message(ok, undo="b1"),
        U.proposal_message(change, ref="T21-4", title="T", day=None, save="s", cancel="c"),
        U.choices_message("?", [choice], action_id=U.UPDATE_SAVE, values=["v"], cancel="c"),
        U.choices_message("?", [choice], action_id=U.HISTORY_PICK, values=["v"]),
        U.choices_message("?", [choice], action_id=U.EDIT_PICK, values=["v"]),
        U.upload_offer("notat.pdf", "v"),
        upload_form.form(SharedFile(id="F1", name="notat.pdf", url="u"), today=date(2021, 4, 20)),
        item_form.form(store, "measure"),
        item_form.form(store, "deadline"),
    ]


@pytest.fixture
def app(bot):
    return bot.server.app


def test_manifest_events_are_exactly_the_handled_ones(app):
    assert manifest_events() == handled(app).events


def test_manifest_commands_are_exactly_the_handled_ones(app):
    assert manifest_commands() == handled(app).commands


def test_every_button_the_bot_sends_has_a_listener_and_the_reverse(app, store):
    emitted = set()
    for built in every_message_the_bot_builds(store):
        emitted |= B.action_ids(built["blocks"])
    assert emitted == handled(app).actions


def test_every_form_the_bot_opens_has_a_listener_and_the_reverse(app, store):
    built = every_message_the_bot_builds(store)
    callbacks = {v["callback_id"] for v in built if v.get("callback_id")}
    assert callbacks == handled(app).views


def test_interactivity_is_on_when_there_is_anything_to_click(app):
    has_interaction = bool(handled(app).actions or handled(app).views)
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is has_interaction


def test_assistant_view_matches_the_assistant_listeners(app):
    assistant_events = {e for e in handled(app).events if e.startswith("assistant_")}
    assert ("assistant_view" in MANIFEST["features"]) is bool(assistant_events)


def test_app_home_and_socket_mode(app):
    home = MANIFEST["features"]["app_home"]
    assert home["home_tab_enabled"] is True  # app_home_opened publishes the Home tab
    assert home["messages_tab_enabled"] is True and home["messages_tab_read_only_enabled"] is False
    assert MANIFEST["settings"]["socket_mode_enabled"] is True


def test_scopes_cover_what_the_bot_does():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    needed = set(CALL_SCOPES) | {"commands"}
    for event in manifest_events():
        needed |= EVENT_SCOPES[event]
    assert scopes == needed


def test_bolt_routes_every_manifest_event_command_and_callback(bot):
    """Not just the record: Bolt itself has a listener for each (an unhandled request is 404)."""
    assert set(SAMPLE_EVENTS) == manifest_events()
    for name, event in SAMPLE_EVENTS.items():
        assert bot.slack.event(event).status == 200, name
    url = bot.double.response_url("manifest")
    for command in manifest_commands():
        assert bot.slack.command("hjelp", response_url=url, command=command).status == 200
    for action_id in handled(bot.server.app).actions:
        assert bot.slack.click(action_id, "x", ephemeral=True, response_url=url).status == 200, (
            action_id
        )
    for callback_id in handled(bot.server.app).views:
        values = {"question": {"question_input": {"value": "hei"}}}
        assert bot.slack.submit_view(callback_id, values).status == 200
    # ... and the check can fail: what nothing listens to is turned away.
    assert bot.slack.event({"type": "reaction_added", "user": "U1", "reaction": "+1"}).status == 404
    assert bot.slack.click("no_such_button", "x").status == 404
    bot.idle()


# --- the other deployment files ------------------------------------------------------------


def test_env_example_names_every_setting_and_loads():
    text = (DEPLOY / ".env.example").read_text(encoding="utf-8")
    for field in Settings.model_fields.values():
        assert field.alias in text, field.alias
    settings = Settings(_env_file=DEPLOY / ".env.example")
    assert not settings.slack_app_token and settings.slack_api_url.startswith("https://slack.com")


def test_dockerfile():
    lines = [
        ln.strip()
        for ln in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    assert lines[0] == "FROM python:3.11-slim"
    assert "RUN pip install ." in lines
    assert lines[-1] == 'CMD ["regionbot", "serve", "--host", "0.0.0.0", "--port", "3000"]'
    text = "\n".join(lines)
    # Installed into site-packages: the data paths must be given, and point inside the image.
    for var in (
        "REGIONBOT_DB=/data/",
        "REGIONBOT_KNOWLEDGE=/app/knowledge",
        "REGIONBOT_PROMPTS=/app/prompts",
    ):
        assert var in text
    # What it copies exists (paths relative to the repository root, the build context).
    root = DEPLOY.parent
    for line in lines:
        if line.startswith("COPY ") and "--from" not in line:
            for src in line.split()[1:-1]:
                assert src == "." or (root / src).exists(), src
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".venv" in ignored and "data" in ignored


def test_compose_builds_the_dockerfile():
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["regionbot"]
    assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == (
        DEPLOY / "Dockerfile"
    ).resolve()
    assert service["env_file"] == "../.env"
    assert any(v.endswith(":/data") for v in service["volumes"])


def test_systemd_unit():
    text = (DEPLOY / "regionbot.service").read_text(encoding="utf-8")
    for section in ("[Unit]", "[Service]", "[Install]"):
        assert section in text
    assert "ExecStart=/opt/regionbot/.venv/bin/regionbot serve" in text
    assert "WantedBy=multi-user.target" in text
