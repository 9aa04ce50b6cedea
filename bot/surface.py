"""How the Slack bot plugs into the service (`shared.service` calls `build_surface`).

- HTTP mode (no SLACK_APP_TOKEN): bolt answers `POST /slack/events`, signed requests only.
- Socket Mode (SLACK_APP_TOKEN set): a websocket opened in the service's lifespan; no
  public URL is needed (rescores then complete by polling when no webhook reaches us).
- Rescore alerts: a notifier for Slack-started rescores and, when TT_ALERT_CHANNEL is set,
  for those started from MCP or the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.app import build_app
from bot.deps import BotDeps
from bot.notifier import SlackNotifier
from bot.writers import Writers
from shared.notify import Notifier
from shared.service.app import Surface

if TYPE_CHECKING:
    from shared.service import Service

log = logging.getLogger("tt.bot")

EVENTS_PATH = "/slack/events"


def build_surface(service: Service) -> Surface | None:
    settings = service.settings
    if settings.slack_bot_token is None or not settings.slack_bot_token.get_secret_value():
        return None  # no Slack configured: the service runs without the bot
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    socket_mode = bool(app_token)
    if not socket_mode and settings.slack_signing_secret is None:
        log.error(
            "SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor "
            "SLACK_APP_TOKEN (Socket Mode) is: the Slack bot is off"
        )
        return None
    deps = BotDeps(source=service, settings=settings, writers=Writers(settings.tt_writers))
    app = build_app(deps)
    notifier = SlackNotifier(app.client, alert_channel=settings.tt_alert_channel)
    notifiers: dict[str, Notifier] = {"slack": notifier}
    if settings.tt_alert_channel:
        notifiers.update({"mcp": notifier, "cli": notifier})
    surface = Surface(name="slack", notifiers=notifiers)
    if socket_mode:
        surface.lifespan = lambda: _socket_mode(app, app_token)
    else:
        handler = AsyncSlackRequestHandler(app)

        async def slack_events(request: Request) -> Response:
            return await handler.handle(request)

        surface.routes.append(Route(EVENTS_PATH, slack_events, methods=["POST"]))
    return surface


@contextlib.asynccontextmanager
async def _socket_mode(app: AsyncApp, app_token: str) -> AsyncIterator[None]:
    """Connect in the background: slack_sdk retries a failed connection until it works,
    and the rest of the service (webhooks, health, MCP) must not wait for Slack."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(app, app_token)
    connecting = asyncio.create_task(handler.connect_async(), name="slack-socket-mode")
    log.info("Slack: connecting in Socket Mode")
    try:
        yield
    finally:
        await handler.close_async()
        connecting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await connecting
