"""Rescore job (after Slack's own confirm dialog on the button)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import dedupe
from bot.blocks import ids
from bot.blocks.common import denied_message, error_message, repeat_message
from bot.deps import deps_of
from bot.flows import INVITE_HINT, start_rescore
from bot.slack import channel_of, team_of, thread_of, user_of


async def rescore_job_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    await ack()
    deps = deps_of(context)
    user = user_of(body)
    if not await dedupe.first_time(deps.tk, dedupe.action_key(body, action), dedupe.RETRY_TTL):
        return
    if not await deps.writers.allows(client, user):
        await respond(
            response_type="ephemeral", replace_original=False, **denied_message("rescore jobs")
        )
        return
    if not await dedupe.first_time(deps.tk, dedupe.click_key(body, action), dedupe.REPEAT_TTL):
        await respond(response_type="ephemeral", replace_original=False, **repeat_message())
        return
    channel = channel_of(body)
    job = ids.decode(action.get("value")).get("j")
    if channel is None or user is None or job is None:
        return  # not from a message: nowhere to thread the alert
    posted = await start_rescore(
        deps,
        client,
        job=job,
        user=user,
        channel=channel,
        team=team_of(body),
        thread_ts=thread_of(body),
    )
    if posted is None:
        await respond(
            response_type="ephemeral", replace_original=False, **error_message(INVITE_HINT)
        )
