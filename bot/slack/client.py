"""The Slack Web API client: base URL from settings (tests point it at a local double), and
retries on rate limits (honouring Retry-After), on Slack's own server errors (5xx, with backoff)
and on dropped connections, so a busy workspace, a bad minute at Slack or a flaky municipal
network costs a delay instead of a lost answer."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryHandler, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from bot.config import Settings

TIMEOUT = 15


class ServerErrorRetryHandler(RetryHandler):
    """Retries a call Slack answered with a 5xx (their side failed; the same call may well
    succeed a moment later), waiting longer each time: 0.5 s, 1 s, 2 s."""

    def __init__(self, max_retry_count: int = 3, backoff_factor: float = 0.5):
        super().__init__(max_retry_count, BackoffRetryIntervalCalculator(backoff_factor))

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and 500 <= response.status_code < 600


def api_url(settings: Settings) -> str:
    """The base URL with its trailing slash: WebClient joins method names onto it with urljoin."""
    url = settings.slack_api_url
    return url if url.endswith("/") else url + "/"


def make_client(settings: Settings) -> WebClient:
    return WebClient(
        token=settings.slack_bot_token,
        base_url=api_url(settings),
        timeout=TIMEOUT,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=3),
        ],
    )
