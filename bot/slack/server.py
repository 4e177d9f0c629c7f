"""Running the app: Socket Mode when SLACK_APP_TOKEN is set (no public URL, which suits municipal
networks), HTTP otherwise.

The HTTP server is the standard library's ThreadingHTTPServer: `POST /slack/events` takes events,
slash commands and interactivity alike (Bolt tells them apart and verifies Slack's signature: an
unsigned, wrongly signed or stale request gets 401), and `GET /health` answers a load balancer. It
can run in a background thread (`make_server(...).start()`), which is how the tests drive it.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_bolt import App, BoltRequest

from bot.config import Settings
from bot.slack.app import SlackConfigError, build_app, work_of
from bot.store import Store

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"
MAX_BODY = 1_000_000  # Slack's payloads are far smaller; refuse anything that is not Slack
DRAIN_SECONDS = 30  # at shutdown, how long answers already started may take to finish


class SlackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: App):
        self.app = app
        self._thread: threading.Thread | None = None
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        host = self.server_address[0]
        host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return f"http://{host}:{self.port}"

    def start(self, poll_interval: float = 0.05) -> SlackHTTPServer:
        """Serve in a background thread (for tests and embedding)."""
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True
        )
        self._thread.start()
        return self

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every answer started has been sent (see bot/slack/work.py)."""
        return work_of(self.app).wait_idle(timeout)

    def stop(self, drain: float = 5.0) -> None:
        self.shutdown()
        self.wait_idle(drain)
        self.server_close()
        if self._thread:
            self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    server: SlackHTTPServer
    server_version = "regionbot"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        if self.path.partition("?")[0] == HEALTH_PATH:
            self._send(200, json.dumps({"status": "ok"}), "application/json")
        else:
            self._send(404, "not found")

    def do_POST(self) -> None:
        path, _, query = self.path.partition("?")
        if path != EVENTS_PATH:
            self._send(404, "not found")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._send(413, "payload too large")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        headers: dict[str, list[str]] = {}
        for key, value in self.headers.items():
            headers.setdefault(key.lower(), []).append(value)
        response = self.server.app.dispatch(BoltRequest(body=body, query=query, headers=headers))
        content_type = None
        for key, values in (response.headers or {}).items():
            if key.lower() == "content-type" and values:
                content_type = values[0]
        self._send(response.status, response.body or "", content_type)

    def _send(self, status: int, body: str, content_type: str | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_server(
    settings: Settings,
    store: Store,
    *,
    port: int = 0,
    host: str = "0.0.0.0",
    app: App | None = None,
    **app_options,
) -> SlackHTTPServer:
    """The HTTP-mode server, bound but not yet serving (port 0 picks a free port)."""
    if not settings.slack_signing_secret:
        raise SlackConfigError(
            "SLACK_SIGNING_SECRET mangler: HTTP-modus trenger den for å sjekke at forespørslene "
            "kommer fra Slack (eller sett SLACK_APP_TOKEN for Socket Mode)."
        )
    return SlackHTTPServer((host, port), app or build_app(settings, store, **app_options))


def socket_mode_handler(app: App, settings: Settings):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, settings.slack_app_token)


def _interrupt_on_sigterm():
    """systemd and Docker stop with SIGTERM: treat it like Ctrl-C, so the answers in flight are
    finished before the process ends. Returns the handler it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def serve(settings: Settings, store: Store, *, port: int = 3000) -> None:
    """`regionbot serve`: run until interrupted, then finish the answers already started."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    try:
        app = build_app(settings, store, verify_token=True)
        server = (
            None if settings.slack_app_token else make_server(settings, store, port=port, app=app)
        )
    except SlackConfigError as e:
        print(f"Feil: {e}", file=sys.stderr)
        raise SystemExit(1) from e
    previous = _interrupt_on_sigterm()
    try:
        if server is None:
            log.info("regionbot kobler til Slack i Socket Mode")
            socket_mode_handler(app, settings).start()
        else:
            log.info("regionbot lytter på http://0.0.0.0:%s%s", server.port, EVENTS_PATH)
            server.serve_forever()
    except KeyboardInterrupt:
        log.info("regionbot stopper")
    finally:
        if server is not None:
            server.server_close()
        if not work_of(app).wait_idle(DRAIN_SECONDS):
            log.warning("stoppet før alle svar var sendt")
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
