"""Rescore job, Rescore the N not done, and the Confirm / Cancel of a typed write.

The first two answer with the same ephemeral confirmation as `/tt rescore` (how many
candidates, how many credits); Confirm carries the write itself and runs it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.answers import answer
from bot.assessments import CANNOT_POST, start_invite
from bot.blocks.common import PROG, error_message
from bot.blocks.moves import move_message, move_sentence
from bot.blocks.payloads import JobValue, WriteRequest, decode
from bot.blocks.rescores import rescore_confirmation
from bot.deps import BotDeps, deps_of
from bot.flows import INVITE_HINT, start_rescore
from bot.gate import record_outcome, release
from bot.listeners.interviews import invite_confirmed
from bot.slack import channel_of, origin_of, reply, team_of, thread_of, user_of
from bot.uploads import UPLOAD_INVITE_HINT, command_of, start_upload
from shared import commands as cmd
from shared.actions import ActionError, move_candidate
from shared.actions.ats.questions import ats_write_verb
from shared.actions.dispatch import execute
from shared.actions.models import RescoreReport
from shared.actions.previews import rescore_preview


async def rescore_job_callback(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    await ack()
    value = decode(JobValue, action.get("value"))
    if value is None:
        return
    preview = await rescore_preview(deps_of(context).tk, value.job)
    request = WriteRequest.of(f"rescore job:{value.job}", thread=thread_of(body))
    await reply(
        respond,
        rescore_confirmation(preview, request),
        response_type="ephemeral",
        replace_original=False,
    )


async def _not_done_ids(deps: BotDeps, group_id: str) -> list[str]:
    group = await deps.tk.store.get_group(group_id)
    if group is None or not group.notice:
        raise ActionError("That rescore is too old to repeat from here.", "Start a new rescore.")
    return RescoreReport.model_validate(group.notice).not_done_ids


async def rescore_not_done_callback(
    ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    await ack()
    value = decode(WriteRequest, action.get("value"))
    if value is None or value.not_done_of is None or value.job is None:
        return
    deps = deps_of(context)
    ids = await _not_done_ids(deps, value.not_done_of)
    preview = await rescore_preview(deps.tk, value.job, job_candidate_ids=list(ids))
    request = value.model_copy(update={"thread": thread_of(body)})
    await reply(
        respond,
        rescore_confirmation(preview, request),
        response_type="ephemeral",
        replace_original=False,
    )


async def cancel_write_callback(ack: AsyncAck, respond: AsyncRespond) -> None:
    await ack()
    await respond(delete_original=True)


async def confirm_write_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    """Confirm: run the write the confirmation described (the write gate ran first)."""
    await ack()
    request = decode(WriteRequest, action.get("value"))
    deps = deps_of(context)
    if request is None:
        return
    if request.not_done_of is not None and request.job is not None:
        ids = await _not_done_ids(deps, request.not_done_of)
        parsed: cmd.Command = cmd.Rescore(job=request.job, candidates=list(ids))
    else:
        text = await command_of(deps.tk.store, request)
        if text is None:
            raise ActionError(
                "This confirmation has expired (links are kept for an hour).",
                "Type the command again.",
            )
        parsed = cmd.parse(text, prog=PROG)
    user = str(user_of(body))
    if isinstance(parsed, cmd.Interview):
        await invite_confirmed(deps, client, body, respond, context, parsed, request.thread)
        return
    if ats_write_verb(parsed) is not None:
        await _ats_write(deps, parsed, body, respond, context, user)
        return
    if isinstance(parsed, cmd.Assess):
        await respond(delete_original=True)
        posted = await start_invite(
            deps,
            client,
            parsed,
            user=user,
            channel=str(channel_of(body)),
            team=team_of(body),
            thread_ts=request.thread,
        )
        if posted is None:
            await _cannot_post(context, body, respond, CANNOT_POST)
        else:
            await record_outcome(context, "Invitation sent.")
        return
    if isinstance(parsed, cmd.Move):
        result = await move_candidate(
            deps.tk, parsed.job_candidate, parsed.stage, requested_by=origin_of(body)
        )
        await record_outcome(context, move_sentence(result, user))
        await respond(delete_original=True)
        await reply(
            respond, move_message(result, user), response_type="in_channel", replace_original=False
        )
        return
    if isinstance(parsed, cmd.Upload):
        await respond(delete_original=True)
        posted = await start_upload(
            deps,
            client,
            parsed,
            user=user,
            channel=str(channel_of(body)),
            team=team_of(body),
            thread_ts=request.thread,
        )
        if posted is None:
            await _cannot_post(context, body, respond, UPLOAD_INVITE_HINT)
        return
    if isinstance(parsed, cmd.Rescore):
        await respond(delete_original=True)
        posted = await _start_rescore(deps, client, parsed, body, request, user)
        if posted is None:
            await _cannot_post(context, body, respond, INVITE_HINT)


async def _start_rescore(
    deps: BotDeps,
    client: AsyncWebClient,
    parsed: cmd.Rescore,
    body: dict[str, Any],
    request: WriteRequest,
    user: str,
) -> str | None:
    return await start_rescore(
        deps,
        client,
        job=parsed.job,
        user=user,
        channel=str(channel_of(body)),
        team=team_of(body),
        thread_ts=request.thread,
        stage=parsed.stage,
        candidates=list(parsed.candidates) if parsed.candidates else None,
    )


async def _cannot_post(context: Any, body: dict[str, Any], respond: AsyncRespond, why: str) -> None:
    """Nothing was done (the bot cannot post where the write's thread would be): say how to
    fix it, and release the gate's claims so a retry is welcome."""
    await release(context, body, ActionError("the bot cannot post in this conversation"))
    await reply(
        respond, error_message(why, escaped=True), response_type="ephemeral", replace_original=False
    )


async def _ats_write(
    deps: BotDeps,
    parsed: cmd.Command,
    body: dict[str, Any],
    respond: AsyncRespond,
    context: Any,
    user: str,
) -> None:
    """A confirmed `/tt link|push|reject …`: run it, say so in the channel."""
    result = await execute(deps.tk, parsed, origin_of(body), prog=PROG)
    message = answer(result, user=user, show_private=deps.show_private)
    await record_outcome(context, message["text"])
    await respond(delete_original=True)
    await reply(respond, message, response_type="in_channel", replace_original=False)
