"""List buttons: Next / Previous / Refresh, Top candidates, jobs pages, Help."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ids
from bot.blocks.common import PROG, help_message
from bot.blocks.jobs import jobs_message
from bot.blocks.kit import modal
from bot.blocks.payloads import JobsPageValue, JobValue, TopQuery, decode
from bot.deps import deps_of
from bot.flows import run_top
from bot.slack import reply, user_of
from shared.actions import list_jobs
from shared.commands import help_text


async def top_page_callback(
    ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    """Next, Previous and Refresh rerun the query the button carries, in place."""
    await ack()
    query = decode(TopQuery, action.get("value"))
    if query is not None:
        await reply(respond, await run_top(deps_of(context), query), replace_original=True)


async def open_top_callback(
    ack: AsyncAck,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    context: Any,
) -> None:
    """A new top-candidates message: below the clicked one, or in the App's DM from Home."""
    await ack()
    value = decode(JobValue, action.get("value"))
    if value is None:
        return
    message = await run_top(deps_of(context), TopQuery(job=value.job))
    if body.get("response_url"):
        await reply(respond, message, response_type="in_channel", replace_original=False)
    else:
        await client.chat_postMessage(channel=str(user_of(body)), **message)


async def jobs_page_callback(
    ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    await ack()
    value = decode(JobsPageValue, action.get("value")) or JobsPageValue()
    page = await list_jobs(deps_of(context).tk, status=value.status, page=value.page)
    await reply(respond, jobs_message(page), replace_original=True)


async def help_callback(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
    await ack()
    blocks = help_message(help_text(None, prog=PROG))["blocks"]
    view = modal("/tt help", blocks, callback_id=ids.INFO_VIEW)
    await client.views_open(trigger_id=body["trigger_id"], view=view)
