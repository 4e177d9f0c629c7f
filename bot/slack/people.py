"""Who a Slack user is: the person in the store (knowledge/people.yaml) behind a Slack user id.

A person is found by the `slack_user_id` in people.yaml, or, when SLACK_LOOKUP_BY_EMAIL is on, by
the e-mail address of the Slack profile (users.info), so the advisor need not copy Slack ids by
hand. E-mail look-ups are cached for a while: the App Home and every answer ask, and users.info is
rate limited.
"""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answers.knowledge import knowledge
from bot.config import Settings
from bot.models import PersonRecord
from bot.store import Store

log = logging.getLogger(__name__)

CACHE_SECONDS = 600


class People:
    def __init__(self, store: Store, settings: Settings, *, cache_seconds: float = CACHE_SECONDS):
        self.store = store
        self.settings = settings
        self.cache_seconds = cache_seconds
        self._by_email: dict[str, tuple[float, str | None]] = {}
        self._lock = threading.Lock()

    def person(self, user_id: str | None, client: WebClient | None = None) -> PersonRecord | None:
        """The store's person for a Slack user, or None when the bot cannot place them."""
        if not user_id:
            return None
        people = knowledge(self.store).people
        for p in people:
            if p.slack_user_id == user_id:
                return p
        if not (self.settings.slack_lookup_by_email and client):
            return None
        email = self._email(user_id, client)
        if not email:
            return None
        return next((p for p in people if (p.email or "").lower() == email), None)

    def _email(self, user_id: str, client: WebClient) -> str | None:
        now = time.monotonic()
        with self._lock:
            cached = self._by_email.get(user_id)
            if cached and now - cached[0] < self.cache_seconds:
                return cached[1]
        try:
            profile = client.users_info(user=user_id)["user"].get("profile") or {}
            email = (profile.get("email") or "").lower() or None
        except SlackApiError as e:
            log.warning("users.info for %s failed: %s", user_id, e.response.get("error"))
            email = None
        with self._lock:
            if len(self._by_email) > 5000:
                self._by_email.clear()
            self._by_email[user_id] = (now, email)
        return email

    def slack_user_id(self, person: PersonRecord, client: WebClient) -> str | None:
        """The Slack user of a person (for messages sent to them, e.g. reminders): people.yaml's
        id, else, when look-up by e-mail is on, users.lookupByEmail."""
        if person.slack_user_id:
            return person.slack_user_id
        if not (self.settings.slack_lookup_by_email and person.email):
            return None
        try:
            return client.users_lookupByEmail(email=person.email)["user"]["id"]
        except SlackApiError as e:
            log.info("users.lookupByEmail for %s: %s", person.name, e.response.get("error"))
            return None
