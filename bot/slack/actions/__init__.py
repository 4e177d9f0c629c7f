"""Block actions: 👍/👎 on answers, "Svar meg på DM" on internal notes, the Home tab's button."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.actions import (
    agenda,
    dm,
    extraction,
    feedback,
    home,
    reminders,
    updates,
    uploads,
)
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    feedback.register(app, services)
    dm.register(app, services)
    home.register(app, services)
    reminders.register(app, services)
    updates.register(app, services)
    uploads.register(app, services)
    extraction.register(app, services)
    agenda.register(app, services)
