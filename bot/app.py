"""Build the bolt app: the Web client, the listeners, the global error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import CONTEXT_KEY, BotDeps
from bot.errors import error_callback
from bot.listeners import register_listeners

log = logging.getLogger("tt.bot")

RATE_LIMIT_RETRIES = 3


def make_client(token: str, base_url: str) -> AsyncWebClient:
    """The Web API client; a 429 is retried after the `Retry-After` Slack names."""
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    )
    return client


def build_app(deps: BotDeps, *, client: AsyncWebClient | None = None) -> AsyncApp:
    settings = deps.settings
    if client is None:
        assert settings.slack_bot_token is not None
        client = make_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    secret = settings.slack_signing_secret
    app = AsyncApp(
        client=client,
        signing_secret=secret.get_secret_value() if secret else None,
        # Socket Mode requests arrive on our own websocket: there is nothing to sign.
        request_verification_enabled=secret is not None,
        logger=log,
    )

    async def inject_deps(context: Any, next: Callable[[], Awaitable[None]]) -> None:
        context[CONTEXT_KEY] = deps
        await next()

    app.use(inject_deps)
    register_listeners(app)
    app.error(error_callback)
    return app
