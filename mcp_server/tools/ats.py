"""The customer's ATS, through Kombo: link a job, push candidates, reject in the ATS.

Each reaches a system outside TapTalent (open world). Pushing and rejecting again change
nothing (idempotent). A rejection cannot be taken back from here, so it is destructive.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, ToolAnnotations
from pydantic import Field

from mcp_server.answers import clean
from mcp_server.context import origin, toolkit
from mcp_server.errors import tool_errors
from mcp_server.models import CANDIDATE_TEXT_NOTE, Id, Out
from mcp_server.tools.spec import JobCandidateId, JobId, ToolSpec, answer
from shared.actions import ats
from shared.actions.ats.models import PushBatchResult, PushResult, ReasonsResult

LINK = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=True
)
PUSH = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=True
)
REJECT = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=True
)


class AtsJob(Out):
    id: str
    name: str
    stages: list[str] | None = None


class JobLinked(Out):
    linked: bool
    job_id: Id
    ats_job: AtsJob | None = None
    mirror: bool | None = None
    choices: list[AtsJob] | None = Field(default=None, description="open ATS jobs to pick")
    message: str


class Pushed(Out):
    id: Id = Field(description="job candidate id")
    name: str
    changed: bool
    application_id: str
    url: str | None = Field(default=None, description="the application in the ATS")
    warnings: list[str] | None = None


class PushAnswer(Out):
    pushed: list[Pushed]
    failed: list[str] | None = None
    message: str
    note: str = CANDIDATE_TEXT_NOTE


class Rejected(Out):
    rejected: bool | None = None
    reasons: list[str] | None = Field(default=None, description="pick one; words suffice")
    reason: str | None = None
    url: str | None = None
    message: str


def _job(info: ats.models.AtsJobInfo, stages: bool = False) -> AtsJob:
    return AtsJob(
        id=info.id, name=info.name, stages=[s.name for s in info.stages] if stages else None
    )


async def link_job(
    ctx: Context[Any, Any],
    job_id: JobId,
    ats_job_id: Annotated[str | None, Field(max_length=100)] = None,
    mirror: Annotated[bool, Field(description="mirror moves")] = False,
) -> Annotated[CallToolResult, JobLinked]:
    """Link a job to a job in the customer's ATS. Without ats_job_id, lists matching ones."""
    with tool_errors():
        r = await ats.link_job(
            toolkit(ctx), job_id, ats_job_id, mirror=mirror, requested_by=origin(ctx)
        )
    message = r.message if r.linked else "Pick one and call link_job again with its ats_job_id."
    return answer(
        JobLinked(
            linked=r.linked,
            job_id=r.job.id,
            ats_job=_job(r.ats_job, stages=True) if r.ats_job else None,
            mirror=r.mirror if r.linked else None,
            choices=[_job(c) for c in r.choices] or None,
            message=message,
        )
    )


def _pushed(p: PushResult) -> Pushed:
    return Pushed(
        id=p.job_candidate_id,
        name=clean(p.name, 80) or f"Candidate {p.job_candidate_id}",
        changed=p.changed,
        application_id=p.application_id,
        url=p.remote_url,
        warnings=p.warnings or None,
    )


async def push_candidate(
    ctx: Context[Any, Any],
    to: Annotated[Literal["ats"], Field()],
    job_candidate_id: Annotated[int | str | None, Field()] = None,
    top: Annotated[int | None, Field(ge=1, le=50)] = None,
    job_id: Annotated[int | str | None, Field()] = None,
) -> Annotated[CallToolResult, PushAnswer]:
    """Send a candidate, or a job's top n, to the linked ATS job with score and summary."""
    if (job_candidate_id is None) == (top is None) or (top is not None and job_id is None):
        raise ToolError("Give job_candidate_id, or top with job_id.")
    tk, who = toolkit(ctx), origin(ctx)
    with tool_errors():
        if top is not None and job_id is not None:
            batch: PushBatchResult = await ats.push_top(tk, job_id, top, requested_by=who)
            results, failed, message = batch.pushed, batch.failed, batch.message
        else:
            assert job_candidate_id is not None
            one = await ats.push_candidate(tk, job_candidate_id, requested_by=who)
            results, failed, message = [one], [], one.message
    return answer(
        PushAnswer(
            pushed=[_pushed(p) for p in results],
            failed=[f"{f.job_candidate_id}: {f.error}" for f in failed] or None,
            message=clean(message, 300) or "",
        )
    )


async def reject_in_ats(
    ctx: Context[Any, Any],
    job_candidate_id: JobCandidateId,
    reason: Annotated[str | None, Field(max_length=200)] = None,
    note: Annotated[str | None, Field(max_length=500)] = None,
) -> Annotated[CallToolResult, Rejected]:
    """Reject a pushed candidate in the ATS. Without reason, lists the ATS's reasons."""
    with tool_errors():
        r = await ats.reject_in_ats(
            toolkit(ctx), job_candidate_id, reason, note=note, requested_by=origin(ctx)
        )
    if isinstance(r, ReasonsResult):
        return answer(Rejected(reasons=r.reasons, message="Call again with one of these."))
    return answer(
        Rejected(rejected=r.rejected, reason=r.reason, url=r.remote_url, message=r.message)
    )


TOOLS = (
    ToolSpec("link_job", link_job, annotations=LINK, writes=True),
    ToolSpec("push_candidate", push_candidate, annotations=PUSH, writes=True),
    ToolSpec("reject_in_ats", reject_in_ats, annotations=REJECT, writes=True),
)
