"""Slack's ATS actions: "Send to ATS" and "Reject in the ATS…" in each row's menu.

Both are writes: the writers check comes first, then a modal asks to confirm (the reject
modal holds the ATS's own reasons), then the shared use case runs and the modal says what
happened, linking to the application in the ATS.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import dedupe
from bot.blocks import ats as blocks
from bot.blocks import ids
from bot.blocks.common import denied_message
from bot.blocks.text import esc, section, trim
from bot.blocks.writes import loading_modal, modal, notice_modal
from bot.deps import BotDeps, deps_of
from bot.errors import guarded
from bot.slack import VIEW_ID_KEY, channel_of, open_or_push, team_of, user_of
from shared import commands as cmd
from shared.actions import get_job_candidate
from shared.actions.ats import push_candidate, reject_in_ats
from shared.actions.ats.models import ReasonsResult, RejectResult
from shared.store import Origin

PUSH_VIEW = "tt_ats_push"
PUSH_OPTION, REJECT_OPTION = "p", "r"


def _origin(body: dict[str, Any], meta: dict[str, Any]) -> Origin:
    """The push's origin: its line about later ATS changes goes in the list's thread."""
    return Origin(
        kind="slack",
        user=user_of(body),
        channel=meta.get("ch"),
        thread_ts=meta.get("ts"),
        team=team_of(body),
    )


def _where(body: dict[str, Any]) -> dict[str, Any]:
    return {"ch": channel_of(body), "ts": (body.get("message") or {}).get("ts")}


async def _allowed(deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], what: str) -> bool:
    if await deps.writers.allows(client, user_of(body)):
        return True
    await open_or_push(client, body, notice_modal("Not allowed", denied_message(what)["text"]))
    return False


async def open_push(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, jc: Any
) -> None:
    if not await _allowed(deps, client, body, "send candidates to the ATS"):
        return
    view_id = await open_or_push(client, body, loading_modal("Send to ATS"), context)
    detail = await get_job_candidate(deps.tk, jc)
    question = (
        f"Send *{trim(esc(detail.name), 120)}* to the ATS with their TapTalent score and AI "
        "summary? Their name and e-mail go to the ATS."
    )
    view = modal(
        "Send to ATS",
        [section(question)],
        callback_id=PUSH_VIEW,
        submit="Send",
        meta={**_where(body), "jc": detail.job_candidate_id},
    )
    await client.views_update(view_id=view_id, view=view)


async def push_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    meta = ids.decode(view.get("private_metadata"))
    await ack(response_action="update", view=notice_modal("Send to ATS", "⏳ Sending…"))
    context[VIEW_ID_KEY] = view["id"]
    deps = deps_of(context)
    if not await dedupe.first_time(deps.tk, dedupe.view_key(view), dedupe.RETRY_TTL):
        return
    result = await push_candidate(deps.tk, meta["jc"], requested_by=_origin(body, meta))
    text = blocks.push_sentence(result, user_of(body))
    await client.views_update(view_id=view["id"], view=notice_modal("Send to ATS", text))


async def open_reject(
    deps: BotDeps, client: AsyncWebClient, body: dict[str, Any], context: Any, jc: Any
) -> None:
    if not await _allowed(deps, client, body, "reject candidates in the ATS"):
        return
    view_id = await open_or_push(client, body, loading_modal("Reject in the ATS"), context)
    detail = await get_job_candidate(deps.tk, jc)
    listed = await reject_in_ats(deps.tk, jc, requested_by=_origin(body, _where(body)))
    assert isinstance(listed, ReasonsResult)
    view = blocks.reject_modal(detail.job_candidate_id, detail.name, listed.reasons, _where(body))
    await client.views_update(view_id=view_id, view=view)


async def reject_confirm_callback(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    state = (view.get("state") or {}).get("values") or {}
    picked = (state.get(blocks.REASON_BLOCK, {}).get(blocks.REASON_ACTION) or {}).get(
        "selected_option"
    )
    if not picked:
        await ack(response_action="errors", errors={blocks.REASON_BLOCK: "Choose a reason."})
        return
    note = (state.get(blocks.NOTE_BLOCK, {}).get(blocks.NOTE_ACTION) or {}).get("value")
    meta = ids.decode(view.get("private_metadata"))
    await ack(response_action="update", view=notice_modal("Reject in the ATS", "⏳ Rejecting…"))
    context[VIEW_ID_KEY] = view["id"]
    deps = deps_of(context)
    if not await dedupe.first_time(deps.tk, dedupe.view_key(view), dedupe.RETRY_TTL):
        return
    result = await reject_in_ats(
        deps.tk,
        meta["jc"],
        str(picked["value"]),
        note=note or None,
        requested_by=_origin(body, meta),
    )
    assert isinstance(result, RejectResult)
    text = blocks.reject_message(result, user_of(body))["text"]
    await client.views_update(view_id=view["id"], view=notice_modal("Reject in the ATS", text))


async def menu_choice(
    choice: dict[str, Any],
    deps: BotDeps,
    client: AsyncWebClient,
    body: dict[str, Any],
    context: Any,
    respond: AsyncRespond,
) -> bool:
    """Handle the ATS items of a row's menu; False when the choice is not one of them."""
    if choice.get("a") == PUSH_OPTION:
        await open_push(deps, client, body, context, choice["jc"])
    elif choice.get("a") == REJECT_OPTION:
        await open_reject(deps, client, body, context, choice["jc"])
    else:
        return False
    return True


def slash_write(parsed: object) -> str | None:
    """What an ATS slash command would change (for the writers check), or None for reads."""
    match parsed:
        case cmd.Link(ats=str()):
            return "link jobs to the ATS"
        case cmd.Push():
            return "send candidates to the ATS"
        case cmd.Reject(reason=str()):
            return "reject candidates in the ATS"
    return None


def register(app: AsyncApp) -> None:
    app.view(PUSH_VIEW)(guarded(push_confirm_callback))
    app.view(blocks.REJECT_VIEW)(guarded(reject_confirm_callback))
