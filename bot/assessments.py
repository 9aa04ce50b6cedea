"""`/tt assess`: the confirmation (from the same preview the CLI asks with), and the
confirmed invitation, posted first so its message is the thread the score comes back to.

Both go through `shared.actions` (which audits the write) with an Origin naming the Slack
user, channel and thread.
"""

from __future__ import annotations

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.assessments import (
    already_message,
    assess_confirmation,
    invite_message,
    pending_invite_message,
)
from bot.blocks.common import PROG
from bot.blocks.kit import Message
from bot.blocks.payloads import WriteRequest
from bot.deps import BotDeps
from bot.flows import threaded_write
from bot.slack import reply
from shared import commands as cmd
from shared.actions.assessments import NEW, InviteResult, assess_preview
from shared.actions.dispatch import execute
from shared.store import Origin

CANNOT_POST = (
    "I can't post in this conversation, so I can't thread the assessment's score here. "
    "Nothing was sent. Invite me (`/invite @TapTalent`) or run it in a channel I'm in."
)


async def ask_assess(
    deps: BotDeps,
    parsed: cmd.Assess,
    respond: AsyncRespond,
    thread: str | None = None,
    *,
    from_click: bool = False,
) -> None:
    """Answer `/tt assess …` (or a row's "Invite to assessment…") with what it would
    send, and Confirm / Cancel; a click's answer never replaces the list it came from."""
    keep = {"replace_original": False} if from_click else {}
    preview = await assess_preview(deps.tk, parsed.job_candidate, parsed.assessment)
    if preview.already:
        await reply(respond, already_message(preview), response_type="ephemeral", **keep)
        return
    target = NEW if preview.assessment is None else str(preview.assessment.id)
    exact = cmd.Assess(job_candidate=preview.job_candidate_id, assessment=target)
    request = WriteRequest.of(exact.to_text(), thread=thread)
    await reply(respond, assess_confirmation(preview, request), response_type="ephemeral", **keep)


async def start_invite(
    deps: BotDeps,
    client: AsyncWebClient,
    parsed: cmd.Assess,
    *,
    user: str,
    channel: str,
    team: str | None,
    thread_ts: str | None = None,
) -> str | None:
    """Post the invitation's message, invite, then fill the message in with the outcome.

    Returns None when the bot cannot post in the channel (nothing was sent); otherwise the
    ts of the message whose thread gets the score.
    """

    async def run(origin: Origin) -> Message:
        result = await execute(deps.tk, parsed, origin, prog=PROG)
        assert isinstance(result, InviteResult)
        return invite_message(result, user)

    where = Origin(kind="slack", user=user, channel=channel, thread_ts=thread_ts, team=team)
    pending = pending_invite_message(parsed.job_candidate, user)
    return await threaded_write(client, where, pending, run)
