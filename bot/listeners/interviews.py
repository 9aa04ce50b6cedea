"""Slack's AI interviews: `/tt interview …` (confirmed with Invite / Cancel) and
"Invite to AI interview" in each row's menu (a modal that says what leaves TapTalent and
picks the agent).

Both are writes through the write gate (`bot.gate`). The invite is posted in the channel
first, so its message is the thread where the analysis alert comes (exactly once, by the
tracker); from a list's row menu the alert threads under the list.
"""

from __future__ import annotations

import contextlib
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ids
from bot.blocks import interviews as blocks
from bot.blocks.common import error_message
from bot.blocks.moves import loading_modal, notice_modal
from bot.blocks.payloads import AtsMeta, WriteRequest, decode
from bot.deps import BotDeps, deps_of
from bot.errors import guarded
from bot.flows import NOT_POSTABLE
from bot.gate import record_outcome, release, unclaim, write_gate
from bot.slack import channel_of, open_or_push, reply, slack_error, team_of, user_of
from bot.verbs import INTERVIEWING
from shared import commands as cmd
from shared.actions import ActionError
from shared.actions.interviews import (
    AgentChoices,
    interview_preview,
    invite_to_interview,
)
from shared.actions.interviews.common import require_instaview
from shared.actions.interviews.plan import list_agents
from shared.actions.models import Id
from shared.store import Origin

CANNOT_POST = (
    "I can't post in this conversation, so I can't thread the interview's analysis here. "
    "Nobody was invited. Invite me (`/invite @TapTalent`) or run it in a channel I'm in."
)


async def confirm_typed_invite(respond: AsyncRespond, deps: BotDeps, parsed: cmd.Interview) -> None:
    """`/tt interview …`: the agents to pick from, or what leaves TapTalent, to confirm."""
    plan = await interview_preview(
        deps.tk, parsed.job_candidate, parsed.agent, parsed.at, include_private=deps.show_private
    )
    if isinstance(plan, AgentChoices):
        await reply(respond, blocks.agents_message(plan), response_type="ephemeral")
        return
    request = WriteRequest.of(parsed.to_text())
    await reply(respond, blocks.interview_confirmation(plan, request), response_type="ephemeral")


async def invite_confirmed(
    deps: BotDeps,
    client: AsyncWebClient,
    body: dict[str, Any],
    respond: AsyncRespond,
    context: Any,
    parsed: cmd.Interview,
    thread: str | None,
) -> None:
    """Invite (the gate ran): post first, so the analysis threads under the invite."""
    await respond(delete_original=True)
    channel = str(channel_of(body))
    text = await _invite_in_channel(
        deps, client, body, parsed.job_candidate, parsed.agent, parsed.at, channel, thread
    )
    if text is None:
        await release(context, body, ActionError("the bot cannot post in this conversation"))
        await reply(
            respond,
            error_message(CANNOT_POST, escaped=True),
            response_type="ephemeral",
            replace_original=False,
        )
        return
    await record_outcome(context, text)


async def _invite_in_channel(
    deps: BotDeps,
    client: AsyncWebClient,
    body: dict[str, Any],
    job_candidate: Id,
    agent: str | None,
    at: str | None,
    channel: str,
    thread: str | None,
) -> str | None:
    """Post a placeholder, invite with its thread as the origin, then say what was done.
    None when the bot cannot post here (nothing was sent to InstaView)."""
    user = str(user_of(body))
    pending = blocks.pending_invite_message(f"job candidate {job_candidate}", user)
    try:
        posted = await client.chat_postMessage(channel=channel, thread_ts=thread, **pending)
    except SlackApiError as exc:
        if slack_error(exc) in NOT_POSTABLE:
            return None
        raise
    ts = str(posted["ts"])
    origin = Origin(
        kind="slack", user=user, channel=channel, thread_ts=thread or ts, team=team_of(body)
    )
    try:
        result = await invite_to_interview(
            deps.tk,
            job_candidate,
            agent,
            at,
            requested_by=origin,
            include_private=deps.show_private,
        )
    except Exception:
        with contextlib.suppress(SlackApiError):
            await client.chat_delete(channel=channel, ts=ts)
        raise
    message = blocks.interview_message(result, user)
    assert message is not None
    await client.chat_update(channel=channel, ts=ts, **message)
    return str(message["text"])


async def open_invite(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, jc: Id
) -> None:
    """The row menu's "Invite to AI interview": a modal saying what leaves TapTalent, with
    the agent to pick (INSTAVIEW_DEFAULT_AGENT chosen when it is set)."""
    view_id = await open_or_push(client, body, loading_modal("AI interview"), context)
    iv = require_instaview(deps.tk)
    agents = await list_agents(iv)
    first = iv.default_agent or (agents[0].name if agents else None)
    plan = await interview_preview(deps.tk, jc, first, include_private=deps.show_private)
    if isinstance(plan, AgentChoices):
        text = "InstaView has no agents to interview with."
        await client.views_update(view_id=view_id, view=notice_modal("AI interview", text))
        return
    thread = (body.get("message") or {}).get("ts")
    meta = AtsMeta(job_candidate=plan.job_candidate_id, channel=channel_of(body), thread=thread)
    default = plan.agent if iv.default_agent else None
    view = blocks.invite_modal(plan, agents, default, meta)
    await client.views_update(view_id=view_id, view=view)


async def invite_modal_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    state = (view.get("state") or {}).get("values") or {}
    picked = (state.get(blocks.AGENT_BLOCK, {}).get(blocks.AGENT_ACTION) or {}).get(
        "selected_option"
    )
    meta = decode(AtsMeta, view.get("private_metadata"))
    if meta is None or not meta.channel:
        await ack(response_action="update", view=notice_modal("Not done", "⚠️ This form expired."))
        return
    if not picked:
        await unclaim(context)
        await ack(response_action="errors", errors={blocks.AGENT_BLOCK: "Choose an agent."})
        return
    await ack(response_action="update", view=notice_modal("AI interview", "⏳ Inviting…"))
    deps = deps_of(context)
    text = await _invite_in_channel(
        deps,
        client,
        body,
        meta.job_candidate,
        str(picked["value"]),
        None,
        meta.channel,
        meta.thread,
    )
    if text is None:
        await release(context, body, ActionError("the bot cannot post in this conversation"))
        text = CANNOT_POST
    await record_outcome(context, text)
    await client.views_update(view_id=view["id"], view=notice_modal("AI interview", text))


def register(app: AsyncApp) -> None:
    app.view(ids.INTERVIEW_INVITE, middleware=[write_gate(INTERVIEWING)])(
        guarded(invite_modal_callback)
    )
