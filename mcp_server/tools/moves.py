"""Moving a candidate through the pipeline: a write, so the stage is always named."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp_types import CallToolResult, ToolAnnotations

from mcp_server import answers
from mcp_server.context import origin, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import StageMove
from mcp_server.tools.spec import JobCandidateId, Stage, ToolSpec, answer
from shared import actions

# Destructive in the spec's sense: a move can reach Hired, Offer or Rejected, which set
# off what TapTalent and the recruiting team do next; moving back does not undo that.
# Idempotent: moving a candidate to the stage they are in changes nothing (and says so).
# Closed world: only the operator's TapTalent company (see tools/spec.py).
MOVE = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False
)


async def move_candidate_stage(
    ctx: Context[Any, Any], job_candidate_id: JobCandidateId, stage: Stage
) -> Annotated[CallToolResult, StageMove]:
    """Move a job candidate to a stage of their job's pipeline when the user asks; for
    "the next stage" take get_job's order."""
    with tool_errors():
        moved = await actions.move_candidate(
            toolkit(ctx), job_candidate_id, stage, requested_by=origin(ctx)
        )
    return answer(answers.stage_move(moved))


TOOLS = (ToolSpec("move_candidate_stage", move_candidate_stage, annotations=MOVE, writes=True),)
