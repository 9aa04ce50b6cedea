"""A candidate row's menu: Details (a modal), Move (stage select → confirm → move),
the ATS's Send to ATS and Reject (`bot.listeners.ats`), and Invite to assessment (the
same confirmation as `/tt assess`, `bot.assessments`).

Opening a write's modal passes the write gate's writer check first (`bot.gate`), so a
person who may not move candidates is told before they pick a stage.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.assessments import ask_assess
from bot.blocks import ids
from bot.blocks.details import candidate_modal
from bot.blocks.moves import loading_modal, move_pick_modal
from bot.blocks.payloads import CandidateValue, MenuChoice, MoveMeta, TopQuery, Where, decode
from bot.blocks.text import trim
from bot.deps import BotDeps, deps_of
from bot.listeners.ats import open_push, open_reject
from bot.listeners.interviews import open_invite
from bot.slack import channel_of, open_or_push, thread_of
from bot.verbs import INTERVIEWING, INVITING, MOVING, PUSHING, REJECTING
from shared import commands as cmd
from shared.actions import get_job, get_job_candidate
from shared.actions.models import Id
from shared.actions.status import candidate_status


def _list_query(body: dict[str, Any]) -> TopQuery | None:
    """The query of the top-candidates message clicked in (its Refresh button holds it)."""
    for block in (body.get("message") or {}).get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == ids.REFRESH:
                return decode(TopQuery, element.get("value"))
    return None


def where_of(body: dict[str, Any]) -> Where:
    """Where the click came from, kept in modals so the move can update that message."""
    view = body.get("view") or {}
    if view.get("type") == "modal":
        inherited = decode(Where, view.get("private_metadata")) or Where()
        return Where(
            response_url=inherited.response_url, query=inherited.query, channel=inherited.channel
        )
    return Where(
        response_url=body.get("response_url"), query=_list_query(body), channel=channel_of(body)
    )


MENU_WRITES = {
    "m": MOVING,
    "p": PUSHING,
    "r": REJECTING,
    "a": INVITING,
    "i": INTERVIEWING,
}


def menu_verb(body: dict[str, Any]) -> str | None:
    """For the write gate: the menu's Move, Send to ATS and Reject start a write."""
    option = ((body.get("actions") or [{}])[0].get("selected_option") or {}).get("value")
    choice = decode(MenuChoice, option)
    return None if choice is None else MENU_WRITES.get(choice.action)


async def candidate_menu_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: Any,
    respond: AsyncRespond,
) -> None:
    await ack()
    choice = decode(MenuChoice, (action.get("selected_option") or {}).get("value"))
    if choice is None:
        return
    deps, jc = deps_of(context), choice.job_candidate
    match choice.action:
        case "d":
            await open_details(deps, client, body, context, jc)
        case "m":
            await open_move(deps, client, body, context, jc)
        case "p":
            await open_push(deps, client, body, context, jc)
        case "r":
            await open_reject(deps, client, body, context, jc)
        case "a":
            assess = cmd.Assess(job_candidate=jc)
            await ask_assess(deps, assess, respond, thread_of(body), from_click=True)
        case "i":
            await open_invite(deps, client, body, context, jc)


async def move_button_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    client: AsyncWebClient,
    context: Any,
) -> None:
    await ack()
    value = decode(CandidateValue, action.get("value"))
    if value is not None:
        await open_move(deps_of(context), client, body, context, value.job_candidate)


async def open_details(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, job_candidate: Id
) -> None:
    # Open at once (trigger ids expire in 3 s), fill in when TapTalent has answered.
    view_id = await open_or_push(client, body, loading_modal("Candidate"), context)
    detail = await get_job_candidate(deps.tk, job_candidate, include_private=deps.show_private)
    systems = await candidate_status(deps.tk, job_candidate, detail=detail)
    view = candidate_modal(
        detail, show_private=deps.show_private, where=where_of(body), systems=systems
    )
    await client.views_update(view_id=view_id, view=view)


async def open_move(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, job_candidate: Id
) -> None:
    view_id = await open_or_push(client, body, loading_modal("Move candidate"), context)
    detail = await get_job_candidate(deps.tk, job_candidate)
    job = await get_job(deps.tk, detail.job.id if detail.job else detail.job_id or "")
    stages = list(job.stages)[:100]
    names = {str(s.id) if s.id is not None else s.name: trim(s.name, 40) for s in stages[:30]}
    where = where_of(body)
    meta = MoveMeta(
        **where.model_dump(),
        job_candidate=detail.job_candidate_id,
        name=trim(detail.name, 100),
        from_stage=trim(detail.stage, 60) if detail.stage else None,
        from_stage_id=str(detail.stage_id) if detail.stage_id is not None else None,
        job_title=trim(job.title, 80),
        stage_names=names,
    )
    await client.views_update(view_id=view_id, view=move_pick_modal(detail, stages, meta))
