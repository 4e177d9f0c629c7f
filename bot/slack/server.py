"""Running the app: Socket Mode when SLACK_APP_TOKEN is set (no public URL, which suits municipal
networks), HTTP otherwise.

HTTP mode runs on waitress, a well-kept pure-Python WSGI server: connections are read by one
asynchronous loop, so a client that sends half a body holds no thread and is dropped after the
read timeout; a fixed number of threads run the requests (the answers themselves run in the
app's own pool, see bot/slack/work.py, so an ack never waits for them); the listen backlog is
real; bodies over 1 MB are refused before they are read. What a request must be to reach Bolt is
in bot/slack/gate.py. The server can run in a background thread (`make_server(...).start()`),
which is how the tests drive it.
"""

from __future__ import annotations

import errno
import logging
import re
import signal
import sys
import threading
import time

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackClientError
from waitress.adjustments import Adjustments
from waitress.server import TcpWSGIServer

from bot.config import Settings
from bot.slack.app import SlackConfigError, build_app, work_of
from bot.slack.gate import EVENTS_PATH, MAX_BODY, SlackGate
from bot.store import Store

log = logging.getLogger(__name__)

DRAIN_SECONDS = 30  # at shutdown, how long answers already started may take to finish
READ_TIMEOUT = 10  # seconds a connection may stay silent before it is closed
REQUEST_DEADLINE = 30  # seconds a request may take to arrive in full, however slowly it drips
THREADS = 8  # requests handled at once (acks are quick; the answers run in the app's pool)
BACKLOG = 1024
CONNECTION_LIMIT = 500


class SlackHTTPServer(TcpWSGIServer):
    """waitress's TCP server with a deadline for a whole request (its own timeout counts only
    silence, so a client dripping a byte every few seconds would otherwise stay forever)."""

    def __init__(
        self,
        app: App,
        gate: SlackGate,
        adj: Adjustments,
        request_deadline: float = REQUEST_DEADLINE,
    ):
        self.app = app
        self.request_deadline = request_deadline
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        super().__init__(gate, adj=adj)

    @property
    def port(self) -> int:
        return int(self.effective_port)

    @property
    def url(self) -> str:
        host = self.effective_host
        host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return f"http://{host}:{self.port}"

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = now - self.request_deadline
        for channel in list(self.active_channels.values()):
            if not channel.requests and channel.creation_time < cutoff:
                channel.will_close = True

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        while not self._stopping.is_set():
            self.asyncore.loop(timeout=poll_interval, map=self._map, count=1)
        self.task_dispatcher.shutdown(cancel_pending=False, timeout=5)
        self.asyncore.close_all(self._map)

    def start(self, poll_interval: float = 0.05) -> SlackHTTPServer:
        """Serve in a background thread (for tests and embedding)."""
        self._thread = threading.Thread(
            target=self.serve_forever, args=(poll_interval,), daemon=True
        )
        self._thread.start()
        return self

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every answer started has been sent (see bot/slack/work.py)."""
        return work_of(self.app).wait_idle(timeout)

    def stop(self, drain: float = 5.0) -> None:
        self._stopping.set()
        if self._thread:
            self._thread.join(timeout=10)
        self.wait_idle(drain)


def health(store: Store) -> dict:
    """What a load balancer (and the advisor) sees: the store answers, and holds something."""
    counts = store.counts()
    return {"status": "ok", "documents": counts["documents"], "measures": counts["measures"]}


def make_server(
    settings: Settings,
    store: Store,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    app: App | None = None,
    read_timeout: float = READ_TIMEOUT,
    request_deadline: float = REQUEST_DEADLINE,
    **app_options,
) -> SlackHTTPServer:
    """The HTTP-mode server, bound but not yet serving (port 0 picks a free port)."""
    if not settings.slack_signing_secret:
        raise SlackConfigError(
            "SLACK_SIGNING_SECRET mangler: HTTP-modus trenger den for å sjekke at forespørslene "
            "kommer fra Slack (eller sett SLACK_APP_TOKEN for Socket Mode)."
        )
    app = app or build_app(settings, store, **app_options)
    gate = SlackGate(app, settings.slack_signing_secret, lambda: health(store))
    adj = Adjustments(
        host=host,
        port=port,
        threads=THREADS,
        backlog=BACKLOG,
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=read_timeout,
        cleanup_interval=1,
        max_request_body_size=MAX_BODY,
        max_request_header_size=64 * 1024,
        expose_tracebacks=False,
        ident="regionbot",
        clear_untrusted_proxy_headers=False,
    )
    return SlackHTTPServer(app, with_calendar(gate, settings, store), adj, request_deadline)


def with_calendar(gate, settings: Settings, store: Store):
    """`GET /calendar.ics?token=…` (bot/calendar_feed.py) beside what the gate serves: the feed
    for the feed token, a person's own feed for theirs, 404 otherwise."""
    from bot import calendar_feed

    def wsgi(environ: dict, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path != calendar_feed.CALENDAR_PATH or method not in ("GET", "HEAD"):
            return gate(environ, start_response)
        status, body, content_type = calendar_feed.respond(
            store, settings.calendar_token, environ.get("QUERY_STRING", ""), settings.current_time()
        )
        start_response(
            "200 OK" if status == 200 else "404 Not Found",
            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        )
        return [b""] if method == "HEAD" else [body]

    return wsgi


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


def _checked_app(settings: Settings, store: Store) -> App:
    """The app, with its token checked against Slack now rather than at the first question."""
    try:
        return build_app(settings, store, verify_token=True)
    except BoltError as e:
        raise SlackConfigError(
            f"Slack godtok ikke SLACK_BOT_TOKEN ({_slack_error(e)}): sjekk tokenet i .env "
            "(bot-tokenet, xoxb-…, fra appens «OAuth & Permissions»)."
        ) from e
    except (OSError, SlackClientError) as e:  # URLError, refused, DNS, timeout
        raise SlackConfigError(
            f"fikk ikke kontakt med Slack på {settings.slack_api_url} ({_reason(e)}): sjekk "
            "nettforbindelsen, en eventuell proxy og SLACK_API_URL."
        ) from e


def _bound(settings: Settings, store: Store, app: App, host: str, port: int) -> SlackHTTPServer:
    try:
        return make_server(settings, store, port=port, host=host, app=app)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise SlackConfigError(
                f"porten {port} er allerede i bruk av et annet program: stopp det, eller velg "
                "en annen port med --port."
            ) from e
        raise SlackConfigError(
            f"kan ikke lytte på {host}:{port} ({_reason(e)}): sjekk --host og --port."
        ) from e


def _slack_error(e: Exception) -> str:
    match = re.search(r"error: (\w+)|'error': '(\w+)'", str(e))
    return (match[1] or match[2]) if match else "ukjent feil"


def _reason(e: BaseException) -> str:
    reason = getattr(e, "reason", None) or getattr(e, "strerror", None) or e
    return str(reason)[:120]


def serve(settings: Settings, store: Store, *, port: int = 3000, host: str = "127.0.0.1") -> None:
    """`regionbot serve`: run until interrupted, then finish the answers already started."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    try:
        app = _checked_app(settings, store)
        server = None if settings.slack_app_token else _bound(settings, store, app, host, port)
    except SlackConfigError as e:
        print(f"Feil: {e}", file=sys.stderr)
        raise SystemExit(1) from e
    previous = _interrupt_on_sigterm()
    try:
        if server is None:
            log.info("regionbot kobler til Slack i Socket Mode")
            socket_mode_handler(app, settings).start()
        else:
            log.info("regionbot lytter på http://%s:%s%s", host, server.port, EVENTS_PATH)
            server.serve_forever()
    except KeyboardInterrupt:
        log.info("regionbot stopper")
    finally:
        if server is not None:
            server.asyncore.close_all(server._map)
            server.task_dispatcher.shutdown(cancel_pending=False, timeout=5)
        started = time.monotonic()
        if not work_of(app).wait_idle(DRAIN_SECONDS):
            log.warning("stoppet før alle svar var sendt (%.0f s)", time.monotonic() - started)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
