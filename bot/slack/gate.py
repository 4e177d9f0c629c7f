"""The WSGI application in front of Bolt: what a request must be before Bolt sees it.

Anyone who finds the URL can send anything, so every request is checked in the order that costs
a stranger the least of our time: the path, the size, Slack's signature (before the body is
parsed, so a malformed body without a valid signature is only ever a 401), then the shape of the
body (400 when it is not what Slack sends). A rejected request is logged in one line with its
size and the reason, never its body (which could be a megabyte, or forge log lines). A command or
click replayed inside Slack's five-minute window is acked and not acted on again, as redelivered
events are (see `skip_redelivered` in app.py).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.slack.memory import SeenSet

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"
MAX_BODY = 1_000_000  # Slack's payloads are far smaller; refuse anything that is not Slack

_STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    401: "401 Unauthorized",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    413: "413 Payload Too Large",
    500: "500 Internal Server Error",
}
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


class Rejected(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


class SlackGate:
    """`POST /slack/events` checked and handed to Bolt; `GET /health` with what the store holds."""

    def __init__(self, app: App, signing_secret: str, health: Callable[[], dict]):
        self.app = app
        self.verifier = SignatureVerifier(signing_secret)
        self.health = health
        self.replays = SeenSet(size=5000)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        size = _content_length(environ)
        try:
            status, headers, body = self._handle(environ, size)
        except Rejected as r:
            log.warning(
                "rejected %s %s from %s: %s (%s bytes)",
                _printable(environ.get("REQUEST_METHOD", "")),
                _printable(environ.get("PATH_INFO", ""))[:80],
                environ.get("REMOTE_ADDR", "?"),
                r.reason,
                size if size is not None else "?",
            )
            status, headers, body = r.status, {}, r.reason
        except Exception as exc:  # a bug of ours: one line, no body, and Slack gets a 500
            log.error("request failed: %s: %s", type(exc).__name__, _printable(str(exc))[:200])
            status, headers, body = 500, {}, "internal error"
        data = body.encode("utf-8")
        content_type = headers.get("content-type", "text/plain; charset=utf-8")
        start_response(
            _STATUS.get(status, f"{status} Status"),
            [("Content-Type", content_type), ("Content-Length", str(len(data)))],
        )
        return [data]

    def _handle(self, environ: dict, size: int | None) -> tuple[int, dict, str]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return 200, {"content-type": "application/json"}, json.dumps(self.health())
        if path != EVENTS_PATH:
            raise Rejected(404, "not found")
        if method != "POST":
            raise Rejected(405, "method not allowed")
        if size is None:
            raise Rejected(400, "bad content-length")
        if size > MAX_BODY:
            raise Rejected(413, "payload too large")
        raw = environ["wsgi.input"].read(size)
        if len(raw) != size:
            raise Rejected(400, "incomplete body")
        headers = _headers(environ)
        if not self._signed(raw, headers):
            raise Rejected(401, "invalid signature")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Rejected(400, "body is not UTF-8") from exc
        payload = _parse(text, headers.get("content-type", [""])[0])
        if self._replayed(payload, headers):
            log.info("request replayed inside the signature window: answered once already")
            return 200, {}, ""
        response = self.app.dispatch(
            BoltRequest(body=text, query=environ.get("QUERY_STRING", ""), headers=headers)
        )
        content_type = {k.lower(): v[0] for k, v in (response.headers or {}).items() if v}.get(
            "content-type"
        )
        return (
            response.status,
            ({"content-type": content_type} if content_type else {}),
            (response.body or ""),
        )

    def _signed(self, raw: bytes, headers: dict[str, list[str]]) -> bool:
        timestamp = (headers.get("x-slack-request-timestamp") or [""])[0]
        signature = (headers.get("x-slack-signature") or [""])[0]
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) < 12):
            return False
        return self.verifier.is_valid(body=raw, timestamp=timestamp, signature=signature)

    def _replayed(self, payload: dict, headers: dict[str, list[str]]) -> bool:
        """Events are told apart by `event_id` (Slack redelivers them, re-signed); commands and
        interactivity by their signature and, for clicks and forms, the trigger id."""
        if payload.get("type") in ("event_callback", "url_verification"):
            return False
        keys = [(headers.get("x-slack-signature") or [""])[0]]
        if payload.get("trigger_id"):
            keys.append(f"trigger:{payload['trigger_id']}")
        new = [self.replays.add(k) for k in keys]
        return not all(new)


def _parse(text: str, content_type: str) -> dict:
    """The body as Bolt will read it, checked to be the shape Slack sends (an object)."""
    if content_type.startswith("application/json"):
        try:
            payload = json.loads(text)
        except ValueError as exc:
            raise Rejected(400, "invalid JSON") from exc
        if not isinstance(payload, dict):
            raise Rejected(400, "JSON body is not an object")
        return payload
    form = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
    if "payload" not in form:
        if not form.get("command") and not form.get("ssl_check"):
            raise Rejected(400, "not a Slack request")
        return form
    try:
        payload = json.loads(form["payload"])
    except ValueError as exc:
        raise Rejected(400, "payload is not JSON") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        raise Rejected(400, "payload is not a Slack interaction")
    return payload


def _headers(environ: dict) -> dict[str, list[str]]:
    headers = {
        key[5:].replace("_", "-").lower(): [value]
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = [environ["CONTENT_TYPE"]]
    return headers


def _content_length(environ: dict) -> int | None:
    value = environ.get("CONTENT_LENGTH") or "0"
    return int(value) if value.isascii() and value.isdigit() else None


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub("?", text)
