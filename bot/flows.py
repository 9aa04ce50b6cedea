"""The write flows that several listeners share: starting a rescore (or, through
`threaded_write`, any write whose alert threads under a message), finishing a move.

They go through the use cases in `shared.actions` (which audit every write) with an
Origin naming the Slack user, channel and thread.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.kit import Message
from bot.blocks.lists import top_candidates_message
from bot.blocks.moves import move_message, move_sentence
from bot.blocks.payloads import TopQuery, Where
from bot.blocks.rescores import rescore_pending_message, rescore_started_message
from bot.deps import BotDeps
from bot.slack import send_to_response_url, slack_error
from shared.actions import rescore, top_candidates
from shared.actions.models import Id, MoveResult
from shared.store import Origin

log = logging.getLogger("tt.bot")

NOT_POSTABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
INVITE_HINT = (
    "I can't post in this conversation, so I can't thread the rescore's results "
    "here. Nothing was rescored. Invite me (`/invite @TapTalent`) or run it in a channel "
    "I'm in."
)


async def start_rescore(
    deps: BotDeps,
    client: AsyncWebClient,
    *,
    job: Id,
    user: str,
    channel: str,
    team: str | None,
    thread_ts: str | None = None,
    stage: str | None = None,
    candidates: list[Id] | None = None,
) -> str | None:
    """Post the confirmation, then start the rescore threaded under it (`threaded_write`).

    Returns None when the bot cannot post in the channel (the caller tells the user how to
    fix that); otherwise the ts of the confirmation message.
    """

    async def run(origin: Origin) -> Message:
        result = await rescore(
            deps.tk, job, requested_by=origin, stage=stage, job_candidate_ids=candidates
        )
        return rescore_started_message(result, user)

    where = Origin(kind="slack", user=user, channel=channel, thread_ts=thread_ts, team=team)
    return await threaded_write(client, where, rescore_pending_message(job, user), run)


async def threaded_write(
    client: AsyncWebClient,
    where: Origin,
    pending: Message,
    run: Callable[[Origin], Awaitable[Message]],
) -> str | None:
    """Post `pending` in `where`'s channel (and thread), run the write with that message's
    thread as the origin (its alert goes there), then replace `pending` with what `run`
    returns. A write that fails takes its message back and raises.

    Returns None when the bot cannot post in the channel (nothing was run); otherwise the
    ts of the message.
    """
    assert where.channel is not None
    channel = where.channel
    try:
        posted = await client.chat_postMessage(
            channel=channel, thread_ts=where.thread_ts, **pending
        )
    except SlackApiError as exc:
        if slack_error(exc) in NOT_POSTABLE:
            return None
        raise
    ts = str(posted["ts"])
    try:
        done = await run(where.model_copy(update={"thread_ts": where.thread_ts or ts}))
    except Exception:
        # Nothing started: take the placeholder back; the error handler tells the user why.
        with contextlib.suppress(SlackApiError):
            await client.chat_delete(channel=channel, ts=ts)
        raise
    try:
        await client.chat_update(channel=channel, ts=ts, **done)
    except SlackApiError as exc:
        # The write is done and its alert will come; only the message is stale.
        log.warning("could not update the message of a write: %s", slack_error(exc))
    return ts


async def announce_move(
    deps: BotDeps, client: AsyncWebClient, result: MoveResult, user: str, meta: Where
) -> None:
    """Show the move where the list was: the list is refreshed with a line saying who moved
    whom where; without a list to refresh, a message says it.

    The move is done (and the modal says so) before this runs, so a failure here (say, a
    response_url older than Slack's 30 minutes) is logged rather than reported as an error.
    """
    try:
        await _announce_move(deps, client, result, user, meta)
    except Exception:
        log.warning(
            "move of %s done, but the message could not be updated",
            result.job_candidate_id,
            exc_info=True,
        )


async def _announce_move(
    deps: BotDeps, client: AsyncWebClient, result: MoveResult, user: str, meta: Where
) -> None:
    url, query = meta.response_url, meta.query
    if url and query:
        top = await top_candidates(deps.tk, **query.args())
        message = top_candidates_message(
            top, show_private=deps.show_private, notice=move_sentence(result, user)
        )
        await send_to_response_url(url, message, replace_original=True)
    elif url:
        await send_to_response_url(url, move_message(result, user))
    elif meta.channel:
        await client.chat_postMessage(channel=meta.channel, **move_message(result, user))


async def run_top(deps: BotDeps, query: TopQuery) -> dict[str, Any]:
    top = await top_candidates(deps.tk, **query.args())
    return top_candidates_message(top, show_private=deps.show_private)
