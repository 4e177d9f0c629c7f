"""The HTTP server as a stranger meets it: malformed, unsigned, oversized, slow and replayed
requests against the running server (loopback only), answered with a status and one log line."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bot.answers import Answer
from tests.slack.slack_requests import mention

MARKER = "HEMMELIG-KROPP"


def _quick_answer(question, **kw):
    return Answer(body=f"Svar på: {question}", found=True)


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def _no_traceback_nor_body(logs) -> None:
    for record in logs.records:
        assert record.exc_info is None, record.getMessage()
        assert MARKER not in record.getMessage()
        assert "Traceback" not in record.getMessage()


@pytest.mark.parametrize(
    "body, content_type",
    [
        (f'{{"type": "event_callback", {MARKER}', "application/json"),
        (f'["{MARKER}"]', "application/json"),
        (urlencode({"payload": f"not json {MARKER}"}), "application/x-www-form-urlencoded"),
        (urlencode({"payload": f'["{MARKER}"]'}), "application/x-www-form-urlencoded"),
        (f"\xff\xfe{MARKER}", "application/json"),
        (f"text={MARKER}", "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_signed_bodies_get_400(bot, logs, body, content_type):
    reply = bot.slack.post(body, content_type)
    assert reply.status == 400
    _no_traceback_nor_body(logs)
    rejected = [r.getMessage() for r in logs.records if "rejected" in r.getMessage()]
    assert len(rejected) == 1 and "bytes" in rejected[0]


@pytest.mark.parametrize(
    "body, content_type",
    [
        (f'{{"type": "event_callback", {MARKER}', "application/json"),
        (f'["{MARKER}"]', "application/json"),
        (urlencode({"payload": f"not json {MARKER}"}), "application/x-www-form-urlencoded"),
    ],
)
def test_unsigned_malformed_bodies_get_401(bot, logs, body, content_type):
    assert bot.slack.post(body, content_type, signed=False).status == 401
    assert bot.slack.post(body, content_type, signature="v0=feil").status == 401
    _no_traceback_nor_body(logs)


@pytest.mark.parametrize("timestamp", ["abc", "1e9", "-5", "12.5", "9" * 40])
def test_a_non_numeric_timestamp_is_401(bot, logs, timestamp):
    body = bot.slack.event_body(mention("hei", ts="1.1"))
    reply = bot.slack.post(
        body,
        "application/json",
        signed=False,
        headers={"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=00"},
    )
    assert reply.status == 401
    _no_traceback_nor_body(logs)


def test_the_log_line_of_a_rejected_request_holds_its_size_not_its_body(bot, logs):
    body = f"{MARKER}\n2026-01-01 INFO forged: line\n" + "x" * 500_000
    assert bot.slack.post(body, "application/json", signed=False).status == 401
    lines = [r.getMessage() for r in logs.records if "rejected" in r.getMessage()]
    assert len(lines) == 1
    assert "\n" not in lines[0] and str(len(body)) in lines[0] and len(lines[0]) < 300
    _no_traceback_nor_body(logs)


def _raw(bot, data: bytes) -> bytes:
    host, port = bot.server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(data)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_body_over_1_mb_is_refused_before_it_is_read(bot):
    reply = _raw(
        bot,
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 50000000\r\nConnection: close\r\n\r\n{}",
    )
    assert reply.startswith(b"HTTP/1.1 413")


def test_a_slow_body_holds_no_worker_and_is_dropped_after_the_timeout(start_bot, logs):
    bot = start_bot(read_timeout=1)
    host, port = bot.server.url.removeprefix("http://").split(":")
    slow = socket.create_connection((host, int(port)), timeout=10)
    slow.sendall(
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000\r\n\r\n{"type"'
    )
    # Meanwhile everybody else is served.
    replies = [bot.slack.get("/health").status for _ in range(20)]
    assert replies == [200] * 20
    started = time.monotonic()
    assert slow.recv(1000) == b""  # closed by the server, without an answer
    assert time.monotonic() - started < 5
    slow.close()
    _no_traceback_nor_body(logs)


def test_a_body_dripped_byte_by_byte_is_dropped_at_the_request_deadline(start_bot):
    bot = start_bot(read_timeout=5, request_deadline=1)
    host, port = bot.server.url.removeprefix("http://").split(":")
    drip = socket.create_connection((host, int(port)), timeout=10)
    drip.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
    started = time.monotonic()
    closed = False
    while time.monotonic() - started < 6:
        try:
            drip.sendall(b"x")  # never silent long enough for the read timeout
        except OSError:
            closed = True
            break
        time.sleep(0.2)
    drip.close()
    assert closed and time.monotonic() - started < 4


def test_forty_simultaneous_connections_are_all_answered(start_bot):
    bot = start_bot(answer=_quick_answer)
    barrier = threading.Barrier(40)

    def one(n: int) -> int:
        barrier.wait(timeout=10)
        return bot.slack.event(mention(f"spørsmål {n}", ts=f"500.{n}")).status

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(one, range(40)))
    assert statuses == [200] * 40
    bot.double.wait_for("chat.postMessage", count=40, timeout=20)
    assert all("Svar på: spørsmål" in c.text for c in bot.double.calls_of("chat.postMessage"))


def test_health_reports_what_the_store_holds(bot, store):
    health = bot.slack.get("/health").json()
    counts = store.counts()
    assert health == {
        "status": "ok",
        "documents": counts["documents"],
        "measures": counts["measures"],
    }
    assert health["documents"] == 5 and health["measures"] > 100


def test_a_replayed_command_is_answered_once(start_bot):
    bot = start_bot(answer=_quick_answer)
    url = bot.double.response_url("replay")
    body = urlencode(
        {
            "team_id": "T0FJELL",
            "channel_id": "C0PUBLIC",
            "user_id": "U0ASKER",
            "command": "/regionbot",
            "text": "hvem har ansvar for jernbaneforum?",
            "response_url": url,
            "trigger_id": "1.replayed",
        }
    )
    ts = int(time.time())
    first = bot.slack.post(body, "application/x-www-form-urlencoded", timestamp=ts)
    again = bot.slack.post(body, "application/x-www-form-urlencoded", timestamp=ts)
    assert first.status == again.status == 200
    bot.double.wait_for("response_url")
    bot.idle()
    assert len(bot.double.calls_of("response_url")) == 1


def test_a_replayed_click_is_acted_on_once(start_bot, fresh_store):
    bot = start_bot(store=fresh_store, answer=_quick_answer)
    payload = {
        "type": "block_actions",
        "team": {"id": "T0FJELL"},
        "user": {"id": "U0ASKER"},
        "api_app_id": "A0REGION",
        "container": {"type": "message", "channel_id": "C0PUBLIC", "message_ts": "1.1"},
        "trigger_id": "2.replayed",
        "channel": {"id": "C0PUBLIC"},
        "message": {"type": "message", "text": "svar", "ts": "1.1"},
        "response_url": "",
        "actions": [{"type": "button", "action_id": "feedback_up", "value": "x"}],
    }
    body = urlencode({"payload": json.dumps(payload)})
    ts = int(time.time())
    for _ in range(2):
        assert bot.slack.post(body, "application/x-www-form-urlencoded", timestamp=ts).status == 200
    # Signed again (a new timestamp) but the same click: the trigger id gives it away.
    assert bot.slack.post(body, "application/x-www-form-urlencoded", timestamp=ts - 1).status == 200
    bot.double.wait_for("chat.postEphemeral")
    bot.idle()
    assert len(fresh_store.feedback()) == 1
