"""Slack: the bot token works (`auth.test`) and has the scopes manifest.yml asks for."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import aiohttp
import yaml
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from shared.config import Settings
from shared.doctor.report import Check

MANIFEST = "manifest.yml"
_CHECKOUT_MANIFEST = Path(__file__).resolve().parents[2] / MANIFEST
_BAD_TOKEN = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}


def manifest_scopes() -> set[str]:
    """The bot scopes manifest.yml asks for (the copy packaged with tt, else the checkout's)."""
    packaged = resources.files("shared.doctor").joinpath(MANIFEST)
    text = (
        packaged.read_text(encoding="utf-8")
        if packaged.is_file()
        else _CHECKOUT_MANIFEST.read_text(encoding="utf-8")
    )
    manifest = yaml.safe_load(text)
    return set(manifest["oauth_config"]["scopes"]["bot"])


async def slack_checks(settings: Settings) -> list[Check]:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
    if not token:
        return [Check("Slack", "skip", "Not configured (SLACK_BOT_TOKEN is not set).")]
    return [await _token_check(settings, token), _mode_check(settings)]


async def _token_check(settings: Settings, token: str) -> Check:
    client = AsyncWebClient(token=token, base_url=settings.slack_api_url, timeout=10)
    try:
        answer = await client.auth_test()
    except SlackApiError as exc:
        error = str(exc.response.get("error", "unknown_error"))
        if error in _BAD_TOKEN:
            return Check(
                "Slack",
                "fail",
                f"Slack refused SLACK_BOT_TOKEN ({error}).",
                fix="Copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & "
                "Permissions page into SLACK_BOT_TOKEN.",
            )
        return Check("Slack", "fail", f"auth.test failed: {error}.", fix=_REINSTALL)
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Check(
            "Slack",
            "fail",
            f"Could not reach Slack at {settings.slack_api_url} ({type(exc).__name__}).",
            fix="Check the network, and SLACK_API_URL if you set it.",
        )
    who = f"bot {answer.get('user')} in workspace {answer.get('team')}"
    header = answer.headers.get("x-oauth-scopes") if answer.headers else None
    if header is None:
        return Check(
            "Slack",
            "warn",
            f"The token works ({who}), but Slack did not say which scopes it has.",
            fix=_REINSTALL,
        )
    granted = {scope.strip() for scope in str(header).split(",") if scope.strip()}
    missing = sorted(manifest_scopes() - granted)
    if missing:
        return Check(
            "Slack",
            "fail",
            f"The token works ({who}) but lacks scopes manifest.yml needs: {', '.join(missing)}.",
            fix=_REINSTALL,
        )
    return Check("Slack", "pass", f"The token works ({who}) with every scope manifest.yml needs.")


_REINSTALL = (
    "Update the app from manifest.yml (api.slack.com/apps, App Manifest), then reinstall it "
    "to the workspace so Slack grants its scopes; copy the new bot token."
)


def _mode_check(settings: Settings) -> Check:
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    secret = settings.slack_signing_secret
    if app_token:
        return Check("Slack connection", "pass", "Socket Mode (SLACK_APP_TOKEN is set).")
    if secret is not None and secret.get_secret_value():
        return Check(
            "Slack connection",
            "pass",
            "HTTP mode: Slack must reach https://<your public host>/slack/events "
            "(SLACK_SIGNING_SECRET is set).",
        )
    return Check(
        "Slack connection",
        "fail",
        "Neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set, "
        "so Slack cannot reach tt.",
        fix="For Socket Mode, create an app-level token with connections:write and set "
        "SLACK_APP_TOKEN; for HTTP, set SLACK_SIGNING_SECRET from Basic Information.",
    )
