"""Events API listeners: mentions, messages (DMs and thread follow-ups), the App Home, the
assistant panel. Each acks at once and answers in a lazy listener."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.events import assistant, home, mentions, messages, updates_channel, uploads
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    mentions.register(app, services)
    updates_channel.register(app, services)  # before messages: these take only their own
    uploads.register(app, services)
    messages.register(app, services)
    home.register(app, services)
    assistant.register(app, services)
