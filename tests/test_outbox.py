"""The outbox against the local Slack double: each message once, retried after failures, never
re-sent after a restart, editable once sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk import WebClient

from bot import outbox
from bot.store import Store
from tests.slack.slack_double import SlackDouble


@pytest.fixture
def double():
    d = SlackDouble().start()
    yield d
    d.stop()


@pytest.fixture
def client(double) -> WebClient:
    # No client-side retries: what happens after Slack's final "no" is the outbox's business.
    return WebClient(token="xoxb-test", base_url=double.api_url, timeout=5, retry_handlers=[])


@pytest.fixture
def db(tmp_path) -> Store:
    s = Store.open(tmp_path / "outbox.db")
    yield s
    s.close()


def _queue(db, now, n=2):
    keys = []
    for i in range(n):
        key = outbox.make_key("reminder", f"U{i}", now.date(), f"deadline:d{i}@2021-04-27/7")
        assert outbox.enqueue(db, key, "reminder", f"U{i}", f"Frist {i}", None, now)
        keys.append(key)
    return keys


def test_a_message_is_sent_once_and_remembered(db, client, double, now):
    (key,) = _queue(db, now, 1)
    assert not outbox.enqueue(db, key, "reminder", "U0", "other text", None, now)
    report = outbox.deliver(db, client, now)
    assert report.sent == [key]
    assert outbox.deliver(db, client, now).sent == []
    assert not outbox.enqueue(db, key, "reminder", "U0", "Frist 0", None, now)
    assert outbox.deliver(db, client, now + timedelta(hours=1)).sent == []
    posts = double.calls_of("chat.postMessage")
    assert [(c.args["channel"], c.text) for c in posts] == [("U0", "Frist 0")]
    row = outbox.sent(db, key)
    assert row["channel"] == "D0" and row["ts"] == double.messages["D0"][0]["ts"]
    assert row["attempts"] == 1 and row["sent_at"] == now.isoformat()


def test_a_server_error_is_retried_at_the_next_delivery(db, client, double, now):
    first, second = _queue(db, now)
    double.fail_next("chat.postMessage", status=500)
    report = outbox.deliver(db, client, now)
    assert report.sent == [second] and [k for k, _ in report.retry] == [first]
    assert outbox.get(db, first)["state"] == "pending"
    assert outbox.sent(db, first) is None
    report = outbox.deliver(db, client, now + timedelta(days=1))
    assert report.sent == [first]
    assert sorted(c.args["channel"] for c in double.calls_of("chat.postMessage")) == ["U0", "U1"]
    assert len(double.attempts_of("chat.postMessage")) == 3


def test_a_rate_limit_stops_the_round_and_keeps_the_rest_pending(db, client, double, now):
    first, second = _queue(db, now)
    double.fail_next("chat.postMessage", status=429, retry_after=1)
    report = outbox.deliver(db, client, now)
    assert report.sent == [] and report.halted == "ratelimited"
    assert [outbox.get(db, k)["state"] for k in (first, second)] == ["pending", "pending"]
    assert outbox.deliver(db, client, now).sent == [first, second]


def test_a_dropped_connection_is_retried(db, client, double, now):
    (key,) = _queue(db, now, 1)
    double.fail_next("chat.postMessage", status=0)
    report = outbox.deliver(db, client, now)
    assert report.sent == [] and report.halted == "nettverk"
    assert outbox.deliver(db, client, now).sent == [key]
    assert len(double.calls_of("chat.postMessage")) == 1


def test_a_restart_re_sends_nothing(tmp_path, client, double, now):
    path = tmp_path / "restart.db"
    first = Store.open(path)
    keys = _queue(first, now)
    outbox.deliver(first, client, now)
    first.close()
    again = Store.open(path)
    for i, key in enumerate(keys):
        assert not outbox.enqueue(again, key, "reminder", f"U{i}", f"Frist {i}", None, now)
    assert outbox.deliver(again, client, now).sent == []
    assert len(double.calls_of("chat.postMessage")) == 2
    again.close()


def test_a_sender_that_died_mid_send_is_taken_over_after_the_claim_expires(db, client, double, now):
    (key,) = _queue(db, now, 1)
    stale = (now - timedelta(seconds=outbox.CLAIM_SECONDS)).isoformat()
    assert db.outbox_claim(key, now.isoformat(), stale)  # a sender claims, then dies
    assert outbox.deliver(db, client, now + timedelta(seconds=5)).sent == []
    later = now + timedelta(seconds=outbox.CLAIM_SECONDS + 1)
    assert outbox.deliver(db, client, later).sent == [key]


def test_a_permanent_refusal_is_given_up(db, client, double, now):
    key = outbox.make_key("digest", "C-missing", now.date())
    outbox.enqueue(db, key, "digest", "C-missing", "Ukeoversikt", None, now)
    original = double._chat_postMessage
    double._chat_postMessage = lambda args: {"ok": False, "error": "channel_not_found"}
    report = outbox.deliver(db, client, now)
    double._chat_postMessage = original
    assert report.failed == [(key, "channel_not_found")]
    assert outbox.get(db, key)["state"] == "failed"
    assert outbox.deliver(db, client, now).sent == []


def test_a_stale_message_expires_instead_of_going_out_late(db, client, double, now):
    key = outbox.make_key("reminder", "U9", now.date())
    outbox.enqueue(
        db, key, "reminder", "U9", "I morgen", None, now, expires=now + timedelta(days=1)
    )
    report = outbox.deliver(db, client, now + timedelta(days=2))
    assert report.expired == [key] and double.calls_of("chat.postMessage") == []


def test_a_sent_message_is_updated_in_place(db, client, double, now):
    key = outbox.make_key("agenda", "C1", "møte-1")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Sak 1"}}]
    outbox.enqueue(db, key, "agenda", "C1", "Saksliste", blocks, now)
    outbox.deliver(db, client, now)
    row = outbox.sent(db, key)
    new_blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Sak 1 og 2"}}]
    assert outbox.update(db, client, key, "Saksliste (endret)", new_blocks, now)
    (edit,) = double.calls_of("chat.update")
    assert (edit.args["channel"], edit.args["ts"]) == (row["channel"], row["ts"])
    assert "Sak 1 og 2" in edit.all_text()
    assert outbox.get(db, key)["blocks"] == new_blocks
    assert len(double.calls_of("chat.postMessage")) == 1


def test_a_pending_message_goes_out_with_its_update(db, client, double, now):
    key = outbox.make_key("agenda", "C1", "møte-2")
    outbox.enqueue(db, key, "agenda", "C1", "Saksliste", None, now)
    assert outbox.update(db, client, key, "Saksliste v2", None, now)
    assert double.calls_of("chat.update") == []
    outbox.deliver(db, client, now)
    assert [c.text for c in double.calls_of("chat.postMessage")] == ["Saksliste v2"]
    assert not outbox.update(db, client, "unknown", "x", None, now)


def test_deliver_can_be_limited_to_one_kind(db, client, double, now):
    outbox.enqueue(db, "a", "agenda", "C1", "Saksliste", None, now)
    outbox.enqueue(db, "r", "reminder", "U1", "Frist", None, now)
    assert outbox.deliver(db, client, now, kind="agenda").sent == ["a"]
    assert outbox.get(db, "r")["state"] == "pending"
