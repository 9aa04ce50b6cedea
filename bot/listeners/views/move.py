"""The move modal's two steps: the chosen stage becomes a confirmation, then the move."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot import dedupe
from bot.blocks import ids
from bot.blocks.common import denied_message
from bot.blocks.text import esc, trim
from bot.blocks.writes import move_confirm_modal, move_sentence, notice_modal
from bot.deps import deps_of
from bot.flows import announce_move
from bot.slack import VIEW_ID_KEY, team_of, user_of
from shared.actions import move_candidate
from shared.store import Origin


async def move_pick_callback(ack: AsyncAck, view: dict[str, Any]) -> None:
    state = (view.get("state") or {}).get("values") or {}
    selected = (state.get(ids.STAGE_BLOCK, {}).get(ids.STAGE_SELECT) or {}).get("selected_option")
    meta = ids.decode(view.get("private_metadata"))
    if not selected:
        await ack(response_action="errors", errors={ids.STAGE_BLOCK: "Choose a stage."})
        return
    stage = str(selected["value"])
    if meta.get("fi") is not None and stage == str(meta["fi"]):
        await ack(
            response_action="errors",
            errors={ids.STAGE_BLOCK: "They are already in this stage; choose another."},
        )
        return
    names: dict[str, str] = meta.pop("sn", None) or {}
    meta["s"], meta["sn"] = stage, names.get(stage) or selected["text"]["text"]
    await ack(
        response_action="update",
        view=move_confirm_modal(
            meta.get("n") or "this candidate", meta.get("f"), meta["sn"], meta.get("t"), meta
        ),
    )


async def move_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    meta = ids.decode(view.get("private_metadata"))
    moving = f"⏳ Moving *{trim(esc(meta.get('n') or ''), 100)}* to *{esc(meta.get('sn') or '')}*…"
    await ack(response_action="update", view=notice_modal("Move candidate", moving))
    context[VIEW_ID_KEY] = view["id"]  # errors from here on are shown in this modal
    deps = deps_of(context)
    user = user_of(body)
    if not await dedupe.first_time(deps.tk, dedupe.view_key(view), dedupe.RETRY_TTL):
        return  # this confirmation was already carried out
    if not await deps.writers.allows(client, user):
        await client.views_update(
            view_id=view["id"],
            view=notice_modal("Not allowed", denied_message("move candidates")["text"]),
        )
        return
    origin = Origin(kind="slack", user=user, channel=meta.get("ch"), team=team_of(body))
    result = await move_candidate(deps.tk, meta["jc"], meta["s"], requested_by=origin)
    await client.views_update(
        view_id=view["id"], view=notice_modal("Move candidate", move_sentence(result, user))
    )
    await announce_move(deps, client, result, str(user), meta)
