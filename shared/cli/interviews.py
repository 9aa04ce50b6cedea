"""The terminal's side of AI interviews: the confirmation (what leaves TapTalent, asked
before the invite) and the rendering of the results, called from `Renderer.show`."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel

from shared.actions.follow import follow
from shared.actions.interviews import (
    AgentChoices,
    InterviewInvite,
    InterviewPlan,
    InterviewProgress,
    interview_preview,
    interview_status,
)
from shared.actions.interviews.notice import analysis_lines
from shared.commands import Interview
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from rich.console import Console

    from shared.cli.terminal import Renderer

INTERVIEW_RESULTS = (AgentChoices, InterviewInvite, InterviewProgress, InterviewPlan)


async def confirm_interview(tk: Toolkit, command: Interview, *, include_private: bool) -> bool:
    """On a terminal, show what the invite would send and ask; True to go ahead. Without an
    agent to use, there is nothing to confirm (the answer lists the agents)."""
    plan = await interview_preview(
        tk, command.job_candidate, command.agent, command.at, include_private=include_private
    )
    if isinstance(plan, AgentChoices):
        return True
    for line in plan.lines():
        print(line, file=sys.stderr)
    try:
        answer = await asyncio.to_thread(input, "Send it to InstaView? [y/N] ")
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes")


def show_interview(out: Renderer, result: BaseModel) -> None:
    match result:
        case AgentChoices():
            out.line(result.message)
            for agent in result.agents:
                kind = ", ".join(str(v) for v in (agent.type, agent.focus, agent.language) if v)
                minutes = f", {agent.duration:g} min" if agent.duration else ""
                out.line(f"  {agent.name} ({kind}{minutes})  id {agent.id}")
        case InterviewInvite():
            out.line(result.message, style="bold")
            out.line(f"  InstaView interview {result.interview_id}")
            out.line(
                f"  sent: {', '.join(result.fields)}; deleted by InstaView on {result.gdpr_expiry}"
            )
        case InterviewPlan():
            for text in result.lines():
                out.line(text)
        case InterviewProgress():
            out.line(result.message, style="bold" if result.phase == "completed" else "")
            if result.scheduled_at:
                out.line(
                    f"  scheduled: {result.scheduled_at}; call attempts: {result.call_attempts}"
                )
            if result.analysis is not None:
                for text in analysis_lines(result.analysis, result.score):
                    out.line(f"  {text}")
            out.line(f"  InstaView interview {result.interview_id}")
        case _:
            raise TypeError(f"not an interview result: {type(result).__name__}")


#: How long `tt interview` waits for a sandbox (test) interview's analysis.
TEST_INTERVIEW_WAIT = 60.0


async def follow_test_interview(
    tk: Toolkit, invite: InterviewInvite, err: Console, *, give_up_after: float
) -> InterviewProgress:
    """A test interview (sandbox mode) ends in seconds, and its emulator only runs while a
    tt process does: stay until InstaView has analysed it, showing where it is. Reads only
    (`interview_status`); the alert itself is the tracker's, where alerts go."""
    with err.status("Waiting for InstaView's analysis…") as status:

        def show(progress: InterviewProgress) -> None:
            line = f"Interview: {progress.phase.replace('_', ' ')}"
            status.update(line)
            if not err.is_terminal:
                err.print(f"progress: {line}", markup=False)

        last, _ = await follow(
            lambda: interview_status(tk, invite.interview_id),
            lambda p: p.phase in ("completed", "failed", "expired"),
            give_up_after=give_up_after,
            interval=0.5,
            on_progress=show,
        )
    return last
