"""Fixtures for the Slack tests: a Slack Web API double, and the bot serving HTTP in a thread,
pointed at the double, with a sender that signs requests like Slack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bot.config import Settings
from bot.slack.server import SlackHTTPServer, make_server
from bot.store import Store
from tests.slack.slack_double import SlackDouble
from tests.slack.slack_requests import SlackSender

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
MEMBER = "U0RUNE"  # mapped to Rune Jørgensen (regionrådgiver) where a test needs a member


@pytest.fixture
def double():
    d = SlackDouble().start()
    yield d
    d.stop()


@pytest.fixture
def slack_settings(settings: Settings, double: SlackDouble) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": "xoxb-test-token",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": double.api_url,
            "slack_app_token": None,
        }
    )


@dataclass
class RunningBot:
    server: SlackHTTPServer
    slack: SlackSender
    double: SlackDouble
    settings: Settings
    store: Store

    def idle(self) -> None:
        """Wait until the bot has finished all it started (to assert what it did *not* do)."""
        assert self.server.wait_idle(5), "the bot was still busy after 5 s"


@pytest.fixture
def start_bot(slack_settings, double, store) -> Callable[..., RunningBot]:
    """Start the bot in HTTP mode on a free port: start_bot(store=..., settings=..., answer=...)."""
    servers: list[SlackHTTPServer] = []

    def start(
        *, store: Store = store, settings: Settings = slack_settings, **options
    ) -> RunningBot:
        server = make_server(settings, store, port=0, host="127.0.0.1", **options).start(0.01)
        servers.append(server)
        return RunningBot(server, SlackSender(server.url, SIGNING_SECRET), double, settings, store)

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def bot(start_bot) -> RunningBot:
    return start_bot()


@pytest.fixture
def member_store(fresh_store: Store) -> Store:
    """The seed knowledge with a Slack id for Rune Jørgensen, as knowledge/people.yaml gives it."""
    fresh_store.put_people_directory([{"name": "Rune Jørgensen", "slack_user_id": MEMBER}])
    return fresh_store
