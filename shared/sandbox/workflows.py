"""Work that happens after the answer: rescoring runs, resume batch parsing and scoring
(and, through `assessing`, assessment submissions)."""

from __future__ import annotations

import asyncio
import random

from shared.sandbox import catalog, serializer
from shared.sandbox.assessing import settle_due_invitations
from shared.sandbox.clock import iso, now_ms
from shared.sandbox.models import Batch, JobCandidate, Rescore, Stage
from shared.sandbox.people import make_candidate, pick_pattern
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company

NO_CREDITS = "Insufficient scoring credits"
UNPARSABLE = "The file could not be downloaded or is not a PDF, DOC or DOCX resume"


async def run_rescore(rt: Runtime, company: Company, rescore: Rescore) -> None:
    """Wait until the rescore is due, then complete it (and any other due one)."""
    due_ms = rescore.queued_ms + int(rt.config.rescore_delay * 1000)
    await asyncio.sleep(max(0.0, (due_ms - now_ms()) / 1000))
    async with rt.keeper.changing(rt):
        settle_due(rt)


def settle_due(rt: Runtime) -> bool:
    """Complete every queued rescore and resume batch whose time has come, oldest first;
    True if any.

    A persistent sandbox calls this whenever it looks at its world, so a rescore queued by a
    process that has since exited still completes on time for whoever asks next.
    """
    due = due_rescores(rt)
    for company, rescore in due:
        complete_rescore(rt, company, rescore)
    settled = bool(due)
    while batches := due_batches(rt):  # a batch may come due to parse and to score at once
        for company, batch in batches:
            settle_batch(rt, company, batch)
        settled = True
    submitted = settle_due_invitations(rt)
    return settled or submitted


def due_rescores(rt: Runtime) -> list[tuple[Company, Rescore]]:
    """Queued rescores whose time has come, oldest first."""
    deadline = now_ms() - int(rt.config.rescore_delay * 1000)
    due = [
        (company, rescore)
        for company in rt.world.companies
        for rescore in company.rescores.values()
        if rescore.status == "queued" and rescore.queued_ms <= deadline
    ]
    return sorted(due, key=lambda pair: pair[1].queued_ms)


def complete_rescore(rt: Runtime, company: Company, rescore: Rescore) -> None:
    """Score the queued candidates against the job's criteria as they are *now*."""
    job = company.jobs[rescore.job_id]
    requested = rescore.job_candidate_ids
    if requested and company.credits <= 0:
        rescore.status = "failed"
        rescore.total_failed = len(requested)
        rescore.errors = [{"reason": NO_CREDITS}]
    else:
        when = now_ms()
        scorer = company.scorer(job.criteria)
        for jc_id in requested:
            jc = company.job_candidates.get(jc_id)
            if jc is None or jc.job_id != job.id:
                rescore.errors.append(
                    {"reason": "Job candidate not found", "jobCandidateId": jc_id}
                )
                rescore.total_failed += 1
            elif company.credits <= 0:
                # Another run spent the credits since this one was queued.
                rescore.errors.append({"reason": NO_CREDITS, "jobCandidateId": jc_id})
                rescore.total_failed += 1
                rescore.capped_by_credits = True
            else:
                company.credits -= 1
                company.set_evaluation(jc, scorer.evaluate(jc.candidate), when)
                rescore.total_processed += 1
        rescore.status = "failed" if requested and not rescore.total_processed else "completed"
    rescore.completed_at = iso(now_ms())
    rt.emit(company, "job.candidates.rescored", serializer.rescore(rescore, False))


async def run_batch(rt: Runtime, company: Company, batch: Batch) -> None:
    """Parse the batch when it is due, then score its new candidates when that is due."""
    delay = rt.config.rescore_delay
    for due_ms in (batch.queued_ms + int(delay * 1000), None):
        if due_ms is None:  # scoring follows parsing
            due_ms = (batch.parsed_ms or now_ms()) + int(delay * 1000)
        await asyncio.sleep(max(0.0, (due_ms - now_ms()) / 1000))
        async with rt.keeper.changing(rt):
            settle_due(rt)


def batch_started(rt: Runtime, company: Company, batch: Batch) -> None:
    started = {"batchId": batch.id, "fileCount": len(batch.urls), "jobId": batch.job_id}
    rt.emit(company, "resume.bulk_upload_parse.started", started)


def due_batches(rt: Runtime) -> list[tuple[Company, Batch]]:
    """Batches whose parsing, or whose new candidates' scoring, is due; oldest first."""
    now, delay = now_ms(), int(rt.config.rescore_delay * 1000)

    def due(batch: Batch) -> bool:
        if batch.status == "PROCESSING":
            return batch.queued_ms + delay <= now
        return not batch.scored and batch.parsed_ms is not None and batch.parsed_ms + delay <= now

    found = [(c, b) for c in rt.world.companies for b in c.batches.values() if due(b)]
    return sorted(found, key=lambda pair: pair[1].queued_ms)


def settle_batch(rt: Runtime, company: Company, batch: Batch) -> None:
    if batch.status == "PROCESSING":
        parse_batch(rt, company, batch)
    else:
        score_batch(company, batch)


def parse_batch(rt: Runtime, company: Company, batch: Batch) -> None:
    """Parse a resume batch into candidates (and job candidates, not scored yet).

    A URL containing "fail" cannot be parsed: it counts in failedCount with its reason,
    and a batch where every URL fails ends FAILED with `resume.bulk_upload_parse.failed`.
    """
    rng = random.Random(f"{rt.config.seed}:batch:{batch.id}")
    job = company.jobs.get(batch.job_id) if batch.job_id is not None else None
    scorer = company.scorer(job.criteria if job else ())
    template = (job.template if job else None) or rng.choice(catalog.JOB_TEMPLATES)
    stage = _entry_stage(job.stages) if job else None
    for url in batch.urls:
        if "fail" in url.casefold():
            batch.failed_count += 1
            batch.errors.append({"url": url, "reason": UNPARSABLE})
            continue
        pattern = pick_pattern(rng, scorer.levels)
        candidate = make_candidate(rng, rt.ids, template, scorer.requirements, pattern)
        candidate.batch_id, candidate.resume_url = batch.id, url
        candidate.created_ms = now_ms()
        company.add_candidate(candidate)
        batch.candidate_ids.append(candidate.id)
        if job is not None and stage is not None:
            now = now_ms()
            jc = JobCandidate(
                rt.ids.take("job_candidate"),
                job.id,
                candidate,
                stage.id,
                "IN_PROGRESS",
                now,
                now,
                evaluation=None,
            )
            company.add_job_candidate(jc)
            batch.added.append(jc.id)
    succeeded = len(batch.candidate_ids)
    batch.status = "COMPLETED" if succeeded or not batch.urls else "FAILED"
    batch.parsed_ms = now_ms()
    batch.scored = not batch.added
    outcome: dict[str, object] = {
        "batchId": batch.id,
        "status": batch.status,
        "fileCount": len(batch.urls),
        "successCount": succeeded,
        "failedCount": batch.failed_count,
        "jobId": batch.job_id,
    }
    if batch.errors:  # **choice**: the documents show no failure fields
        outcome["errors"] = batch.errors[:50]
    event = "completed" if batch.status == "COMPLETED" else "failed"
    rt.emit(company, f"resume.bulk_upload_parse.{event}", outcome)


def score_batch(company: Company, batch: Batch) -> None:
    """Scoring follows parsing, as on TapTalent: the new job candidates get their scores
    against the job's criteria as they are now."""
    batch.scored = True
    job = company.jobs.get(batch.job_id) if batch.job_id is not None else None
    if job is None:
        return
    when = now_ms()
    scorer = company.scorer(job.criteria)
    for jc_id in batch.added:
        jc = company.job_candidates.get(jc_id)
        if jc is not None:
            company.set_evaluation(jc, scorer.evaluate(jc.candidate), when)


def _entry_stage(stages: list[Stage]) -> Stage | None:
    """Uploaded resumes land in APPLIED (or the first stage if the pipeline has none)."""
    return next((s for s in stages if s.type == "APPLIED"), stages[0] if stages else None)
