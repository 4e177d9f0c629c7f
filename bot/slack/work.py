"""The thread pool that runs the lazy listeners (the answers), counting what is in flight.

Knowing when no answer is being made lets `regionbot serve` finish the answers it has started
before it stops (a restart then loses no question), and lets tests wait for the bot to be done
instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

WORKERS = 8


class Work(ThreadPoolExecutor):
    def __init__(self, max_workers: int = WORKERS):
        super().__init__(max_workers=max_workers, thread_name_prefix="regionbot-listener")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return future

    def _done(self, _future) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    @property
    def pending(self) -> int:
        return self._pending

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until nothing is queued or running; False if `timeout` passed first."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True
