"""Small bounded in-memory records the Slack app keeps between requests.

Slack redelivers an event when it thinks the first delivery failed (`X-Slack-Retry-Num`), and a
redelivered question must not be answered twice; feedback buttons carry a short reference to the
answer they rate. Both only need to outlive a few minutes, so bounded dictionaries suffice and
nothing is written to the store. A restart forgets them, which costs at most a duplicate answer
to an event retried across the restart, or a vote recorded without its question.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict


class SeenSet:
    """The last `size` keys seen; `add` says whether a key is new. Thread-safe."""

    def __init__(self, size: int = 2000):
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str) -> bool:
        with self._lock:
            if key in self._keys:
                self._keys.move_to_end(key)
                return False
            self._keys[key] = None
            while len(self._keys) > self.size:
                self._keys.popitem(last=False)
            return True

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)


class AnswerLog:
    """Recent answers by a short reference: what a 👍/👎 click is about."""

    def __init__(self, size: int = 2000):
        self.size = size
        self._items: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, *, question: str, answer: str) -> str:
        ref = secrets.token_hex(6)
        with self._lock:
            self._items[ref] = {"question": question, "answer": answer}
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return ref

    def get(self, ref: str) -> dict | None:
        with self._lock:
            return self._items.get(ref)
