"""The one outbox for everything the bot posts on its own (reminders, digests, agendas).

Why: a sweep may run twice (a catch-up at start, the CLI beside the scheduler), Slack may fail
(500, 429, a dropped connection), and the bot may be restarted at any moment. None of that may
lead to a message sent twice or lost. So a message is first recorded under a key that says what
it is (kind, item(s), person, due date, lead time: the caller builds it with `make_key`), and only
then sent:

    enqueue  -> pending      (INSERT OR IGNORE: the same key a second time is not new)
    deliver  -> sending      (claimed, one short committed UPDATE, so two senders never both send)
             -> sent         (Slack accepted: its channel and ts are kept, `update` edits it later)
             -> pending      (500, 429, network: tried again at the next delivery)
             -> failed       (Slack refused it for good, e.g. channel_not_found, or too many tries)
             -> expired      (not sent before `expires_at`: a stale reminder is worse than none)

Every state change is its own committed statement, so a restart sees exactly what was sent.

The one window for a duplicate: Slack has accepted the message but the process dies before the
`sent` mark is committed (a few microseconds between reading Slack's answer and one UPDATE; nothing
else runs in between). The row is then still `sending`; after `CLAIM_SECONDS` it counts as not
sent and goes out again. A cousin of it: the connection drops after Slack accepted but before its
answer arrived; the send counts as failed and is retried. Both err on the side of a duplicate
rather than a lost reminder. Slack's chat.postMessage has no idempotency key to close them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.store import Store

log = logging.getLogger(__name__)

# A claim older than this is taken to be a sender that died before marking (see above).
CLAIM_SECONDS = 600
# Transient failures in a row before a message is given up (at one delivery a day: over a week).
MAX_ATTEMPTS = 8
# Errors Slack gives for a moment's trouble: try again later.
TRANSIENT = {
    "ratelimited",
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
}
# Errors that fail every message alike (the token): stop this round, keep everything pending.
HALTING = {"ratelimited", "not_authed", "invalid_auth", "token_revoked", "account_inactive"}


def make_key(kind: str, *parts: Any) -> str:
    """A message's key: its kind and what makes it this message, e.g.
    make_key("reminder", "U123", "2021-04-20", "deadline:d1@2021-04-27/7")."""
    return "|".join([kind, *(str(p) for p in parts)])


@dataclass
class Report:
    sent: list[str] = field(default_factory=list)
    retry: list[tuple[str, str]] = field(default_factory=list)  # (key, error): next delivery
    failed: list[tuple[str, str]] = field(default_factory=list)  # given up
    expired: list[str] = field(default_factory=list)
    halted: str | None = None  # why the round stopped early, if it did

    def summary(self) -> str:
        parts = [f"sendt: {len(self.sent)}"]
        if self.retry:
            parts.append(f"prøves igjen: {len(self.retry)}")
        if self.failed:
            parts.append(f"feilet: {len(self.failed)}")
        if self.expired:
            parts.append(f"utløpt: {len(self.expired)}")
        if self.halted:
            parts.append(f"stoppet: {self.halted}")
        return ", ".join(parts)


def enqueue(
    store: Store,
    key: str,
    kind: str,
    target: str,
    text: str,
    blocks: list[dict] | None,
    now: datetime,
    *,
    expires: datetime | None = None,
) -> bool:
    """Record a message to post to `target` (a channel or user id). True when the key is new;
    False when it was recorded before (whatever its state), and then nothing changes."""
    return store.outbox_insert(
        {
            "key": key,
            "kind": kind,
            "target": target,
            "text": text,
            "blocks": blocks,
            "state": "pending",
            "attempts": 0,
            "created_at": now.isoformat(),
            "expires_at": expires.isoformat() if expires else None,
        }
    )


def sent(store: Store, key: str) -> dict | None:
    """The row of a message Slack accepted (with `channel` and `ts`), else None."""
    row = store.outbox_row(key)
    return row if row and row["state"] == "sent" else None


def get(store: Store, key: str) -> dict | None:
    return store.outbox_row(key)


def rows(store: Store, *, kind: str | None = None, state: str | None = None) -> list[dict]:
    return store.outbox_rows(kind=kind, state=state)


def deliver(store: Store, client, now: datetime, *, kind: str | None = None) -> Report:
    """Send what is pending (of one kind, or all), oldest first, one message at a time."""
    report = Report()
    stale = (now - timedelta(seconds=CLAIM_SECONDS)).isoformat()
    for key in store.outbox_due(now.isoformat(), stale):
        row = store.outbox_row(key)
        if row is None or (kind and row["kind"] != kind):
            continue
        if row["expires_at"] and now.isoformat() > row["expires_at"]:
            store.outbox_set(key, state="expired", error="utløpt før det ble sendt")
            report.expired.append(key)
            continue
        if not store.outbox_claim(key, now.isoformat(), stale):
            continue  # another sender has it, or it went out meanwhile
        try:
            answer = client.chat_postMessage(
                channel=row["target"], text=row["text"], blocks=row["blocks"], unfurl_links=False
            )
            # Mark at once: this line is the crash window (see the module's docstring).
            store.outbox_set(
                key,
                state="sent",
                sent_at=now.isoformat(),
                channel=answer["channel"],
                ts=answer["ts"],
                error=None,
            )
        except SlackApiError as exc:
            error = _error(exc)
            if _transient(exc, error) and row["attempts"] + 1 < MAX_ATTEMPTS:
                store.outbox_set(key, state="pending", error=error)
                report.retry.append((key, error))
            else:
                store.outbox_set(key, state="failed", error=error)
                report.failed.append((key, error))
            log.warning("outbox: %s not sent: %s", key, error)
            if error in HALTING:
                report.halted = error
                break
            continue
        except Exception as exc:  # the network: the connection dropped, a timeout
            error = f"{type(exc).__name__}: {exc}"[:300]
            store.outbox_set(key, state="pending", error=error)
            report.retry.append((key, error))
            report.halted = "nettverk"
            log.warning("outbox: %s not sent (network): %s", key, error)
            break
        report.sent.append(key)
    return report


def update(
    store: Store, client, key: str, text: str, blocks: list[dict] | None, now: datetime
) -> bool:
    """Change a message: a sent one is edited in Slack (chat.update), a pending one goes out with
    the new content. False when the key is unknown or Slack refused the edit."""
    row = store.outbox_row(key)
    if row is None:
        return False
    if row["state"] == "sent":
        try:
            client.chat_update(channel=row["channel"], ts=row["ts"], text=text, blocks=blocks)
        except SlackApiError as exc:
            log.warning("outbox: %s not updated: %s", key, _error(exc))
            return False
    store.outbox_set(key, text=text, blocks=blocks, updated_at=now.isoformat())
    return True


def _error(exc: SlackApiError) -> str:
    response = exc.response
    try:
        return str(response.get("error") or f"http {response.status_code}")
    except Exception:
        return str(exc)[:200]


def _transient(exc: SlackApiError, error: str) -> bool:
    status = getattr(exc.response, "status_code", 200) or 200
    return status == 429 or status >= 500 or error in TRANSIENT or error in HALTING
