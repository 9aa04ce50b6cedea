"""A candidate row's menu: Details (a modal) and Move (stage select → confirm → move)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ids
from bot.blocks.candidates import candidate_modal
from bot.blocks.common import denied_message
from bot.blocks.text import trim
from bot.blocks.writes import loading_modal, move_pick_modal, notice_modal
from bot.deps import BotDeps, deps_of
from bot.listeners.ats import menu_choice as ats_menu_choice
from bot.slack import channel_of, open_or_push, user_of
from shared.actions import get_job, get_job_candidate


def _list_query(body: dict[str, Any]) -> dict[str, Any] | None:
    """The query of the top-candidates message clicked in (its Refresh button holds it)."""
    for block in (body.get("message") or {}).get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == ids.REFRESH:
                return ids.decode(element.get("value"))
    return None


def _where(body: dict[str, Any]) -> dict[str, Any]:
    """Where the click came from, kept in modals so the move can update that message."""
    view = body.get("view") or {}
    if view.get("type") == "modal":
        inherited = ids.decode(view.get("private_metadata"))
        return {k: inherited.get(k) for k in ("ru", "q", "ch")}
    return {"ru": body.get("response_url"), "q": _list_query(body), "ch": channel_of(body)}


async def candidate_menu_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    await ack()
    choice = ids.decode((action.get("selected_option") or {}).get("value"))
    if choice.get("a") == "d":
        await open_details(deps_of(context), client, body, context, choice["jc"])
    elif choice.get("a") == "m":
        await open_move(deps_of(context), client, body, context, respond, choice["jc"])
    else:
        await ats_menu_choice(choice, deps_of(context), client, body, context, respond)


async def move_button_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    await ack()
    value = ids.decode(action.get("value"))
    await open_move(deps_of(context), client, body, context, respond, value["jc"])


async def open_details(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, job_candidate: Any
) -> None:
    # Open at once (trigger ids expire in 3 s), fill in when TapTalent has answered.
    view_id = await open_or_push(client, body, loading_modal("Candidate"), context)
    detail = await get_job_candidate(deps.tk, job_candidate, include_private=deps.show_private)
    view = candidate_modal(detail, show_private=deps.show_private, meta=_where(body))
    await client.views_update(view_id=view_id, view=view)


async def open_move(
    deps: BotDeps,
    client: AsyncWebClient,
    body: dict[str, Any],
    context: Any,
    respond: AsyncRespond,
    job_candidate: Any,
) -> None:
    if not await deps.writers.allows(client, user_of(body)):
        denied = denied_message("move candidates")
        if body.get("response_url"):
            await respond(response_type="ephemeral", replace_original=False, **denied)
        else:
            await open_or_push(client, body, notice_modal("Not allowed", denied["text"]))
        return
    view_id = await open_or_push(client, body, loading_modal("Move candidate"), context)
    detail = await get_job_candidate(deps.tk, job_candidate)
    job = await get_job(deps.tk, detail.job.id if detail.job else detail.job_id or "")
    stages = [s for s in job.stages][:100]
    names = {str(s.id) if s.id is not None else s.name: trim(s.name, 40) for s in stages[:30]}
    meta = {
        **_where(body),
        "jc": detail.job_candidate_id,
        "n": trim(detail.name, 100),
        "f": trim(detail.stage, 60) if detail.stage else None,
        "fi": str(detail.stage_id) if detail.stage_id is not None else None,
        "t": trim(job.title, 80),
        "sn": names,
    }
    await client.views_update(view_id=view_id, view=move_pick_modal(detail, stages, meta))
