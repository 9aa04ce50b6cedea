"""The other systems: link a job (ATS, InstaView, Talynce), push candidates (to the ATS
through Kombo, or to Talynce), reject in the ATS.

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
from shared.actions import ats, linking, talynce
from shared.actions.ats.models import PushBatchResult, PushResult, ReasonsResult
from shared.store import Origin
from shared.toolkit import Toolkit

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


class OtherJob(Out):
    system: str
    id: str
    name: str | None = None
    note: str | None = None


class JobLinked(Out):
    linked: bool
    job_id: Id
    ats_job: AtsJob | None = None
    mirror: bool | None = None
    others: list[OtherJob] | None = Field(default=None, description="linked InstaView/Talynce")
    choices: list[AtsJob] | None = Field(default=None, description="open ATS jobs to pick")
    instaview_choices: list[AtsJob] | None = None
    message: str


class Pushed(Out):
    id: Id = Field(description="job candidate id")
    name: str
    changed: bool
    outcome: str | None = Field(default=None, description="Talynce: created|matched|masked|...")
    application_id: str | None = Field(default=None, description="in the ATS")
    talynce_id: str | None = Field(default=None, description="Talynce candidate id")
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
    instaview_job_id: Annotated[str | None, Field(max_length=100)] = None,
    talynce_job_id: Annotated[str | None, Field(max_length=100)] = None,
) -> Annotated[CallToolResult, JobLinked]:
    """Link a job to its job in the ATS, InstaView or Talynce. Without ids, lists matching
    ATS and InstaView jobs (Talynce lists none: ask the user for its id)."""
    with tool_errors():
        r = await linking.link_job(
            toolkit(ctx),
            job_id,
            ats=ats_job_id,
            instaview=instaview_job_id,
            talynce=talynce_job_id,
            mirror=mirror,
            requested_by=origin(ctx),
        )
    message = r.message if r.linked else "Pick one and call link_job again with its id."
    others = [
        OtherJob(system=o.system, id=o.id, name=o.name or None, note=o.note) for o in r.others
    ]
    return answer(
        JobLinked(
            linked=r.linked,
            job_id=r.job.id,
            ats_job=_job(r.ats_job, stages=True) if r.ats_job else None,
            mirror=r.mirror if r.linked and r.ats_job else None,
            others=others or None,
            choices=[_job_of(c.id, c.name) for c in r.choices] or None,
            instaview_choices=[_job_of(c.id, c.name) for c in r.other_choices] or None,
            message=message,
        )
    )


def _job_of(job_id: str, name: str) -> AtsJob:
    return AtsJob(id=job_id, name=name)


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
    to: Annotated[Literal["ats", "talynce"], Field()],
    job_candidate_id: Annotated[int | str | None, Field()] = None,
    top: Annotated[int | None, Field(ge=1, le=50)] = None,
    job_id: Annotated[int | str | None, Field()] = None,
) -> Annotated[CallToolResult, PushAnswer]:
    """Send a candidate, or a job's top n, to the linked ATS or Talynce job with score and
    summary. Talynce gets name, e-mail, phone, location, skills, company, title, CTC in LPA
    (INR per year only); masked candidates are reported, never revealed."""
    if (job_candidate_id is None) == (top is None) or (top is not None and job_id is None):
        raise ToolError("Give job_candidate_id, or top with job_id.")
    tk, who = toolkit(ctx), origin(ctx)
    if to == "talynce":
        return await _push_to_talynce(tk, who, job_candidate_id, top, job_id)
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


async def _push_to_talynce(
    tk: Toolkit, who: Origin, job_candidate_id: Id | None, top: int | None, job_id: Id | None
) -> CallToolResult:
    with tool_errors():
        if top is not None and job_id is not None:
            batch = await talynce.push_top_to_talynce(tk, job_id, top, requested_by=who)
            results, failed, message = batch.pushed, batch.failed, batch.message
        else:
            assert job_candidate_id is not None
            one = await talynce.push_to_talynce(tk, job_candidate_id, requested_by=who)
            results, failed, message = [one], [], one.message
    pushed = [
        Pushed(
            id=p.job_candidate_id,
            name=clean(p.name, 80) or f"Candidate {p.job_candidate_id}",
            changed=p.changed,
            outcome=p.outcome,
            talynce_id=p.talynce_candidate_id,
        )
        for p in results
    ]
    return answer(
        PushAnswer(
            pushed=pushed,
            failed=[f"{f.job_candidate_id}: {f.error}" for f in failed] or None,
            message=clean(message, 600) or "",
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
