"""The move modal's two steps: the chosen stage becomes a confirmation, then the move.

The confirmation's submission passes the write gate first (`bot.gate`): a second
submission of the same modal shows the outcome stored for the first.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ids
from bot.blocks.moves import move_confirm_modal, move_sentence, notice_modal
from bot.blocks.payloads import MoveMeta, decode
from bot.blocks.text import esc, trim
from bot.deps import deps_of
from bot.flows import announce_move
from bot.gate import record_outcome
from bot.slack import team_of, user_of
from shared.actions import move_candidate
from shared.actions.errors import ActionError
from shared.actions.previews import move_preview
from shared.store import Origin


async def move_pick_callback(
    ack: AsyncAck, view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    state = (view.get("state") or {}).get("values") or {}
    selected = (state.get(ids.STAGE_BLOCK, {}).get(ids.STAGE_SELECT) or {}).get("selected_option")
    meta = decode(MoveMeta, view.get("private_metadata"))
    if meta is None:
        await ack(response_action="update", view=notice_modal("Not done", "⚠️ This form expired."))
        return
    if not selected:
        await ack(response_action="errors", errors={ids.STAGE_BLOCK: "Choose a stage."})
        return
    stage = str(selected["value"])
    if meta.from_stage_id is not None and stage == meta.from_stage_id:
        await ack(
            response_action="errors",
            errors={ids.STAGE_BLOCK: "They are already in this stage; choose another."},
        )
        return
    name = meta.stage_names.get(stage) or selected["text"]["text"]
    chosen = meta.model_copy(update={"stage": stage, "stage_name": name, "stage_names": {}})
    await ack(response_action="update", view=move_confirm_modal(chosen))
    await _add_ats_pairing(context, client, view["id"], chosen, stage)


async def _add_ats_pairing(
    context: Any, client: AsyncWebClient, view_id: str, chosen: MoveMeta, stage: str
) -> None:
    """A pushed candidate on a mirroring job: add what the ATS will do to the confirmation,
    as `/tt move` and `tt move` say it (the same preview). Asking the ATS can take longer
    than Slack's 3 s for the acknowledgement, so the modal is updated once it has answered."""
    tk = deps_of(context).tk
    if tk.ats is None or await tk.store.push_record(str(chosen.job_candidate)) is None:
        return
    try:
        preview = await move_preview(tk, chosen.job_candidate, stage)
    except ActionError:
        return  # the move itself says what happened in the ATS
    if preview.ats:
        await client.views_update(view_id=view_id, view=move_confirm_modal(chosen, preview.ats))


async def move_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    meta = decode(MoveMeta, view.get("private_metadata"))
    if meta is None or meta.stage is None:
        await ack(response_action="update", view=notice_modal("Not done", "⚠️ This form expired."))
        return
    moving = f"⏳ Moving *{trim(esc(meta.name), 100)}* to *{esc(meta.stage_name or '')}*…"
    await ack(response_action="update", view=notice_modal("Move candidate", moving))
    user = user_of(body)
    origin = Origin(kind="slack", user=user, channel=meta.channel, team=team_of(body))
    result = await move_candidate(
        deps_of(context).tk, meta.job_candidate, meta.stage, requested_by=origin
    )
    outcome = move_sentence(result, user)
    await record_outcome(context, outcome)
    await client.views_update(view_id=view["id"], view=notice_modal("Move candidate", outcome))
    await announce_move(deps_of(context), client, result, str(user), meta)
