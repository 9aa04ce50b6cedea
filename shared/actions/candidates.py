"""One job candidate in full, and word search across candidates."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable

from shared.actions.convert import candidate_name, stage_names, to_detail, to_row
from shared.actions.errors import NotFound, translate
from shared.actions.jobs import LIST_JOBS_HINT, fetch_job
from shared.actions.models import CandidateDetail, Id, JobRef, SearchMatch, SearchResult
from shared.actions.stages import stage_labels
from shared.taptalent.models import Job, JobCandidate
from shared.toolkit import Toolkit

SEARCH_JOB_CONCURRENCY = 4
SCORE_SLACK = 0.5
_WORD = re.compile(r"[\w@.+#-]+")


async def fetch_job_candidate(tk: Toolkit, job_candidate_id: Id) -> JobCandidate:
    """One job candidate by id, with its stage and status.

    Bulk fetch documents no ``stageId`` or ``status``. When they are missing, the job's
    listing is asked for the candidates with this score (usually one page), which carries
    both.
    """
    with translate(f"job candidate {job_candidate_id}"):
        found = await tk.client.job_candidates.bulk_fetch([job_candidate_id])
        if not found:
            raise NotFound(
                f"Job candidate {job_candidate_id} was not found.",
                "Job candidate ids are shown by `top-candidates` and `search`.",
            )
        return await _with_stage(tk, found[0])


async def _with_stage(tk: Toolkit, jc: JobCandidate) -> JobCandidate:
    if jc.stage_id is not None or jc.job_id is None:
        return jc
    score = jc.profile_match_score
    # A narrow band, not the exact score: a shown score may be rounded from the stored one.
    # A candidate not scored yet can only be found by reading the whole job.
    low = None if score is None else max(0.0, score - SCORE_SLACK)
    high = None if score is None else min(100.0, score + SCORE_SLACK)
    async for same in tk.client.job_candidates.iter(jc.job_id, score_min=low, score_max=high):
        if str(same.id) == str(jc.id):
            return jc.model_copy(
                update={"stage_id": same.stage_id, "status": jc.status or same.status}
            )
    return jc


async def get_job_candidate(
    tk: Toolkit, job_candidate_id: Id, *, include_private: bool = False
) -> CandidateDetail:
    """Score, criteria breakdown, AI summary, stage and profile of one job candidate."""
    jc = await fetch_job_candidate(tk, job_candidate_id)
    job = await fetch_job(tk, jc.job_id) if jc.job_id is not None else None
    names = await stage_labels(tk, job, [jc.stage_id]) if job is not None else {}
    return to_detail(jc, job, include_private=include_private, names=names)


def _fields(jc: JobCandidate) -> dict[str, str]:
    c = jc.candidate
    if c is None:
        return {"name": candidate_name(jc).casefold()}
    return {
        "name": candidate_name(jc).casefold(),
        "email": (c.email or "").casefold(),
        "title": (c.current_job_title or "").casefold(),
        "company": (c.current_company or "").casefold(),
        "skills": " ".join(c.skills or []).casefold(),
    }


def match(jc: JobCandidate, words: Iterable[str]) -> list[str] | None:
    """The fields that the words were found in, when every word is found somewhere."""
    fields = _fields(jc)
    matched: list[str] = []
    for word in words:
        hits = [name for name, text in fields.items() if word in text]
        if not hits:
            return None
        matched.extend(h for h in hits if h not in matched)
    return matched


async def search_candidates(
    tk: Toolkit,
    text: str,
    *,
    job: Id | None = None,
    min_score: float | None = None,
    limit: int = 10,
) -> SearchResult:
    """Candidates whose name, email, title, company or skills contain every word of `text`.

    The score bound is applied by the API; the words are matched here, because the API
    documents no text filter. Without a job, every job is searched, a few at a time.
    """
    words = [w.casefold() for w in _WORD.findall(text)] or [text.casefold().strip()]
    if job is not None:
        jobs = [await fetch_job(tk, job)]
    else:
        with translate("the job list"):
            jobs = [j async for j in tk.client.jobs.iter(per_page=100)]
    gate = asyncio.Semaphore(SEARCH_JOB_CONCURRENCY)
    scanned = 0

    async def scan(one: Job) -> list[SearchMatch]:
        nonlocal scanned
        names = stage_names(one)
        found: list[SearchMatch] = []
        async with gate:
            with translate(f"job {one.id}", not_found_hint=LIST_JOBS_HINT):
                async for jc in tk.client.job_candidates.iter(
                    one.id, per_page=100, score_min=min_score
                ):
                    scanned += 1
                    fields = match(jc, words)
                    if fields is not None:
                        row = to_row(jc, names)
                        found.append(
                            SearchMatch(**row.model_dump(), job_title=one.title, matched=fields)
                        )
        return found

    results = [m for chunk in await asyncio.gather(*(scan(j) for j in jobs)) for m in chunk]
    results.sort(key=lambda m: (-len(m.matched), -(m.score or -1), str(m.job_candidate_id)))
    await _label_stages(tk, jobs, results[:limit])
    single = jobs[0] if job is not None else None
    return SearchResult(
        text=text,
        job=JobRef(id=single.id, title=single.title or "") if single else None,
        min_score=min_score,
        matches=results[:limit],
        scanned=scanned,
        total_matches=len(results),
    )


async def _label_stages(tk: Toolkit, jobs: list[Job], shown: list[SearchMatch]) -> None:
    """Name the stages of the rows shown, where the job's pipeline did not give ids."""
    by_id = {str(j.id): j for j in jobs}
    unlabelled = [m for m in shown if m.stage is None and m.stage_id is not None]
    for job_id in {str(m.job_id) for m in unlabelled}:
        rows = [m for m in unlabelled if str(m.job_id) == job_id]
        if job_id in by_id:
            names = await stage_labels(tk, by_id[job_id], (m.stage_id for m in rows))
            for row in rows:
                row.stage = names.get(str(row.stage_id))


__all__ = ["fetch_job_candidate", "get_job_candidate", "search_candidates"]
