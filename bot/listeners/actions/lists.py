"""List buttons: Next 10 / Previous / Refresh, Top candidates, jobs pages, Help."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import ids
from bot.blocks.common import help_message
from bot.blocks.jobs import jobs_message
from bot.blocks.query import TopQuery
from bot.blocks.writes import modal
from bot.deps import deps_of
from bot.flows import run_top
from bot.slack import user_of
from shared.actions import list_jobs
from shared.commands import help_text


async def top_page_callback(
    ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    """Next 10, Previous 10 and Refresh rerun the query the button carries, in place."""
    await ack()
    query = TopQuery.from_value(ids.decode(action.get("value")))
    await respond(replace_original=True, **await run_top(deps_of(context), query))


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
    value = ids.decode(action.get("value"))
    message = await run_top(deps_of(context), TopQuery(job=value["j"]))
    if body.get("response_url"):
        await respond(response_type="in_channel", replace_original=False, **message)
    else:
        await client.chat_postMessage(channel=str(user_of(body)), **message)


async def jobs_page_callback(
    ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    await ack()
    value = ids.decode(action.get("value"))
    page = await list_jobs(
        deps_of(context).tk, status=value.get("st"), page=int(value.get("p") or 1)
    )
    await respond(replace_original=True, **jobs_message(page))


async def help_callback(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
    await ack()
    blocks = help_message(help_text(None, prog="/tt"))["blocks"]
    await client.views_open(trigger_id=body["trigger_id"], view=modal("/tt help", blocks))
