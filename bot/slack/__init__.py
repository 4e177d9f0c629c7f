"""The Slack app: the only code that knows Slack.

`build_app(settings, store)` gives a Bolt `App` with one package of listeners per surface (events,
commands, actions, views); `server.serve` runs it in Socket Mode or over HTTP. Messages are built by
the pure functions in `blocks`.
"""

from __future__ import annotations

from bot.slack.app import SlackConfigError, build_app

__all__ = ["SlackConfigError", "build_app"]
