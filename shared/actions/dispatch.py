"""Run a parsed `/tt` command: the one mapping from the grammar to the use cases.

Slack and the CLI both call `execute`, so the same words give the same answer everywhere.
"""

from __future__ import annotations

from pydantic import BaseModel

from shared import commands as cmd
from shared.actions.assessments import (
    NEW,
    get_assessment,
    invite_to_assessment,
    list_assessments,
)
from shared.actions.ats import push_candidate, push_top, reject_in_ats
from shared.actions.candidates import search_candidates
from shared.actions.interviews import interview_status, invite_to_interview
from shared.actions.jobs import get_job, list_jobs
from shared.actions.linking import link_job as link_systems
from shared.actions.moves import move_candidate
from shared.actions.ranking import top_candidates
from shared.actions.rescoring import rescore, rescore_status
from shared.actions.status import candidate_status
from shared.actions.talynce import push_to_talynce, push_top_to_talynce
from shared.actions.uploads import upload_resumes
from shared.store import Origin
from shared.toolkit import Toolkit

#: How long one command may keep retrying what TapTalent may safely be asked again (429s,
#: 5xx to reads, refused connections). Long enough to ride out a bad minute; short enough
#: that a recruiter hears back while they still care. (**choice**)
COMMAND_BUDGET_SECONDS = 120.0


class HelpResult(BaseModel):
    topic: str | None = None
    text: str


async def execute(
    tk: Toolkit,
    command: BaseModel,
    origin: Origin,
    *,
    include_private: bool = False,
    prog: str = "/tt",
    followed_by: tuple[str, float] | None = None,
) -> BaseModel:
    """The typed result of one command; raises `ActionError` with a sentence to show.

    `followed_by` (owner, lease seconds): the caller follows a rescore or an upload it
    starts to the end and tells its user itself (see `shared.actions.follow`).
    """
    with tk.client.time_budget(COMMAND_BUDGET_SECONDS):
        return await _run(
            tk,
            command,
            origin,
            include_private=include_private,
            prog=prog,
            followed_by=followed_by,
        )


async def _run(
    tk: Toolkit,
    command: BaseModel,
    origin: Origin,
    *,
    include_private: bool,
    prog: str,
    followed_by: tuple[str, float] | None,
) -> BaseModel:
    match command:
        case cmd.Help(topic=topic):
            return HelpResult(topic=topic, text=cmd.help_text(topic, prog=prog))
        case cmd.ListJobs(status=status, page=page):
            return await list_jobs(tk, status=status, page=page)
        case cmd.ShowJob(job=job):
            return await get_job(tk, job, include_private=include_private)
        case cmd.TopCandidates():
            return await top_candidates(
                tk,
                command.job,
                limit=command.limit,
                min_score=command.min_score,
                stage=command.stage,
                include_rejected=command.include_rejected,
            )
        case cmd.Search():
            return await search_candidates(
                tk,
                command.text,
                job=command.job,
                min_score=command.min_score,
                limit=command.limit,
            )
        case cmd.Rescore():
            return await rescore(
                tk,
                command.job,
                requested_by=origin,
                stage=command.stage,
                job_candidate_ids=list(command.candidates) if command.candidates else None,
                followed_by=followed_by,
            )
        case cmd.RescoreStatus(rescore_id=rescore_id):
            return await rescore_status(tk, rescore_id)
        case cmd.Move():
            return await move_candidate(
                tk, command.job_candidate, command.stage, requested_by=origin
            )
        case cmd.Link():
            return await link_systems(
                tk,
                command.job,
                ats=command.ats,
                instaview=command.instaview,
                talynce=command.talynce,
                mirror=command.mirror,
                requested_by=origin,
            )
        case cmd.Push(top=int(top), job=job, to="talynce") if job is not None:
            return await push_top_to_talynce(tk, job, top, requested_by=origin)
        case cmd.Push(job_candidate=jc, to="talynce") if jc is not None:
            return await push_to_talynce(tk, jc, requested_by=origin)
        case cmd.Status(job_candidate=jc):
            return await candidate_status(tk, jc)
        case cmd.Push(top=int(top), job=job) if job is not None:
            return await push_top(tk, job, top, requested_by=origin)
        case cmd.Push(job_candidate=jc) if jc is not None:
            return await push_candidate(tk, jc, requested_by=origin)
        case cmd.Reject():
            return await reject_in_ats(
                tk,
                command.job_candidate,
                command.reason,
                note=command.note,
                requested_by=origin,
            )
        case cmd.Upload():
            return await upload_resumes(
                tk, command.job, list(command.urls), requested_by=origin, followed_by=followed_by
            )
        case cmd.ListAssessments(job=job):
            return await list_assessments(tk, job)
        case cmd.ShowAssessment(assessment=assessment):
            return await get_assessment(tk, assessment)
        case cmd.Assess(job_candidate=jc, assessment=assessment):
            generate = assessment is not None and assessment.casefold() == NEW
            return await invite_to_assessment(
                tk, jc, assessment, generate=generate, requested_by=origin
            )
        case cmd.Interview():
            return await invite_to_interview(
                tk,
                command.job_candidate,
                command.agent,
                command.at,
                requested_by=origin,
                include_private=include_private,
            )
        case cmd.InterviewStatus(id=ident):
            return await interview_status(tk, ident)
    raise TypeError(f"no use case for {type(command).__name__}")
