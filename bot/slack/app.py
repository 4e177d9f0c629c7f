"""`build_app(settings, store)`: the Bolt app with every listener registered.

Sync Bolt with lazy listeners: each listener acks within Slack's 3 seconds and answers afterwards
in a worker thread. A global middleware drops redelivered events (same `event_id`), because Slack
resends an event it believes went unanswered and the question must not be answered twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from bot import answers
from bot.config import Settings
from bot.slack import actions, commands, events, views
from bot.slack.client import make_client
from bot.slack.memory import SeenSet
from bot.slack.people import People
from bot.slack.services import Services
from bot.slack.work import Work
from bot.store import Store

log = logging.getLogger(__name__)


class _ClientTokenNotice(logging.Filter):
    """Bolt warns that the token is unused when a client is given and SLACK_BOT_TOKEN is also in
    the environment (it reads it itself); the client carries that same token, so drop the noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()


logging.getLogger("slack_bolt.App").addFilter(_ClientTokenNotice())


class SlackConfigError(ValueError):
    """A Slack setting the chosen mode needs is missing."""


def skip_redelivered(seen: SeenSet) -> Callable:
    def middleware(body: dict, request: BoltRequest, next: Callable) -> BoltResponse | None:
        event_id = body.get("event_id")
        if event_id and not seen.add(event_id):
            retry = (request.headers.get("x-slack-retry-num") or ["?"])[0]
            log.info("event %s delivered again (retry %s): already taken", event_id, retry)
            return BoltResponse(status=200, body="")
        return next()

    return middleware


def work_of(app: App) -> Work:
    """The pool running this app's lazy listeners (see bot/slack/work.py)."""
    return app.__dict__["_regionbot_work"]


def build_app(
    settings: Settings,
    store: Store,
    *,
    client: WebClient | None = None,
    answer: Callable[..., answers.Answer] | None = None,
    verify_token: bool = False,
) -> App:
    """The regionbot Slack app.

    `answer` replaces the answer engine (tests); `verify_token` calls auth.test at once, so a wrong
    token stops `regionbot serve` at start rather than at the first question.
    """
    if not settings.slack_bot_token:
        raise SlackConfigError("SLACK_BOT_TOKEN mangler (bot-tokenet, xoxb-…).")
    work = Work(settings.answer_workers)
    app = App(
        name="regionbot",
        client=client or make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=verify_token,
        process_before_response=False,
        listener_executor=work,
    )
    app.__dict__["_regionbot_work"] = work
    services = Services(
        settings=settings,
        store=store,
        answer=answer or answers.answer,
        people=People(store, settings),
    )
    app.use(skip_redelivered(services.seen_events))
    events.register(app, services)
    commands.register(app, services)
    actions.register(app, services)
    views.register(app, services)
    return app
