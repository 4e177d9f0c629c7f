"""Starting the app: Socket Mode or HTTP, the settings each needs, and the Web API client."""

from __future__ import annotations

import pytest
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.slack import SlackConfigError, build_app
from bot.slack import server as server_module
from bot.slack.client import ServerErrorRetryHandler, api_url, make_client
from tests.slack.slack_requests import mention


def test_client_uses_the_configured_api_url_and_retries(slack_settings):
    client = make_client(
        slack_settings.model_copy(update={"slack_api_url": "http://localhost:1/api"})
    )
    assert client.base_url == "http://localhost:1/api/"
    kinds = {type(h) for h in client.retry_handlers}
    assert {
        RateLimitErrorRetryHandler,
        ConnectionErrorRetryHandler,
        ServerErrorRetryHandler,
    } <= kinds
    assert api_url(slack_settings).endswith("/api/")


def test_dropped_connection_is_retried(bot):
    bot.double.fail_next("chat.postMessage", status=0)
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="100.1"))
    call = bot.double.wait_for("chat.postMessage", timeout=8)
    assert "Administrasjonen" in call.text
    assert [a.status for a in bot.double.attempts_of("chat.postMessage")] == [0, 200]


def test_a_server_error_from_slack_is_retried(bot):
    bot.double.fail_next("chat.postMessage", status=500)
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="100.2"))
    call = bot.double.wait_for("chat.postMessage", timeout=8)
    assert "Administrasjonen" in call.text
    assert [a.status for a in bot.double.attempts_of("chat.postMessage")] == [500, 200]


def test_an_answer_that_cannot_be_posted_gets_an_apology(bot):
    bot.double.fail_next("chat.postMessage", status=400)  # not retried: Slack refused it
    bot.slack.event(mention("hvem har ansvar for jernbaneforum?", ts="100.3"))
    call = bot.double.wait_for("chat.postMessage", timeout=8)
    assert call.text == "Beklager, prøv igjen."
    assert call.args["thread_ts"] == "100.3"


def test_build_app_needs_a_bot_token(settings, store):
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        build_app(settings, store)


def test_http_mode_needs_a_signing_secret(slack_settings, store):
    with pytest.raises(SlackConfigError, match="SLACK_SIGNING_SECRET"):
        server_module.make_server(
            slack_settings.model_copy(update={"slack_signing_secret": None}), store
        )


def test_serve_reports_missing_settings_and_exits(slack_settings, store, capsys):
    with pytest.raises(SystemExit) as exit_info:
        server_module.serve(slack_settings.model_copy(update={"slack_bot_token": None}), store)
    assert exit_info.value.code == 1
    assert "SLACK_BOT_TOKEN mangler" in capsys.readouterr().err


def test_serve_uses_socket_mode_with_an_app_token(slack_settings, store, double, monkeypatch):
    started = []

    class FakeHandler:
        def __init__(self, app, settings):
            self.app, self.token = app, settings.slack_app_token

        def start(self):
            started.append(self)

    monkeypatch.setattr(server_module, "socket_mode_handler", FakeHandler)
    server_module.serve(slack_settings.model_copy(update={"slack_app_token": "xapp-1-test"}), store)
    assert started and started[0].token == "xapp-1-test"
    assert double.calls_of("auth.test")  # the token is checked at start


def test_serve_uses_http_mode_without_an_app_token(slack_settings, store, monkeypatch):
    served = []
    monkeypatch.setattr(
        server_module.SlackHTTPServer, "serve_forever", lambda self: served.append(self.port)
    )
    server_module.serve(slack_settings, store, port=0)
    assert served and served[0] > 0


def test_socket_mode_handler_talks_to_the_configured_api(slack_settings, store, double):
    app = build_app(slack_settings, store)
    handler = server_module.socket_mode_handler(
        app, slack_settings.model_copy(update={"slack_app_token": "xapp-1"})
    )
    assert handler.client.web_client.base_url == double.api_url
    assert handler.app_token == "xapp-1"


def test_serve_says_when_the_port_is_in_use(slack_settings, store, capsys):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(SystemExit) as exit_info:
            server_module.serve(slack_settings, store, port=taken.getsockname()[1])
    finally:
        taken.close()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "er allerede i bruk" in err and "--port" in err and "Traceback" not in err


def test_serve_says_when_slack_rejects_the_token(slack_settings, store, double, capsys):
    double.token_valid = False
    with pytest.raises(SystemExit) as exit_info:
        server_module.serve(slack_settings, store, port=0)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Slack godtok ikke SLACK_BOT_TOKEN (invalid_auth)" in err


def test_serve_says_when_slack_cannot_be_reached(slack_settings, store, capsys):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there
    settings = slack_settings.model_copy(update={"slack_api_url": f"http://127.0.0.1:{port}/api/"})
    with pytest.raises(SystemExit) as exit_info:
        server_module.serve(settings, store, port=0)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "fikk ikke kontakt med Slack" in err and "Traceback" not in err
