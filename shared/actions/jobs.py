"""Jobs: list them (with a status filter the API lacks) and show one with its pipeline."""

from __future__ import annotations

from shared.actions.errors import translate
from shared.actions.models import AtsLink, CriterionInfo, Id, JobDetail, JobsPage, JobSummary
from shared.actions.stages import stages_with_ids
from shared.taptalent.models import Job
from shared.toolkit import Toolkit

JOBS_PER_PAGE = 10
LIST_JOBS_HINT = "Use `jobs` to see the job ids."


def summarize(job: Job) -> JobSummary:
    stages = job.pipeline_stage or []
    counts = [s.total_candidate for s in stages if s.total_candidate is not None]
    return JobSummary(
        id=job.id,
        title=job.title or f"Job {job.id}",
        status=job.status,
        location=", ".join(p for p in (job.city, job.state, job.country) if p),
        work_mode=job.work_mode,
        candidates=sum(counts) if counts else None,
    )


async def list_jobs(
    tk: Toolkit, *, status: str | None = None, page: int = 1, per_page: int = JOBS_PER_PAGE
) -> JobsPage:
    """One page of jobs, optionally only those with `status` (filtered here: the API can't)."""
    with translate("the job list"):
        if status is None:
            listing = await tk.client.jobs.list(page_number=page, per_page=per_page)
            total = listing.total_jobs
            jobs = [summarize(j) for j in listing.jobs]
            has_more = total is not None and page * per_page < total
            return JobsPage(jobs=jobs, page=page, per_page=per_page, total=total, has_more=has_more)
        wanted = status.upper()
        matching = [summarize(j) async for j in tk.client.jobs.iter(per_page=100)]
        matching = [j for j in matching if (j.status or "").upper() == wanted]
    start = (page - 1) * per_page
    return JobsPage(
        jobs=matching[start : start + per_page],
        page=page,
        per_page=per_page,
        total=len(matching),
        status=wanted,
        has_more=start + per_page < len(matching),
    )


async def fetch_job(tk: Toolkit, job: Id) -> Job:
    with translate(f"job {job}", not_found_hint=LIST_JOBS_HINT):
        return await tk.client.jobs.get(job)


def _salary(job: Job) -> str | None:
    if job.salary_range_from is None and job.salary_range_to is None:
        return None
    low, high = job.salary_range_from, job.salary_range_to
    span = f"{low:,}–{high:,}" if low is not None and high is not None else f"{low or high:,}"
    return f"{job.salary_currency or ''} {span}".strip()


async def get_job(tk: Toolkit, job: Id, *, include_private: bool = False) -> JobDetail:
    """A job's details: pipeline stages with ids and counts, and its criteria.

    Where the pipeline hides its stage ids (as TapTalent documents it), they are learned
    from the stages' candidates: a recruiter needs them to name a stage unambiguously.
    """
    found = await fetch_job(tk, job)
    criteria = [
        CriterionInfo(criterion=c.criterion, level=c.level or "") for c in found.criterion_details
    ]
    return JobDetail(
        **summarize(found).model_dump(),
        description=(found.description or "")[:2000],
        stages=await stages_with_ids(tk, found),
        criteria=criteria,
        rejected=found.rejected_candidate_count,
        salary=_salary(found) if include_private else None,
        ats=await _ats_link(tk, found.id),
    )


async def _ats_link(tk: Toolkit, job: Id) -> AtsLink | None:
    # Imported here: the ATS use cases build on this module.
    from shared.actions.ats.links import ats_link

    return await ats_link(tk, job)
