"""Moving a candidate through the pipeline: a write, so the stage is always named."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp_types import CallToolResult, ToolAnnotations
from pydantic import Field

from mcp_server import answers
from mcp_server.context import origin, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import StageMove
from mcp_server.tools.spec import JobCandidateId, ToolSpec, answer
from shared import actions

# A move changes one field and can be moved back: not destructive. Idempotent: moving a
# candidate to the stage they are in changes nothing (and says so).
MOVE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True)


async def move_candidate_stage(
    ctx: Context[Any, Any],
    job_candidate_id: JobCandidateId,
    stage: Annotated[
        str,
        Field(min_length=1, max_length=100, description="stage type, name or id (get_job)"),
    ],
) -> Annotated[CallToolResult, StageMove]:
    """Move a job candidate to a stage of their job's pipeline when the user asks. Name the
    stage; for "the next stage" take the order from get_job."""
    with tool_errors():
        moved = await actions.move_candidate(
            toolkit(ctx), job_candidate_id, stage, requested_by=origin(ctx)
        )
    return answer(answers.stage_move(moved))


TOOLS = (ToolSpec("move_candidate_stage", move_candidate_stage, annotations=MOVE, writes=True),)
