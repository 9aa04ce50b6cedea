"""Candidates: the ranked top of a job, word search, and one candidate in full."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp_types import CallToolResult
from pydantic import Field

from mcp_server import answers
from mcp_server.context import include_private, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import CandidateCard, SearchResults, TopCandidates
from mcp_server.tools.spec import Detail, JobCandidateId, JobId, Stage, ToolSpec, answer
from shared import actions
from shared.actions.status import candidate_status

MinScore = Annotated[float | None, Field(ge=0, le=100, description="lowest score")]
Limit = Annotated[int, Field(ge=1, le=50)]
Offset = Annotated[int, Field(ge=0, le=10_000)]


async def top_candidates(
    ctx: Context[Any, Any],
    job_id: JobId,
    limit: Limit = 10,
    offset: Offset = 0,
    min_score: MinScore = None,
    stage: Stage | None = None,
    include_rejected: bool = False,
    detail: Detail = False,
) -> Annotated[CallToolResult, TopCandidates]:
    """A job's best candidates by AI score (exact ranking), with must-haves met and why.
    detail adds title, company, status, criteria met/missing, skills, summary."""
    with tool_errors():
        result = await actions.top_candidates(
            toolkit(ctx),
            job_id,
            limit=limit,
            offset=offset,
            min_score=min_score,
            stage=stage,
            include_rejected=include_rejected,
            full=detail,
        )
    return answer(answers.top_list(result, detail=detail))


async def search_candidates(
    ctx: Context[Any, Any],
    text: Annotated[str, Field(min_length=1, max_length=200, description="words, all must match")],
    job_id: JobId | None = None,
    min_score: MinScore = None,
    limit: Limit = 10,
    offset: Offset = 0,
) -> Annotated[CallToolResult, SearchResults]:
    """Find candidates by words in name, email, title, company or skills, in one job or all.
    To rank a job, use top_candidates."""
    with tool_errors():
        result = await actions.search_candidates(
            toolkit(ctx), text, job=job_id, min_score=min_score, limit=limit, offset=offset
        )
    return answer(answers.search_list(result))


async def get_job_candidate(
    ctx: Context[Any, Any], job_candidate_id: JobCandidateId, detail: Detail = False
) -> Annotated[CallToolResult, CandidateCard]:
    """One job candidate: score, criteria met, stage, AI summary, skills, other systems.
    detail adds evidence, history, breakdown."""
    tk = toolkit(ctx)
    with tool_errors():
        found = await actions.get_job_candidate(
            tk, job_candidate_id, include_private=include_private(ctx)
        )
        systems = await candidate_status(tk, job_candidate_id, detail=found)
    card = answers.candidate_card(found, detail=detail)
    card.systems = answers.system_lines(systems)
    return answer(card)


TOOLS = (
    ToolSpec("top_candidates", top_candidates),
    ToolSpec("search_candidates", search_candidates),
    ToolSpec("get_job_candidate", get_job_candidate),
)
