"""Slack's ATS actions: "Send to ATS" and "Reject in the ATS…" in each row's menu.

Both are writes. The row menu's gate (`bot.gate`, writer check) runs before a modal opens;
the modal is the confirmation (the reject modal holds the ATS's own reasons); its
submission passes the whole write gate (retry dedupe, writers, audit of refusals), then
the shared use case runs and the modal says what happened, linking to the application.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ats as blocks
from bot.blocks import ids
from bot.blocks.moves import loading_modal, notice_modal
from bot.blocks.payloads import AtsMeta, decode
from bot.deps import BotDeps, deps_of
from bot.errors import guarded
from bot.gate import record_outcome, unclaim, write_gate
from bot.slack import channel_of, open_or_push, team_of, user_of
from bot.verbs import PUSHING, REJECTING
from shared.actions import get_job_candidate
from shared.actions.ats import push_candidate, reject_in_ats
from shared.actions.ats.models import ReasonsResult, RejectResult
from shared.actions.models import Id
from shared.store import Origin

EXPIRED = "⚠️ This form expired."


def _origin(body: dict[str, Any], meta: AtsMeta) -> Origin:
    """The push's origin: its line about later ATS changes goes in the list's thread."""
    return Origin(
        kind="slack",
        user=user_of(body),
        channel=meta.channel,
        thread_ts=meta.thread,
        team=team_of(body),
    )


def _meta(body: dict[str, Any], job_candidate: Id) -> AtsMeta:
    thread = (body.get("message") or {}).get("ts")
    return AtsMeta(job_candidate=job_candidate, channel=channel_of(body), thread=thread)


async def open_push(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, jc: Id
) -> None:
    view_id = await open_or_push(client, body, loading_modal("Send to ATS"), context)
    detail = await get_job_candidate(deps.tk, jc)
    meta = _meta(body, detail.job_candidate_id)
    await client.views_update(view_id=view_id, view=blocks.push_modal(detail.name, meta))


async def push_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    meta = decode(AtsMeta, view.get("private_metadata"))
    if meta is None:
        await ack(response_action="update", view=notice_modal("Not done", EXPIRED))
        return
    await ack(response_action="update", view=notice_modal("Send to ATS", "⏳ Sending…"))
    deps = deps_of(context)
    result = await push_candidate(deps.tk, meta.job_candidate, requested_by=_origin(body, meta))
    text = blocks.push_sentence(result, user_of(body))
    await record_outcome(context, text)
    await client.views_update(view_id=view["id"], view=notice_modal("Send to ATS", text))


async def open_reject(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, jc: Id
) -> None:
    view_id = await open_or_push(client, body, loading_modal("Reject in the ATS"), context)
    detail = await get_job_candidate(deps.tk, jc)
    meta = _meta(body, detail.job_candidate_id)
    listed = await reject_in_ats(deps.tk, jc, requested_by=_origin(body, meta))
    assert isinstance(listed, ReasonsResult)
    view = blocks.reject_modal(detail.name, listed.reasons, meta)
    await client.views_update(view_id=view_id, view=view)


async def reject_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    state = (view.get("state") or {}).get("values") or {}
    picked = (state.get(blocks.REASON_BLOCK, {}).get(blocks.REASON_ACTION) or {}).get(
        "selected_option"
    )
    meta = decode(AtsMeta, view.get("private_metadata"))
    if meta is None:
        await ack(response_action="update", view=notice_modal("Not done", EXPIRED))
        return
    if not picked:
        await unclaim(context)
        await ack(response_action="errors", errors={blocks.REASON_BLOCK: "Choose a reason."})
        return
    note = (state.get(blocks.NOTE_BLOCK, {}).get(blocks.NOTE_ACTION) or {}).get("value")
    await ack(response_action="update", view=notice_modal("Reject in the ATS", "⏳ Rejecting…"))
    result = await reject_in_ats(
        deps_of(context).tk,
        meta.job_candidate,
        str(picked["value"]),
        note=note or None,
        requested_by=_origin(body, meta),
    )
    assert isinstance(result, RejectResult)
    text = blocks.reject_sentence(result, user_of(body))
    await record_outcome(context, text)
    await client.views_update(view_id=view["id"], view=notice_modal("Reject in the ATS", text))


def register(app: AsyncApp) -> None:
    app.view(ids.ATS_PUSH, middleware=[write_gate(PUSHING)])(guarded(push_confirm_callback))
    app.view(ids.ATS_REJECT, middleware=[write_gate(REJECTING)])(guarded(reject_confirm_callback))
