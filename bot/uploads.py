"""Slack's side of an upload: confirm it (its links kept server-side when they do not
fit in a button), then post where the report will thread and start it."""

from __future__ import annotations

import contextlib
import hashlib

from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.kit import BUTTON_VALUE, Message
from bot.blocks.payloads import WriteRequest, encode
from bot.blocks.uploads import upload_confirmation, upload_pending_message, upload_started_message
from bot.deps import BotDeps
from bot.flows import threaded_write
from shared import commands as cmd
from shared.actions.uploads import upload_preview, upload_resumes
from shared.store import Origin
from shared.store.store import Store

#: How long a confirmation's links are kept when they do not fit in its button.
DRAFT_TTL = 3600.0
DRAFT_PREFIX = "slack:draft:"
UPLOAD_INVITE_HINT = (
    "I can't post in this conversation, so I can't thread the upload's report here. "
    "Nothing was uploaded. Invite me (`/invite @TapTalent`) or run it in a channel I'm in."
)


async def keep_draft(store: Store, text: str) -> WriteRequest:
    """The Confirm button's payload: the command itself when it fits in a button value,
    else a key to it, kept in the store for an hour (like a write's claim)."""
    request = WriteRequest.of(text)
    with contextlib.suppress(ValueError):
        encode(request, BUTTON_VALUE)
        return request
    key = DRAFT_PREFIX + hashlib.sha256(text.encode()).hexdigest()[:32]
    await store.idempotency_claim(key, DRAFT_TTL)
    await store.idempotency_set_outcome(key, text)
    return WriteRequest(draft=key)


async def command_of(store: Store, request: WriteRequest) -> str | None:
    if request.draft is not None:
        return await store.idempotency_outcome(request.draft)
    return request.command


async def upload_confirmation_for(deps: BotDeps, parsed: cmd.Upload) -> Message:
    """Checks the links and the job (naming what is refused), then asks."""
    preview = await upload_preview(deps.tk, parsed.job, list(parsed.urls))
    request = await keep_draft(deps.tk.store, parsed.to_text())
    return upload_confirmation(preview, list(parsed.urls), request)


async def start_upload(
    deps: BotDeps,
    client: AsyncWebClient,
    parsed: cmd.Upload,
    *,
    user: str,
    channel: str,
    team: str | None,
    thread_ts: str | None = None,
) -> str | None:
    """Post first, so the report threads under that message; None when the bot cannot
    post in the channel (nothing was uploaded)."""

    async def run(origin: Origin) -> Message:
        started = await upload_resumes(deps.tk, parsed.job, list(parsed.urls), requested_by=origin)
        return upload_started_message(started, user)

    where = Origin(kind="slack", user=user, channel=channel, thread_ts=thread_ts, team=team)
    return await threaded_write(client, where, upload_pending_message(parsed.job, user), run)
