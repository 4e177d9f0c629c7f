"""Slash commands: `/regionbot` with Norwegian subcommands."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.commands import meetings as _meetings  # noqa: F401  (registers its subcommands)
from bot.slack.commands import regionbot
from bot.slack.commands import reminders as _reminders  # noqa: F401  (registers its subcommands)
from bot.slack.commands import updates as _updates  # noqa: F401  (registers its subcommands)
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    regionbot.register(app, services)
