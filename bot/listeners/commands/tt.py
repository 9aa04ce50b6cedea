"""`/tt …`: parse, acknowledge at once, then answer through response_url.

Help and parse errors are answered in the acknowledgement itself (ephemeral, no extra
request). Typed writes (`rescore`, `move`, `upload`, `assess`, and the ATS's `link`, `push`,
`reject`) are
answered with an ephemeral confirmation that says what would happen, with Confirm and
Cancel (`bot.listeners.actions.writes` does the write). Everything else is acknowledged
empty and answered when it returns.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.answers import answer
from bot.assessments import ask_assess
from bot.blocks.ats import ats_confirmation
from bot.blocks.common import PROG, error_message, help_message
from bot.blocks.moves import move_confirmation
from bot.blocks.payloads import WriteRequest
from bot.blocks.rescores import rescore_confirmation
from bot.blocks.text import esc, trim
from bot.deps import deps_of
from bot.listeners.interviews import confirm_typed_invite
from bot.slack import origin_of, reply
from bot.uploads import upload_confirmation_for
from bot.verbs import command_verb
from shared import commands as cmd
from shared.actions.ats.questions import ats_question as ats_write_question
from shared.actions.dispatch import execute
from shared.actions.previews import move_preview, rescore_preview

ID_HELP = {
    "job": ("job", "`job:42`", "`/tt jobs`"),
    "job_candidate": ("job candidate", "`move 7 stage:SCREEN`", "`/tt top-candidates job:<id>`"),
}


def id_problem(parsed: cmd.Command) -> str | None:
    """Our own sentence for an id that cannot be one (`job:abc`), before TapTalent's."""
    for field, (what, example, where) in ID_HELP.items():
        value = getattr(parsed, field, None)
        if isinstance(value, str) and not value.isdigit():
            return (
                f"`{esc(trim(value, 40))}` is not a {what} id: {what} ids are numbers, like "
                f"{example}. {where} shows them."
            )
    return None


def write_verb(body: dict[str, Any]) -> str | None:
    """For the write gate: which write a command asks for, if any."""
    try:
        parsed = cmd.parse(body.get("text") or "", prog=PROG)
    except cmd.CommandError:
        return None
    return command_verb(parsed)


async def tt_command_callback(
    ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, context: Any
) -> None:
    try:
        parsed = cmd.parse(command.get("text") or "", prog=PROG)
    except cmd.CommandError as err:
        await ack(response_type="ephemeral", **error_message(err.message, err.example))
        return
    if isinstance(parsed, cmd.Help):
        await ack(response_type="ephemeral", **help_message(cmd.help_text(parsed.topic, prog=PROG)))
        return
    problem = id_problem(parsed)
    if problem is not None:
        await ack(response_type="ephemeral", **error_message(problem, escaped=True))
        return
    await ack()
    deps = deps_of(context)
    if isinstance(parsed, cmd.Interview):
        await confirm_typed_invite(respond, deps, parsed)
        return
    ats_question = ats_write_question(parsed)
    if ats_question is not None:
        request = WriteRequest.of(parsed.to_text())
        yes = "Reject" if isinstance(parsed, cmd.Reject) else "Confirm"
        await reply(
            respond, ats_confirmation(ats_question, request, yes), response_type="ephemeral"
        )
        return
    if isinstance(parsed, cmd.Assess):
        await ask_assess(deps, parsed, respond)
        return
    if isinstance(parsed, cmd.Rescore | cmd.Move):
        request = WriteRequest.of(parsed.to_text())
        if isinstance(parsed, cmd.Rescore):
            ids = list(parsed.candidates) if parsed.candidates else None
            preview = await rescore_preview(
                deps.tk, parsed.job, stage=parsed.stage, job_candidate_ids=ids
            )
            message = rescore_confirmation(preview, request)
        else:
            moving = await move_preview(deps.tk, parsed.job_candidate, parsed.stage)
            message = move_confirmation(moving, request)
        await reply(respond, message, response_type="ephemeral")
        return
    if isinstance(parsed, cmd.Upload):
        confirmation = await upload_confirmation_for(deps, parsed)
        await reply(respond, confirmation, response_type="ephemeral")
        return
    result = await execute(
        deps.tk, parsed, origin_of(command), include_private=deps.show_private, prog=PROG
    )
    user = str(command.get("user_id"))
    message = answer(result, user=user, show_private=deps.show_private)
    await reply(respond, message, response_type="in_channel")
