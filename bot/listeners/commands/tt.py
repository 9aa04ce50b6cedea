"""`/tt …`: parse, acknowledge at once, then answer through response_url or the Web API.

Help and parse errors are answered in the acknowledgement itself (ephemeral, no extra
request). Everything else is acknowledged empty and answered when the use case returns.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import dedupe
from bot.blocks.common import denied_message, error_message, help_message, repeat_message
from bot.deps import deps_of
from bot.flows import INVITE_HINT, start_rescore
from bot.listeners.ats import slash_write
from bot.render import render
from bot.slack import origin_of
from shared import commands as cmd
from shared.actions.dispatch import execute

PROG = "/tt"


async def tt_command_callback(
    ack: AsyncAck,
    command: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    try:
        parsed = cmd.parse(command.get("text") or "", prog=PROG)
    except cmd.CommandError as err:
        await ack(response_type="ephemeral", **error_message(err.message, err.example))
        return
    if isinstance(parsed, cmd.Help):
        await ack(response_type="ephemeral", **help_message(cmd.help_text(parsed.topic, prog=PROG)))
        return
    await ack()

    deps = deps_of(context)
    user = str(command.get("user_id"))
    if not await dedupe.first_time(deps.tk, dedupe.command_key(command), dedupe.RETRY_TTL):
        return  # a retry of a request already being answered
    ats_write = slash_write(parsed)
    if isinstance(parsed, cmd.Rescore | cmd.Move) or ats_write:
        what = ats_write or (
            "rescore jobs" if isinstance(parsed, cmd.Rescore) else "move candidates"
        )
        if not await deps.writers.allows(client, user):
            await respond(response_type="ephemeral", **denied_message(what))
            return
        repeat = dedupe.command_repeat_key(user, parsed.to_text())
        if not await dedupe.first_time(deps.tk, repeat, dedupe.REPEAT_TTL):
            await respond(response_type="ephemeral", **repeat_message())
            return
    if isinstance(parsed, cmd.Rescore):
        posted = await start_rescore(
            deps,
            client,
            job=parsed.job,
            user=user,
            channel=str(command.get("channel_id")),
            team=command.get("team_id"),
            stage=parsed.stage,
            candidates=list(parsed.candidates) if parsed.candidates else None,
        )
        if posted is None:
            await respond(response_type="ephemeral", **error_message(INVITE_HINT))
        return
    result = await execute(
        deps.tk, parsed, origin_of(command), include_private=deps.show_private, prog=PROG
    )
    await respond(
        response_type="in_channel", **render(result, user=user, show_private=deps.show_private)
    )
