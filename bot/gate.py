"""The one write gate: a bolt listener middleware in front of every write (and of what
leads to one), in the pattern of bolt-python's own listener middleware.

In order:
1. retry dedupe: Slack's retries and a double submit carry the same trigger id, action
   ts or view id; claimed for an hour. A repeat is acknowledged silently, except a modal
   submitted twice, which shows the outcome stored for the first (or that it is underway);
2. writer check (TT_WRITERS): a refusal says who to ask;
3. repeat guard: the same click from the same person within seconds is a double click:
   refused with a sentence saying nothing happened twice.
The listener runs only when all three pass. Claims are released when the write fails
(`release`, called by the error path), so a retry after a failure is not taken for a
repeat.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.common import denied_message, repeat_message
from bot.blocks.kit import Message
from bot.blocks.moves import notice_modal
from bot.deps import deps_of
from bot.slack import VIEW_ID_KEY, reply, user_of
from bot.verbs import audit_action
from shared.actions import ActionError

log = logging.getLogger("tt.bot")

RETRY_TTL = 3600.0
REPEAT_TTL = 10.0
CLAIMS_KEY = "tt_claims"  # context: keys to release if the write fails
RETRY_KEY = "tt_retry_key"  # context: where a write records its outcome
WHAT_KEY = "tt_write"  # context: the write under way ("move candidates"), for the audit

Verb = Callable[[dict[str, Any]], str | None]
Middleware = Callable[..., Awaitable[BoltResponse | None]]


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def retry_key(body: dict[str, Any]) -> str:
    user = user_of(body)
    if body.get("type") == "view_submission":
        view = body.get("view") or {}
        return f"slack:view:{view.get('id')}:{view.get('callback_id')}"
    if body.get("type") == "block_actions":
        action = (body.get("actions") or [{}])[0]
        return f"slack:act:{user}:{action.get('action_ts')}:{action.get('action_id')}"
    return f"slack:cmd:{body.get('trigger_id') or _short(str(body.get('text')))}:{user}"


def repeat_key(body: dict[str, Any]) -> str | None:
    """Same person, same button, same message, same value: a double click."""
    if body.get("type") != "block_actions":
        return None
    action = (body.get("actions") or [{}])[0]
    where = (body.get("container") or {}).get("message_ts") or (body.get("view") or {}).get("id")
    value = action.get("value") or (action.get("selected_option") or {}).get("value")
    return f"slack:click:{user_of(body)}:{action.get('action_id')}:{where}:{_short(str(value))}"


async def tell(
    ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient, m: Message
) -> None:
    """Acknowledge with `m`: in the modal, as an ephemeral reply, or in a modal of its own."""
    if body.get("type") == "view_submission":
        await ack(response_action="update", view=notice_modal("Not done", m["text"]))
        return
    await ack()
    if body.get("response_url"):
        await reply(respond, m, response_type="ephemeral", replace_original=False)
    elif body.get("trigger_id"):
        await client.views_open(
            trigger_id=body["trigger_id"], view=notice_modal("Not done", m["text"])
        )


def write_gate(verb: str | Verb, *, once: bool = True) -> Middleware:
    """`verb` says what is being done ("move candidates"), or None when this request is
    not a write after all (a `/tt jobs`); `once=False` for what only leads to a write."""

    async def gate(
        ack: AsyncAck,
        body: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
        context: Any,
        next: Callable[[], Awaitable[None]],
    ) -> BoltResponse | None:
        """Calls `next()` to let the listener run; otherwise answers Slack itself and
        returns that answer (bolt's contract for a listener middleware that stops)."""
        what = verb(body) if callable(verb) else verb
        if what is None:
            await next()
            return None
        store = deps_of(context).tk.store
        claims: list[str] = []
        if once:
            key = retry_key(body)
            if not await store.idempotency_claim(key, RETRY_TTL):
                await _already(ack, body, store, key)
                return ack.response
            claims.append(key)
            context[RETRY_KEY] = key
        if not await deps_of(context).writers.allows(client, user_of(body)):
            await audit_attempt(context, body, what, "refused: not among TT_WRITERS")
            await tell(ack, body, respond, client, denied_message(what))
            return ack.response
        repeat = repeat_key(body) if once else None
        if repeat is not None:
            if not await store.idempotency_claim(repeat, REPEAT_TTL):
                await tell(ack, body, respond, client, repeat_message())
                return ack.response
            claims.append(repeat)
        context[CLAIMS_KEY] = claims
        context[WHAT_KEY] = what
        if body.get("type") == "view_submission":
            context[VIEW_ID_KEY] = (body.get("view") or {}).get("id")
        await next()
        return None

    return gate


async def _already(ack: AsyncAck, body: dict[str, Any], store: Any, key: str) -> None:
    if body.get("type") != "view_submission":
        await ack()  # a retry of something already under way or done: nothing to add
        return
    outcome = await store.idempotency_outcome(key)
    text = outcome or "⏳ Still on it: this closes with the outcome in a moment."
    await ack(response_action="update", view=notice_modal("Done" if outcome else "Working", text))


def _target(body: dict[str, Any]) -> str:
    """What the attempt was on, as far as the request says (never its free text)."""
    if "command" in body:
        return f"slack:command:{str(body.get('text') or '').split(' ')[0][:20]}"
    if body.get("type") == "view_submission":
        return f"slack:view:{(body.get('view') or {}).get('callback_id')}"
    action = (body.get("actions") or [{}])[0]
    return f"slack:action:{action.get('action_id')}"


async def audit_attempt(context: Any, body: dict[str, Any], what: str, result: str) -> None:
    """Record a write attempt that did not go through (refused or failed); never raises.
    A write that runs is audited by its use case (`shared.actions`)."""
    try:
        await deps_of(context).tk.store.audit(
            actor=user_of(body) or "unknown",
            surface="slack",
            action=audit_action(what),
            target=_target(body),
            details={"request": str(body.get("type") or "slash_command")},
            result=result[:300],
        )
    except Exception:
        log.warning("could not audit a refused or failed write attempt", exc_info=True)


async def release(context: Any, body: dict[str, Any], error: Exception) -> None:
    """The write failed: audit it (unless its use case did), and release the gate's claims,
    so a retry is welcome and is no repeat."""
    what = context.get(WHAT_KEY)
    if what is None:
        return  # not a write
    if not getattr(error, "audited", False):
        reason = getattr(error, "message", None) or type(error).__name__
        kind = "refused" if isinstance(error, ActionError) else "failed"
        await audit_attempt(context, body, what, f"{kind}: {reason}")
    await unclaim(context)


async def unclaim(context: Any) -> None:
    """Release the gate's claims: nothing was done (a form sent back to be completed, or a
    write that failed), so the next submission is no retry and no repeat."""
    store = deps_of(context).tk.store
    for key in context.get(CLAIMS_KEY) or []:
        await store.idempotency_release(key)
    context[CLAIMS_KEY] = []


async def record_outcome(context: Any, text: str) -> None:
    key = context.get(RETRY_KEY)
    if key:
        await deps_of(context).tk.store.idempotency_set_outcome(key, text)
