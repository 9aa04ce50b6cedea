"""Rescoring: start one (a write that spends credits), then follow it to what changed."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, ToolAnnotations
from pydantic import Field

from mcp_server import answers
from mcp_server.arguments import MAX_WAIT_SECONDS
from mcp_server.context import origin, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import RescoreProgress, RescoreStarted
from mcp_server.tools.spec import JobCandidateIds, JobId, Stage, ToolSpec, answer
from shared import actions
from shared.actions.models import RescoreStatusResult

#: How often a waiting `get_rescore_status` asks TapTalent again.
POLL_SECONDS = 1.0
#: The longest wait a call may ask for, and the most any call takes to answer: inside the
#: 60 s request timeout of TypeScript-SDK clients, with room for TapTalent's last answer.
ANSWER_WITHIN_SECONDS = 44.0

# Not read-only; destructive because new scores replace the old ones and credits are spent
# for good; not idempotent because every call queues (and pays for) another rescore.
# Closed world: only the operator's TapTalent company (see tools/spec.py).
RESCORE = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False
)


async def rescore_candidates(
    ctx: Context[Any, Any],
    job_id: JobId,
    stage: Stage | None = None,
    job_candidate_ids: JobCandidateIds | None = None,
) -> Annotated[CallToolResult, RescoreStarted]:
    """Rescore a job's candidates (all, a stage, or some ids) after its criteria changed;
    spends a credit each, so only when the user asks. Returns rescore ids at once; follow
    with get_rescore_status."""
    with tool_errors():
        started = await actions.rescore(
            toolkit(ctx),
            job_id,
            requested_by=origin(ctx),
            stage=stage,
            job_candidate_ids=list(job_candidate_ids) if job_candidate_ids else None,
        )
    return answer(answers.rescore_started(started))


async def _report(ctx: Context[Any, Any], status: RescoreStatusResult) -> None:
    done, total = status.total_processed or 0, status.total_requested
    await ctx.report_progress(done, total, f"{status.status}: {done} of {total or '?'} rescored")


async def get_rescore_status(
    ctx: Context[Any, Any],
    rescore_id: Annotated[str, Field(min_length=1, max_length=100)],
    wait_seconds: Annotated[
        float, Field(ge=0, le=MAX_WAIT_SECONDS, description="wait for completion")
    ] = 0,
) -> Annotated[CallToolResult, RescoreProgress]:
    """A rescore's progress; once completed, the scores that moved and the new top 5.
    wait_seconds waits for completion, with progress notifications."""
    tk = toolkit(ctx)
    try:
        async with asyncio.timeout(ANSWER_WITHIN_SECONDS):
            with tool_errors():
                if wait_seconds:
                    status = await actions.follow_rescore(
                        tk,
                        rescore_id,
                        give_up_after=wait_seconds,
                        interval=POLL_SECONDS,
                        on_progress=lambda s: _report(ctx, s),
                    )
                else:
                    status = await actions.rescore_status(tk, rescore_id)
    except TimeoutError:
        raise ToolError(
            f"TapTalent did not answer within {ANSWER_WITHIN_SECONDS:g} s; nothing changed. "
            "Call get_rescore_status again in a minute."
        ) from None
    return answer(answers.rescore_progress(status))


TOOLS = (
    ToolSpec("rescore_candidates", rescore_candidates, annotations=RESCORE, writes=True),
    ToolSpec("get_rescore_status", get_rescore_status),
)
