"""The Slack Web API client: base URL from settings (tests point it at a local double), and
retries on rate limits (honouring Retry-After) and on dropped connections, so a busy workspace or a
flaky municipal network costs a delay instead of a lost answer."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.config import Settings

TIMEOUT = 15


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
        ],
    )
