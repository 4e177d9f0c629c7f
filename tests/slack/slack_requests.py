"""Requests built like Slack's: event callbacks as JSON, slash commands and interactivity
form-encoded, each signed with the v0 signature (slack_sdk's SignatureVerifier)."""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.slack.slack_double import BOT_USER_ID, TEAM_ID

APP_ID = "A0REGION"
_ids = itertools.count(1)


@dataclass
class Reply:
    status: int
    body: str

    def json(self) -> dict:
        return json.loads(self.body)


class SlackSender:
    def __init__(self, url: str, signing_secret: str):
        self.url = url.rstrip("/")
        self.verifier = SignatureVerifier(signing_secret)

    # --- raw ---------------------------------------------------------------------------------

    def post(
        self,
        body: str,
        content_type: str,
        *,
        path: str = "/slack/events",
        signed: bool = True,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict | None = None,
    ) -> Reply:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers["X-Slack-Request-Timestamp"] = ts
            all_headers["X-Slack-Signature"] = signature or self.verifier.generate_signature(
                timestamp=ts, body=body
            )
        request = urllib.request.Request(
            self.url + path, data=body.encode(), headers=all_headers, method="POST"
        )
        return self._open(request)

    def get(self, path: str) -> Reply:
        return self._open(urllib.request.Request(self.url + path))

    @staticmethod
    def _open(request) -> Reply:
        try:
            with urllib.request.urlopen(request, timeout=5) as r:
                return Reply(r.status, r.read().decode())
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read().decode())

    # --- Slack's request kinds ----------------------------------------------------------------

    @staticmethod
    def event_body(event: dict, *, event_id: str | None = None) -> str:
        return json.dumps(
            {
                "token": "legacy",
                "team_id": TEAM_ID,
                "api_app_id": APP_ID,
                "event": event,
                "type": "event_callback",
                "event_id": event_id or f"Ev{next(_ids):08d}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
            }
        )

    def event(
        self, event: dict, *, event_id: str | None = None, retry_num: int | None = None, **kw
    ) -> Reply:
        headers = {}
        if retry_num:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(
            self.event_body(event, event_id=event_id), "application/json", headers=headers, **kw
        )

    def command(
        self,
        text: str,
        *,
        response_url: str,
        user_id: str = "U0ASKER",
        channel_id: str = "C0PUBLIC",
        command: str = "/regionbot",
        **kw,
    ) -> Reply:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": TEAM_ID,
                "team_domain": "fjellregionen",
                "channel_id": channel_id,
                "channel_name": "regionrådet",
                "user_id": user_id,
                "user_name": user_id.lower(),
                "command": command,
                "text": text,
                "api_app_id": APP_ID,
                "response_url": response_url,
                "trigger_id": f"{next(_ids)}.trigger",
            }
        )
        return self.post(body, "application/x-www-form-urlencoded", **kw)

    def interactive(self, payload: dict, **kw) -> Reply:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded", **kw)

    def click(
        self,
        action_id: str,
        value: str,
        *,
        user_id: str = "U0ASKER",
        channel_id: str = "C0PUBLIC",
        message: dict | None = None,
        response_url: str = "",
        ephemeral: bool = False,
        **kw,
    ) -> Reply:
        message = message or {"type": "message", "text": "", "ts": "1618900000.000001"}
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "fjellregionen"},
            "user": {"id": user_id, "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "legacy",
            "container": {
                "type": "message",
                "message_ts": message.get("ts"),
                "channel_id": channel_id,
                "is_ephemeral": ephemeral,
                **({"thread_ts": message["thread_ts"]} if message.get("thread_ts") else {}),
            },
            "trigger_id": f"{next(_ids)}.trigger",
            "channel": {"id": channel_id, "name": "regionrådet"},
            "message": message,
            "response_url": response_url,
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": value,
                    "action_ts": str(time.time()),
                }
            ],
        }
        if ephemeral:
            payload.pop("message")
        return self.interactive(payload, **kw)

    def submit_view(
        self,
        callback_id: str,
        values: dict,
        *,
        user_id: str = "U0ASKER",
        private_metadata: str = "",
        view_id: str = "V0FORM",
        **kw,
    ) -> Reply:
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "fjellregionen"},
            "user": {"id": user_id, "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "legacy",
            "trigger_id": f"{next(_ids)}.trigger",
            "view": {
                "id": view_id,
                "type": "modal",
                "callback_id": callback_id,
                "team_id": TEAM_ID,
                "state": {"values": values},
                "private_metadata": private_metadata,
            },
        }
        return self.interactive(payload, **kw)


def mention(
    text: str, *, channel: str = "C0PUBLIC", user: str = "U0ASKER", ts: str, thread_ts=None
) -> dict:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(
    text: str,
    *,
    channel: str,
    channel_type: str,
    user: str = "U0ASKER",
    ts: str,
    thread_ts: str | None = None,
) -> dict:
    event = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "channel_type": channel_type,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event
