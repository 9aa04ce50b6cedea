"""Build the bolt app: the Web client, the listeners, the global error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

from bot.deps import CONTEXT_KEY, BotDeps
from bot.errors import error_callback
from bot.listeners import register_listeners

log = logging.getLogger("tt.bot")

RATE_LIMIT_RETRIES = 3


def build_app(deps: BotDeps) -> AsyncApp:
    """The app with its Web API client at SLACK_API_URL, a 429 retried after the
    `Retry-After` Slack names. The token goes in as `token` (not as a ready client), so
    bolt has no reason to warn that a token "will be unused"."""
    settings = deps.settings
    assert settings.slack_bot_token is not None
    app = AsyncApp(
        token=settings.slack_bot_token.get_secret_value(),
        # Signatures are checked by our route before bolt sees a request (bot.events),
        # and Socket Mode requests arrive on our own websocket: bolt checks nothing again.
        request_verification_enabled=False,
        logger=log,
    )
    app.client.base_url = settings.slack_api_url
    app.client.retry_handlers.append(
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    )

    async def inject_deps(context: Any, next: Callable[[], Awaitable[None]]) -> None:
        context[CONTEXT_KEY] = deps
        await next()

    app.use(inject_deps)
    register_listeners(app)
    app.error(error_callback)
    return app
