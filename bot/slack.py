"""Small helpers over the Slack payloads and Web API calls the listeners share."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from shared.store import Origin

log = logging.getLogger("tt.bot")

Message = dict[str, Any]
# Set by a listener that opened a modal, so the error handler can show errors in it.
VIEW_ID_KEY = "tt_view_id"


def slack_error(exc: SlackApiError) -> str:
    """Slack's error code ("not_in_channel"), or the HTTP status when the body was not JSON."""
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict):
        return str(data.get("error") or "unknown_error")
    return f"http_{getattr(exc.response, 'status_code', 'error')}"


def user_of(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    if isinstance(user, dict):
        return user.get("id")
    return body.get("user_id")


def team_of(body: dict[str, Any]) -> str | None:
    team = body.get("team")
    if isinstance(team, dict):
        return team.get("id")
    return body.get("team_id") or (body.get("user") or {}).get("team_id")


def channel_of(body: dict[str, Any]) -> str | None:
    channel = body.get("channel")
    if isinstance(channel, dict):
        return channel.get("id")
    return body.get("channel_id") or (body.get("container") or {}).get("channel_id")


def thread_of(body: dict[str, Any]) -> str | None:
    """The thread a clicked message sits in (slash commands carry none)."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    return container.get("thread_ts") or message.get("thread_ts")


def origin_of(
    body: dict[str, Any], *, channel: str | None = None, thread_ts: str | None = None
) -> Origin:
    return Origin(
        kind="slack",
        user=user_of(body),
        channel=channel or channel_of(body),
        thread_ts=thread_ts,
        team=team_of(body),
    )


async def open_or_push(
    client: AsyncWebClient, body: dict[str, Any], view: dict[str, Any], context: Any = None
) -> str:
    """Open a modal, or push one when the click came from inside a modal."""
    trigger = body["trigger_id"]
    if (body.get("view") or {}).get("type") == "modal":
        response = await client.views_push(trigger_id=trigger, view=view)
    else:
        response = await client.views_open(trigger_id=trigger, view=view)
    view_id = str((response.get("view") or {}).get("id"))
    if context is not None:
        context[VIEW_ID_KEY] = view_id
    return view_id


def refused_text(reason: str) -> str:
    return (
        f"⚠️ Slack refused my answer ({reason[:60]}), so there is nothing to show. "
        "It has been logged; try again, or ask for fewer results."
    )


async def reply(respond: AsyncRespond, message: Message, **kwargs: Any) -> bool:
    """Answer through the request's response_url, and check that Slack took it: when it
    refuses (an expired URL, invalid blocks), the person gets a short sentence instead."""
    response = await respond(**kwargs, **message)
    if response.status_code < 400:
        return True
    reason = str(response.body or f"http_{response.status_code}")
    log.warning("Slack refused an answer (%s %s)", response.status_code, reason[:200])
    fallback = await respond(
        response_type="ephemeral", replace_original=False, text=refused_text(reason)
    )
    if fallback.status_code >= 400:
        log.warning("Slack refused the fallback too (%s)", fallback.status_code)
    return False


async def send_to_response_url(
    url: str, message: Message, *, replace_original: bool = False, response_type: str = "in_channel"
) -> None:
    """Answer through a response_url kept from an earlier request (e.g. in a modal)."""
    payload: dict[str, Any] = {**message, "replace_original": replace_original}
    if not replace_original:
        payload["response_type"] = response_type
    response = await AsyncWebhookClient(url).send_dict(payload)
    if response.status_code >= 400:
        raise RuntimeError(f"response_url answered {response.status_code}: {response.body}")
