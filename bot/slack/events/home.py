"""The App Home tab: the user's measures and deadlines and the next meetings, published with
views.publish each time the tab is opened (so it is never stale)."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import lookup
from bot.calendar_feed import links as calendar_links
from bot.lookup import deadlines_of, measures_of
from bot.reminders import pause_of
from bot.slack import home_blocks as H
from bot.slack.access import shown_here
from bot.slack.agenda_blocks import calendar_blocks
from bot.slack.registry import on_event
from bot.slack.reminder_blocks import home_blocks
from bot.slack.services import Services

log = logging.getLogger(__name__)


def home_for(services: Services, client: WebClient | None, user_id: str) -> dict:
    """The Home view for one user. The tab is seen by that user alone, like a DM, so internal
    items are shown to members only."""
    store, settings = services.store, services.settings
    today = settings.current_time().date()
    person = services.people.person(user_id, client)

    shown = shown_here(user_id, person, settings.private_channels)

    view = H.home_view(
        name=person.name if person else None,
        user_id=user_id,
        measures=shown(measures_of(store, person)) if person else [],
        deadlines=shown(deadlines_of(store, person, today)) if person else [],
        meetings=shown(lookup.meetings(store, today, None)),
        today=today,
    )
    if person:  # the reminder switch (bot/slack/reminder_blocks.py)
        pause = pause_of(store, person.name, settings.current_time(), settings)
        view["blocks"] = (view["blocks"] + home_blocks(pause, today))[: H.VIEW_BLOCKS]
    if person:  # the calendar feeds (members only: the links carry the feed's secret)
        links = calendar_links(settings.calendar_token, settings.public_url, person.name)
        view["blocks"] = (view["blocks"] + calendar_blocks(links))[: H.VIEW_BLOCKS]
    return view


def register(app: App, services: Services) -> None:
    def publish_home(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return  # the Messages tab; the assistant and DM listeners handle that
        user_id = event["user"]
        try:
            client.views_publish(user_id=user_id, view=home_for(services, client, user_id))
        except SlackApiError as e:
            log.error("views.publish for %s failed: %s", user_id, e.response.get("error"))

    on_event(app, "app_home_opened", publish_home)
