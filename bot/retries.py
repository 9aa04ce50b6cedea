"""Slack's retries of a `/tt` command run it once.

Slack re-sends a request it thinks went unanswered (`X-Slack-Retry-Num`, with the same
`trigger_id`). Writes are guarded by the write gate (`bot/gate.py`); this listener
middleware guards every command, reads included, so a retried `/tt top-candidates` does
not rank the job again and post a second list: the first delivery claims the command's
trigger id (for an hour), and a delivery that finds it claimed is acknowledged empty.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncBoltRequest
from slack_bolt.context.ack.async_ack import AsyncAck

from bot.deps import deps_of
from bot.gate import RETRY_TTL, retry_key

log = logging.getLogger("tt.bot")

RETRY_HEADER = "x-slack-retry-num"


async def once_per_trigger(
    ack: AsyncAck,
    body: dict[str, Any],
    request: AsyncBoltRequest,
    context: Any,
    next: Callable[[], Awaitable[None]],
) -> BoltResponse | None:
    """Calls `next()` the first time a command's trigger id is seen; later deliveries of
    it are acknowledged empty (bolt's contract for a middleware that stops)."""
    if not body.get("trigger_id"):  # no id to know a retry by: never take it for one
        await next()
        return None
    store = deps_of(context).tk.store
    if await store.idempotency_claim(f"read:{retry_key(body)}", RETRY_TTL):
        await next()
        return None
    retry = (request.headers.get(RETRY_HEADER) or ["?"])[0]
    log.info("Slack retry %s of a /tt command already answered or under way: skipped", retry)
    await ack()
    return ack.response
