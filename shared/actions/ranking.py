"""Top candidates: the exact top N by score, without paging through the whole job.

The Partner API cannot sort by score, but it can filter by a score range and reports how
many candidates match. So a ranking costs three round trips at most:

1. in parallel: the job, the count of every candidate, and counts above a few score
   thresholds (pages of 10, only the totals are read);
2. only when the narrowest band holding the top N is still large: counts at finer
   thresholds inside that band, in parallel;
3. every page of that band, in parallel; sort it; cut N.

Everything scoring at or above the chosen threshold is fetched, so ties at the threshold
are never cut arbitrarily and the result equals sorting the whole job. Where the API gives
no totals, it falls back to paging through the job.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Iterable
from typing import Any

from shared.actions.coalesce import flights_of
from shared.actions.convert import job_ref, stage_names, to_detail, to_row
from shared.actions.errors import LIST_JOBS, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import CandidateRow, Id, StageInfo, Tie, TopCandidatesResult
from shared.actions.stages import all_stage_labels, stage_with_id
from shared.taptalent.models import Job, JobCandidate
from shared.toolkit import Toolkit

COARSE_THRESHOLDS = (95, 90, 85, 80, 70, 60, 50)
FINE_STEPS = 8
BAND_PAGE = 100
MAX_SCORE = 100.0
# Refining costs one more round trip; fetching a band costs one page per 100 candidates,
# all in parallel. Above this many, a refinement is cheaper than the extra pages.
REFINE_ABOVE = 3 * BAND_PAGE


def rank_key(jc: JobCandidate) -> tuple[float, int, int, str]:
    """Highest score first; ties broken by job candidate id so the order never wobbles."""
    ident = str(jc.id)
    numeric = ident.isdigit()
    return (
        -(jc.profile_match_score or 0.0),
        0 if numeric else 1,
        int(ident) if numeric else 0,
        ident,
    )


class _Ranker:
    """The requests of one ranking, with the filters that stay fixed across them."""

    def __init__(self, tk: Toolkit, job_id: Id, filters: dict[str, Any]) -> None:
        self.tk = tk
        self.job_id = job_id
        self.filters = filters
        self.skipped = 0

    async def count(self, score_min: float | None) -> int | None:
        page = await self.tk.client.job_candidates.list(
            self.job_id, page=1, per_page=10, score_min=score_min, **self.filters
        )
        return page.pagination.total_candidates if page.pagination else None

    async def counts(self, thresholds: Iterable[float]) -> dict[float, int | None]:
        wanted = sorted(set(thresholds), reverse=True)
        found = await asyncio.gather(*(self.count(t) for t in wanted))
        return dict(zip(wanted, found, strict=True))

    async def band(self, score_min: float, expected: int) -> list[JobCandidate]:
        pages = max(1, math.ceil(expected / BAND_PAGE))

        async def fetch(page: int) -> list[JobCandidate]:
            listing = await self.tk.client.job_candidates.list(
                self.job_id, page=page, per_page=BAND_PAGE, score_min=score_min, **self.filters
            )
            self.skipped += listing.skipped  # unreadable records: left out, and said so
            return listing.candidates

        chunks = await asyncio.gather(*(fetch(p) for p in range(1, pages + 1)))
        return _unique(c for chunk in chunks for c in chunk)

    async def everything(self, score_min: float | None) -> list[JobCandidate]:
        iterator: AsyncIterator[JobCandidate] = self.tk.client.job_candidates.iter(
            self.job_id, per_page=BAND_PAGE, score_min=score_min, **self.filters
        )
        return _unique([c async for c in iterator])


async def _known(job: Job) -> dict[str, str]:
    return stage_names(job)


def _unique(items: Iterable[JobCandidate]) -> list[JobCandidate]:
    seen: dict[str, JobCandidate] = {}
    for item in items:
        seen.setdefault(str(item.id), item)
    return list(seen.values())


def _rows(
    window: list[JobCandidate], job: Job, names: dict[str, str], offset: int, full: bool
) -> list[CandidateRow]:
    if not full:
        return [to_row(c, names, rank=offset + i + 1) for i, c in enumerate(window)]
    details = [to_detail(c, job, names=names) for c in window]
    return [d.model_copy(update={"rank": offset + i + 1}) for i, d in enumerate(details)]


def cut_tie(scored: list[JobCandidate], offset: int, limit: int) -> Tie | None:
    """The tie a window of the ranked, scored list cuts through, if any.

    `scored` must hold every candidate with a score at or above the window's lowest (the
    band always does), so the count is exact. The bottom edge matters most ("is the 5th
    really better than the 6th?"); a window starting inside a tie is reported too.
    """
    window = scored[offset : offset + limit]
    if not window:
        return None
    edges = [window[-1].profile_match_score]
    if offset > 0:
        edges.append(window[0].profile_match_score)
    for score in edges:
        if score is None:
            continue
        count = sum(1 for c in scored if c.profile_match_score == score)
        shown = sum(1 for c in window if c.profile_match_score == score)
        if count > shown:
            return Tie(score=score, count=count, shown=shown)
    return None


def _narrowest(counts: dict[float, int | None], need: int) -> tuple[float, float | None]:
    """The highest threshold whose band holds `need` candidates, and the one above it."""
    ordered = sorted(counts, reverse=True)
    above: float | None = None
    for threshold in ordered:
        found = counts[threshold]
        if found is not None and found >= need:
            return threshold, above
        above = threshold
    return ordered[-1], above


def _fine_thresholds(low: float, high: float) -> list[float]:
    step = (high - low) / FINE_STEPS
    return [round(low + step * i, 1) for i in range(1, FINE_STEPS)]


async def top_candidates(
    tk: Toolkit,
    job: Id,
    *,
    limit: int = 10,
    offset: int = 0,
    min_score: float | None = None,
    stage: str | None = None,
    include_rejected: bool = False,
    full: bool = False,
) -> TopCandidatesResult:
    """The exact top `limit` candidates of `job` by score (after `offset`), and how many
    candidates are not scored yet. `full` makes each row a `CandidateDetail` (criteria,
    summary, skills) from the same pages: no extra request.

    Identical rankings asked at the same time on the same client share one computation
    (`coalesce.py`); each caller gets its own copy of the answer."""
    key = ("top_candidates", str(job), limit, offset, min_score, stage, include_rejected, full)
    result: TopCandidatesResult = await flights_of(tk.client).run(
        key,
        lambda: _top_candidates(
            tk, job, limit, offset, min_score, stage, include_rejected=include_rejected, full=full
        ),
    )
    return result.model_copy(deep=True)


async def _top_candidates(
    tk: Toolkit,
    job: Id,
    limit: int,
    offset: int,
    min_score: float | None,
    stage: str | None,
    *,
    include_rejected: bool,
    full: bool,
) -> TopCandidatesResult:
    need = offset + limit
    floor = float(min_score) if min_score is not None else 0.0
    filters: dict[str, Any] = {"exclude_rejected": None if include_rejected else True}

    stage_info: StageInfo | None = None
    found_job: Job
    if stage is not None:
        # The stage must be resolved against the pipeline before any count can use it.
        found_job = await fetch_job(tk, job)
        # One stage, by id: never every stage of its type, never the whole job.
        stage_info = await stage_with_id(tk, found_job, stage)
        filters["stage_id"] = stage_info.id
    ranker = _Ranker(tk, job, filters)
    # 0 is always probed: everyone minus those scoring >= 0 is the number not scored yet.
    thresholds = {0.0, floor, *(float(t) for t in COARSE_THRESHOLDS if t > floor)}

    labels: asyncio.Future[dict[str, str]] | None = None
    try:
        with translate(f"job {job}", not_found_step=LIST_JOBS):
            probes = asyncio.gather(ranker.count(None), ranker.counts(thresholds))
            if stage is None:
                found_job, (everyone, counts) = await asyncio.gather(fetch_job(tk, job), probes)
            else:
                everyone, counts = await probes
            # Learning the stage ids a pipeline hides (to name the rows' stages) runs beside
            # the fetching of the band, not after it: no extra round trip.
            labels = asyncio.ensure_future(
                all_stage_labels(tk, found_job) if stage_info is None else _known(found_job)
            )
            if everyone is None or any(v is None for v in counts.values()):
                ranked = sorted(await ranker.everything(min_score), key=rank_key)
                scored: int | None = len([c for c in ranked if c.profile_match_score is not None])
                unscored: int | None = None
            else:
                scored, unscored = counts[floor], everyone - (counts[0.0] or 0)
                in_range = {t: n for t, n in counts.items() if t >= floor}
                threshold, above = _narrowest(in_range, need)
                expected = in_range[threshold] or 0
                # The top band has no threshold above it, but scores stop at 100.
                ceiling = above if above is not None else MAX_SCORE
                if expected > REFINE_ABOVE and ceiling > threshold:
                    fine = await ranker.counts(_fine_thresholds(threshold, ceiling))
                    fine[threshold] = expected
                    threshold, _ = _narrowest(fine, need)
                    expected = fine[threshold] or 0
                ranked = sorted(await ranker.band(threshold, expected), key=rank_key)
    except BaseException:
        if labels is not None:
            labels.cancel()
        raise
    names = await labels
    if stage_info is not None and stage_info.id is not None:
        names.setdefault(str(stage_info.id), stage_info.name)
    with_score = [c for c in ranked if c.profile_match_score is not None]
    window = with_score[offset:need]
    rows = _rows(window, found_job, names, offset, full)
    return TopCandidatesResult(
        job=job_ref(found_job),
        candidates=rows,
        offset=offset,
        limit=limit,
        total_scored=scored,
        unscored=unscored,
        min_score=min_score,
        stage=stage_info,
        include_rejected=include_rejected,
        has_more=scored is not None and need < scored,
        skipped=ranker.skipped,
        tie=cut_tie(with_score, offset, limit),
    )
