"""View submissions: the question form opened from the Home tab."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.services import Services
from bot.slack.views import ask, item_form, meetings, upload_form


def register(app: App, services: Services) -> None:
    ask.register(app, services)
    item_form.register(app, services)
    upload_form.register(app, services)
    meetings.register(app, services)
