"""Jobs: find a job id, then see its pipeline and criteria."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from mcp_types import CallToolResult
from pydantic import BeforeValidator, Field

from mcp_server import answers
from mcp_server.context import include_private, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import JobCard, JobList
from mcp_server.tools.spec import Detail, JobId, ToolSpec, answer
from shared import actions

JobStatus = Annotated[
    Literal["DRAFT", "ACTIVE", "CLOSED", "ARCHIVED"],
    BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v),
]


async def list_jobs(
    ctx: Context[Any, Any],
    title: Annotated[str, Field(max_length=100, description="words the title holds")] = "",
    status: JobStatus | None = None,
    page: Annotated[int, Field(ge=1, le=1000)] = 1,
    per_page: Literal[10, 20, 40, 80, 100] = 10,
) -> Annotated[CallToolResult, JobList]:
    """Jobs a page at a time (id, title, status, location, candidates); title filters by
    words. Start here for a job id."""
    with tool_errors():
        page_ = await actions.list_jobs(
            toolkit(ctx), status=status, title=title or None, page=page, per_page=per_page
        )
    return answer(answers.job_list(page_))


async def get_job(
    ctx: Context[Any, Any], job_id: JobId, detail: Detail = False
) -> Annotated[CallToolResult, JobCard]:
    """A job's pipeline stages in order (ids, counts) and scoring criteria; use it to find
    the next stage before a move. detail adds the description."""
    tk = toolkit(ctx)
    with tool_errors():
        job = await actions.get_job(tk, job_id, include_private=include_private(ctx))
    return answer(answers.job_card(job, detail=detail))


TOOLS = (
    ToolSpec("list_jobs", list_jobs),
    ToolSpec("get_job", get_job),
)
