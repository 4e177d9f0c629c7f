"""A local stand-in for the Slack Web API, for tests without network.

It records every call (method, arguments, headers) and answers the methods regionbot uses the way
Slack does (`ok: true`, message timestamps, views with ids). It keeps the messages posted to it, so
`conversations.replies` returns a thread as the bot left it; tests add users' messages with
`add_message`. `fail_next` makes the next calls of a method fail with 429 (and Retry-After), 500,
or status 0: the connection is dropped without an answer.
`response_url(name)` is a fake slash-command response URL whose posts are recorded as calls of the
method "response_url".
Files: `add_file(name, data)` returns a file object as a `file_share` event carries it; its
`url_private` is served (GET, recorded as calls of "file_download") only with the bot token, and
otherwise answered with a login page, as Slack does.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote

BOT_USER_ID = "UBOT"
BOT_ID = "B0BOT"
TEAM_ID = "T0TEAM"


@dataclass
class Call:
    method: str
    args: dict
    headers: dict = field(default_factory=dict)
    status: int = 200

    @property
    def text(self) -> str:
        return self.args.get("text") or ""

    def all_text(self) -> str:
        """The text and every text inside the blocks (what a user reads)."""
        parts = [self.text]

        def walk(node) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("text"), str):
                    parts.append(node["text"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.args.get("blocks"))
        walk(self.args.get("view"))
        return "\n".join(parts)


@dataclass
class Failure:
    status: int
    retry_after: int | None = None


class SlackDouble:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict] = {}
        self.messages: dict[str, list[dict]] = {}  # channel -> messages (with thread_ts)
        self.files: dict[str, tuple[bytes, str]] = {}  # file path -> (bytes, content type)
        self.token = "xoxb-test-token"
        self._failures: dict[str, list[Failure]] = {}
        self.token_valid = True  # False: auth.test answers invalid_auth, as for a revoked token
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> SlackDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    # --- scripting ---------------------------------------------------------------------------

    def fail_next(
        self, method: str, *, status: int = 429, retry_after: int | None = 1, times: int = 1
    ) -> None:
        with self._lock:
            failures = self._failures.setdefault(method, [])
            failures += [Failure(status, retry_after if status == 429 else None)] * times

    def add_user(self, user_id: str, *, email: str | None = None, name: str = "") -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name or user_id.lower(),
            "real_name": name,
            "profile": {"email": email, "real_name": name} if email else {"real_name": name},
        }

    def next_ts(self) -> str:
        return f"{1618900000 + next(self._ts)}.000100"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U0ASKER",
        ts: str | None = None,
        thread_ts: str | None = None,
        bot: bool = False,
    ) -> dict:
        message = {"type": "message", "text": text, "user": user, "ts": ts or self.next_ts()}
        if thread_ts:
            message["thread_ts"] = thread_ts
        if bot:
            message["bot_id"] = BOT_ID
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return message

    def add_file(
        self, name: str, data: bytes, *, mimetype: str = "application/pdf", file_id: str = ""
    ) -> dict:
        """A file as Slack describes it in a `file_share` event; its bytes are served."""
        file_id = file_id or f"F{next(self._ts):08d}"
        path = f"/files-pri/{TEAM_ID}-{file_id}/{quote(name)}"  # Slack's URLs are percent-encoded
        with self._lock:
            self.files[path] = (data, mimetype)
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[-1].lower(),
            "size": len(data),
            "url_private": self.url + path,
            "url_private_download": self.url + path + "?download=1",
        }

    def serve_file(self, path: str, headers: dict) -> tuple[int, bytes, str]:
        with self._lock:
            self.calls.append(Call("file_download", {"path": path}, headers))
            found = self.files.get(path)
        if found is None:
            return 404, b"not found", "text/plain"
        if headers.get("authorization") != f"Bearer {self.token}":
            return 200, b"<html><body>Logg inn i Slack</body></html>", "text/html; charset=utf-8"
        return 200, found[0], found[1]

    # --- inspecting --------------------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and c.status == 200]

    def attempts_of(self, method: str) -> list[Call]:
        """Every call of a method, failed ones included."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] | None = None,
        *,
        timeout: float = 5.0,
        count: int = 1,
    ) -> Call:
        """The `count`-th successful call of `method` matching `where`, once it has been made."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls_of(method) if where is None or where(c)]
            if len(found) >= count:
                return found[count - 1]
            if time.monotonic() > deadline:
                made = [(c.method, c.status, c.text[:80]) for c in self.calls]
                raise AssertionError(f"no {method} call within {timeout}s; calls: {made}")
            time.sleep(0.02)

    # --- answering ---------------------------------------------------------------------------

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            failures = self._failures.get(method)
            return failures.pop(0) if failures else None

    def handle(self, method: str, args: dict, headers: dict) -> tuple[int, dict | None, dict]:
        failure = self._take_failure(method)
        if failure and failure.status == 0:
            with self._lock:
                self.calls.append(Call(method, args, headers, 0))
            return 0, None, {}
        if failure:
            with self._lock:
                self.calls.append(Call(method, args, headers, failure.status))
            extra = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            error = "ratelimited" if failure.status == 429 else "internal_error"
            return failure.status, {"ok": False, "error": error}, extra
        with self._lock:
            self.calls.append(Call(method, args, headers))
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        if answer is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        return 200, answer(args), {}

    def _auth_test(self, args: dict) -> dict:
        if not self.token_valid:
            return {"ok": False, "error": "invalid_auth"}
        return {
            "ok": True,
            "url": "https://fjellregionen.slack.com/",
            "team": "Fjellregionen",
            "user": "regionbot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_postMessage(self, args: dict) -> dict:
        channel = args.get("channel", "")
        if channel[:1] in "UW":  # a user id: Slack posts in the app's DM with the user
            channel = "D" + channel[1:]
        message = self.add_message(
            channel,
            args.get("text", ""),
            user=BOT_USER_ID,
            thread_ts=args.get("thread_ts"),
            bot=True,
        )
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _chat_postEphemeral(self, args: dict) -> dict:
        return {"ok": True, "message_ts": self.next_ts()}

    def _chat_update(self, args: dict) -> dict:
        with self._lock:
            for m in self.messages.get(args.get("channel", ""), []):
                if m["ts"] == args.get("ts"):
                    m["text"] = args.get("text", "")
                    break
            else:
                return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": args.get("channel"),
            "ts": args.get("ts"),
            "text": args.get("text"),
        }

    def _view(self, args: dict) -> dict:
        view = args.get("view") or {}
        return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", "team_id": TEAM_ID, **view}}

    _views_publish = _view
    _views_open = _view

    def _conversations_replies(self, args: dict) -> dict:
        channel, ts = args.get("channel", ""), args.get("ts", "")
        with self._lock:
            thread = [
                m
                for m in self.messages.get(channel, [])
                if m["ts"] == ts or m.get("thread_ts") == ts
            ]
        thread.sort(key=lambda m: float(m["ts"]))
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        return {"ok": True, "messages": thread, "has_more": False}

    def _users_info(self, args: dict) -> dict:
        user = self.users.get(args.get("user", ""))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _users_lookupByEmail(self, args: dict) -> dict:
        email = (args.get("email") or "").lower()
        for user in self.users.values():
            if (user["profile"].get("email") or "").lower() == email:
                return {"ok": True, "user": user}
        return {"ok": False, "error": "users_not_found"}

    def _assistant_threads_setStatus(self, args: dict) -> dict:
        return {"ok": True}

    _assistant_threads_setSuggestedPrompts = _assistant_threads_setStatus
    _assistant_threads_setTitle = _assistant_threads_setStatus

    def _response_url(self, args: dict) -> dict:
        return {"ok": True}


def _decode(raw: bytes, content_type: str) -> dict:
    text = raw.decode("utf-8")
    if "json" in content_type:
        return json.loads(text or "{}")
    args: dict = dict(parse_qsl(text, keep_blank_values=True))
    for key in ("blocks", "view", "attachments", "prompts", "metadata", "loading_messages"):
        if isinstance(args.get(key), str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args


def _handler(double: SlackDouble):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet
            pass

        def do_GET(self):
            path = self.path.partition("?")[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, data, kind = double.serve_file(path, headers)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            args = _decode(raw, self.headers.get("Content-Type") or "")
            headers = {k.lower(): v for k, v in self.headers.items()}
            if self.path.startswith("/api/"):
                method = self.path[len("/api/") :].partition("?")[0]
            elif self.path.startswith("/response/"):
                method = "response_url"
                args["_name"] = self.path[len("/response/") :]
            else:
                self._send(404, {"ok": False, "error": "not_found"}, {})
                return
            status, body, extra = double.handle(method, args, headers)
            if body is None:  # drop the connection without a word
                self.close_connection = True
                return
            self._send(status, body, extra)

        def _send(self, status: int, body: dict, extra: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

    return Handler
