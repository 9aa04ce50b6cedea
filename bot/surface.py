"""How the Slack bot plugs into the service (`shared.service` calls `build_surface`).

- HTTP mode (no SLACK_APP_TOKEN): `POST /slack/events`, signed requests only (bot.events).
- Socket Mode (SLACK_APP_TOKEN set): a websocket opened in the service's lifespan; no
  public URL is needed (rescores then complete by polling when no webhook reaches us).
  Slack refusing a token (`invalid_auth`, `not_allowed_token_type`, …) is said once,
  naming the variable and scope to check, and the bot stops trying; the rest of the
  service runs on. `/healthz` shows the connection state under "slack".
- Rescore alerts: a notifier for Slack-started rescores and, when TT_ALERT_CHANNEL is set,
  for those started from MCP or the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from starlette.routing import Route

from bot.app import build_app
from bot.deps import BotDeps
from bot.events import events_endpoint
from bot.notifier import SlackNotifier
from bot.slack import slack_error
from bot.writers import Writers
from shared.notify import Notifier
from shared.service.app import Surface

if TYPE_CHECKING:
    from shared.service import Service

log = logging.getLogger("tt.bot")

EVENTS_PATH = "/slack/events"
# Slack's answers that no retry fixes: the token itself is wrong for what we ask.
REFUSED = frozenset(
    {"invalid_auth", "not_authed", "not_allowed_token_type", "account_inactive", "token_revoked"}
)
BOT_TOKEN_HELP = (
    "check SLACK_BOT_TOKEN: it must be the app's Bot User OAuth Token (xoxb-…) from "
    "OAuth & Permissions, for an app installed in the workspace"
)
APP_TOKEN_HELP = (
    "check SLACK_APP_TOKEN: it must be an app-level token (xapp-…) with the "
    "connections:write scope, from Basic Information → App-Level Tokens"
)


@dataclass
class Connection:
    """What `/healthz` says of Slack."""

    state: str = "starting"  # http | connecting | connected | refused
    detail: str | None = None

    def health(self) -> dict[str, Any]:
        return {"connection": self.state, **({"detail": self.detail} if self.detail else {})}


def build_surface(service: Service) -> Surface | None:
    settings = service.settings
    if settings.slack_bot_token is None or not settings.slack_bot_token.get_secret_value():
        return None  # no Slack configured: the service runs without the bot
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    secret = settings.slack_signing_secret
    if not app_token and secret is None:
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
    connection = Connection()
    surface = Surface(name="slack", notifiers=notifiers, health=connection.health)
    if app_token:
        surface.lifespan = lambda: _socket_mode(app, app_token, connection)
    else:
        assert secret is not None
        connection.state = "http"
        endpoint = events_endpoint(app, secret.get_secret_value())
        surface.routes.append(Route(EVENTS_PATH, endpoint, methods=["POST"]))
    return surface


async def _refusal(app: AsyncApp, app_token: str) -> str | None:
    """Ask Slack once whether it takes both tokens; the sentence to log when it does not.
    Anything else (Slack unreachable) is left to the Socket Mode client's retries."""
    checks = (
        (lambda: app.client.auth_test(), "SLACK_BOT_TOKEN", BOT_TOKEN_HELP),
        (
            lambda: app.client.apps_connections_open(app_token=app_token),
            "SLACK_APP_TOKEN",
            APP_TOKEN_HELP,
        ),
    )
    for call, variable, help_text in checks:
        try:
            await call()
        except SlackApiError as exc:
            code = slack_error(exc)
            if code in REFUSED:
                return f"Slack refused {variable} ({code}): {help_text}. The Slack bot is off."
        except Exception:  # Slack unreachable: the client retries with backoff
            return None
    return None


@contextlib.asynccontextmanager
async def _socket_mode(
    app: AsyncApp, app_token: str, connection: Connection
) -> AsyncIterator[None]:
    """Connect in the background: the rest of the service (webhooks, health, MCP) must not
    wait for Slack, and a refused token stops the bot rather than retrying forever."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(app, app_token)

    async def connect() -> None:
        connection.state = "connecting"
        refused = await _refusal(app, app_token)
        if refused is not None:
            connection.state, connection.detail = "refused", refused
            log.error("%s", refused)
            return
        await handler.connect_async()
        connection.state = "connected"

    connecting = asyncio.create_task(connect(), name="slack-socket-mode")
    log.info("Slack: connecting in Socket Mode")
    try:
        yield
    finally:
        await handler.close_async()
        connecting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await connecting
