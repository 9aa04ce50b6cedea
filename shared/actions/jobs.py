"""Jobs: list them (with status and title filters the API lacks) and show one with its
pipeline."""

from __future__ import annotations

from shared.actions.errors import LIST_JOBS, translate
from shared.actions.models import (
    AtsLink,
    CriterionInfo,
    Id,
    JobDetail,
    JobsPage,
    JobSummary,
    RemoteJob,
)
from shared.actions.stages import stages_with_ids
from shared.taptalent.models import Job
from shared.toolkit import Toolkit

JOBS_PER_PAGE = 10


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


def _title_matches(job: JobSummary, words: list[str]) -> bool:
    title = job.title.casefold()
    return all(word in title for word in words)


async def list_jobs(
    tk: Toolkit,
    *,
    status: str | None = None,
    title: str | None = None,
    page: int = 1,
    per_page: int = JOBS_PER_PAGE,
) -> JobsPage:
    """One page of jobs, optionally only those with `status` and whose title holds every
    word of `title` (both filtered here: the API can't)."""
    words = (title or "").casefold().split()
    with translate("the job list"):
        if status is None and not words:
            listing = await tk.client.jobs.list(page_number=page, per_page=per_page)
            total = listing.total_jobs
            jobs = [summarize(j) for j in listing.jobs]
            has_more = total is not None and page * per_page < total
            return JobsPage(jobs=jobs, page=page, per_page=per_page, total=total, has_more=has_more)
        wanted = status.upper() if status else None
        matching = [summarize(j) async for j in tk.client.jobs.iter(per_page=100)]
        matching = [
            j
            for j in matching
            if (wanted is None or (j.status or "").upper() == wanted) and _title_matches(j, words)
        ]
    start = (page - 1) * per_page
    return JobsPage(
        jobs=matching[start : start + per_page],
        page=page,
        per_page=per_page,
        total=len(matching),
        status=wanted,
        title=" ".join(words) or None,
        has_more=start + per_page < len(matching),
    )


async def fetch_job(tk: Toolkit, job: Id) -> Job:
    with translate(f"job {job}", not_found_step=LIST_JOBS):
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
        links=await _other_links(tk, found.id),
    )


async def _ats_link(tk: Toolkit, job: Id) -> AtsLink | None:
    # Imported here: the ATS use cases build on this module.
    from shared.actions.ats.links import ats_link

    return await ats_link(tk, job)


async def _other_links(tk: Toolkit, job: Id) -> list[RemoteJob]:
    # Imported here: the linking use cases build on this module.
    from shared.actions.linking import linked_systems

    return await linked_systems(tk, job)
