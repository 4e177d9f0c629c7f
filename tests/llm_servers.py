"""Local stand-ins for LLM providers, so the real provider packages run in tests without network.

`OpenAIServer` speaks the OpenAI chat-completions API (`POST /v1/chat/completions`), which is what
`langchain-openai` sends to OpenAI and to any OpenAI-compatible server; `OllamaServer` speaks
Ollama's `POST /api/chat` (streamed NDJSON or one JSON object), which `langchain-ollama` sends;
`AnthropicServer` speaks Anthropic's Messages API (`POST /v1/messages`) for `langchain-anthropic`.
Both answer from a script of `Reply`s, one per request, and record every request body, so a test
can check which tool results the model was sent back. A `HANG` reply holds the request open until
the server stops (a provider that never answers); a reply with `raw_arguments` sends tool-call
arguments as the model wrote them, broken JSON included.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ToolCall:
    name: str
    args: dict[str, Any] = field(default_factory=dict)
    raw_arguments: str | None = None  # sent as is instead of json.dumps(args)
    id: str | None = None


@dataclass
class Reply:
    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    hang: bool = False


HANG = Reply(hang=True)


def text(content: str) -> Reply:
    return Reply(content=content)


def calls(*tool_calls: tuple[str, dict] | ToolCall) -> Reply:
    """One reply with these tool calls, made in parallel."""
    return Reply(
        tool_calls=[c if isinstance(c, ToolCall) else ToolCall(c[0], c[1]) for c in tool_calls]
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True


class ScriptedServer:
    """A scripted chat server on 127.0.0.1 at a free port; use it as a context manager.

    `then` is the reply once the script is used up (a model that never stops calling tools);
    without it, a request past the script gets HTTP 500.
    """

    path = "/"

    def __init__(self, *script: Reply, then: Reply | None = None) -> None:
        self.script = list(script)
        self.then = then
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._ids = itertools.count(1)
        self._httpd: _Server | None = None

    # --- lifecycle

    def __enter__(self) -> ScriptedServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                owner._handle(self)

            def do_GET(self) -> None:
                self.send_error(404)

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._release.set()  # let hanging requests go
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # --- what was asked

    @property
    def tool_messages(self) -> list[dict]:
        """The tool results the model was sent in the last request."""
        if not self.requests:
            return []
        return [m for m in self.requests[-1].get("messages", []) if m.get("role") == "tool"]

    # --- answering

    def _next(self) -> Reply | None:
        with self._lock:
            if self.script:
                return self.script.pop(0)
            return self.then

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"{}")
        if handler.path.rstrip("/") != self.path:
            handler.send_error(404)
            return
        with self._lock:
            self.requests.append(body)
        reply = self._next()
        if reply is None:
            self._send(handler, 500, {"error": {"message": "script used up"}})
            return
        if reply.hang:
            self._release.wait(30)
            return  # the connection closes without an answer
        self.answer(handler, body, reply)

    def answer(self, handler: BaseHTTPRequestHandler, body: dict, reply: Reply) -> None:
        raise NotImplementedError

    def _send(self, handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def call_id(self, call: ToolCall) -> str:
        return call.id or f"call_{next(self._ids)}"


class OpenAIServer(ScriptedServer):
    """`POST /v1/chat/completions`; give `base_url=server.url + "/v1"` to the client."""

    path = "/v1/chat/completions"

    def answer(self, handler, body, reply):
        message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
        if reply.tool_calls:
            message["tool_calls"] = [
                {
                    "id": self.call_id(c),
                    "type": "function",
                    "function": {
                        "name": c.name,
                        "arguments": c.raw_arguments
                        if c.raw_arguments is not None
                        else json.dumps(c.args, ensure_ascii=False),
                    },
                }
                for c in reply.tool_calls
            ]
        if message["content"] is None and not reply.tool_calls:
            message["content"] = ""
        self._send(
            handler,
            200,
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 1_700_000_000,
                "model": body.get("model", "test-model"),
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "logprobs": None,
                        "finish_reason": "tool_calls" if reply.tool_calls else "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
            },
        )


class OllamaServer(ScriptedServer):
    """`POST /api/chat`; give `base_url=server.url` to the client."""

    path = "/api/chat"

    def answer(self, handler, body, reply):
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        if reply.tool_calls:
            message["tool_calls"] = [
                {"function": {"name": c.name, "arguments": c.args}} for c in reply.tool_calls
            ]
        base = {"model": body.get("model", "test-model"), "created_at": "2021-04-20T07:00:00Z"}
        final = {
            **base,
            "done": True,
            "done_reason": "stop",
            "total_duration": 1,
            "load_duration": 1,
            "prompt_eval_count": 10,
            "prompt_eval_duration": 1,
            "eval_count": 5,
            "eval_duration": 1,
        }
        if body.get("stream", True) is False:
            self._send(handler, 200, {**final, "message": message})
            return
        lines = [
            {**base, "message": message, "done": False},
            {**final, "message": {"role": "assistant", "content": ""}},
        ]
        data = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/x-ndjson")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


class AnthropicServer(ScriptedServer):
    """`POST /v1/messages` (the Messages API); give `base_url=server.url` to the client."""

    path = "/v1/messages"

    @property
    def tool_messages(self) -> list[dict]:
        """The tool results of the last request, as {"tool_call_id", "content"} like the others."""
        if not self.requests:
            return []
        out = []
        for message in self.requests[-1].get("messages", []):
            content = message.get("content")
            for block in content if isinstance(content, list) else []:
                if block.get("type") == "tool_result":
                    text = block.get("content")
                    if isinstance(text, list):
                        text = "".join(part.get("text", "") for part in text)
                    out.append({"tool_call_id": block.get("tool_use_id"), "content": text})
        return out

    def answer(self, handler, body, reply):
        content: list[dict] = []
        if reply.content:
            content.append({"type": "text", "text": reply.content})
        for c in reply.tool_calls:
            content.append(
                {"type": "tool_use", "id": self.call_id(c), "name": c.name, "input": c.args}
            )
        self._send(
            handler,
            200,
            {
                "id": f"msg_{len(self.requests)}",
                "type": "message",
                "role": "assistant",
                "model": body.get("model", "test-model"),
                "content": content,
                "stop_reason": "tool_use" if reply.tool_calls else "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 5},
            },
        )
