"""What the listeners share: settings, the store, the answer engine, and the app's short memory.

Passed to each surface's `register(app, services)` explicitly rather than through Bolt's context,
because Bolt deep-copies context values for lazy listeners (a store connection cannot be copied).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answers import Answer
from bot.config import Settings
from bot.slack.memory import AnswerLog, SeenSet
from bot.slack.people import People
from bot.store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    answer: Callable[..., Answer]
    people: People
    seen_events: SeenSet = field(default_factory=SeenSet)
    answers: AnswerLog = field(default_factory=AnswerLog)
