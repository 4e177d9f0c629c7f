"""What the Slack app handles, recorded as the listeners register themselves.

The app manifest (deploy/slack-manifest.yml) must subscribe to exactly the events, commands and
interactive callbacks the code listens to: a subscription without a listener makes Slack retry
undelivered events, and a listener without a subscription is dead code. Registering through these
helpers keeps one record per app that a test compares with the manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from slack_bolt import App

# Manifest event names for Bolt's single "message" event type, by channel type.
MESSAGE_EVENTS = ("message.im", "message.channels", "message.groups")


@dataclass
class Handled:
    """The surfaces one Bolt app has listeners for, in the manifest's own names."""

    events: set[str] = field(default_factory=set)
    commands: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)


def handled(app: App) -> Handled:
    """The record of one app (kept on the app itself, so two apps never share one)."""
    record = app.__dict__.get("_regionbot_handled")
    if record is None:
        record = Handled()
        app.__dict__["_regionbot_handled"] = record
    return record


def _ack(ack) -> None:
    ack()


def on_event(
    app: App,
    event_type: str,
    lazy: Callable,
    *,
    manifest_names: Iterable[str] | None = None,
    matchers: list[Callable] | None = None,
) -> None:
    """Ack at once, do the work in a lazy listener; `manifest_names` when they differ from the type.
    With `matchers`, the listener takes only the events they accept (register it before a
    general listener of the same type: Bolt gives an event to the first listener that matches)."""
    app.event(event_type, matchers=matchers)(ack=_ack, lazy=[lazy])
    handled(app).events.update(manifest_names or [event_type])


def on_command(app: App, command: str, lazy: Callable, *, ack: Callable = _ack) -> None:
    app.command(command)(ack=ack, lazy=[lazy])
    handled(app).commands.add(command)


def on_action(app: App, action_id: str, lazy: Callable, *, ack: Callable = _ack) -> None:
    app.action(action_id)(ack=ack, lazy=[lazy])
    handled(app).actions.add(action_id)


def on_view(
    app: App, callback_id: str, lazy: Callable | None = None, *, ack: Callable = _ack
) -> None:
    """`lazy` may be left out when the ack function does all the work (a form whose outcome is
    shown in the form itself)."""
    app.view(callback_id)(ack=ack, lazy=[lazy] if lazy else [])
    handled(app).views.add(callback_id)


def note_events(app: App, *names: str) -> None:
    """Events handled by middleware rather than `app.event` (the assistant panel)."""
    handled(app).events.update(names)
