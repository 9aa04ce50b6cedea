"""An upload's report: parsed and failed counts, what went wrong with which batch, and
the job's top 5 afterwards with the newcomers marked. Told once, as a notice."""

from __future__ import annotations

from shared.actions.errors import ActionError
from shared.actions.models import JobRef
from shared.actions.presentation import plural, score_text
from shared.actions.ranking import top_candidates
from shared.actions.uploads.models import Chunk, NewcomerRow, UploadReport
from shared.actions.uploads.progress import NO_REASON, chunks_of
from shared.actions.uploads.urls import plural_urls, show
from shared.notify import OperationNotice
from shared.store.operations import Operation
from shared.toolkit import Toolkit

TOP = 5
#: Batches with something to say, listed one by one, each line at most LINE_MAX characters
#: (a Slack section holds 3,000; the counts and the top 5 must fit beside them).
PROBLEMS_LISTED = 5
LINE_MAX = 260
NEW_MARK = "★ new"


async def upload_report(tk: Toolkit, operation: Operation) -> UploadReport:
    chunks = chunks_of(operation)
    result = operation.result or {}
    newcomers = {str(i) for i in result.get("newcomers") or []}
    job = JobRef(
        id=operation.data.get("job_id") or operation.subject.removeprefix("job:"),
        title=str(operation.data.get("job_title") or operation.subject),
    )
    parsed = sum(c.parsed or 0 for c in chunks)
    top: list[NewcomerRow] = []
    if parsed:
        try:
            ranked = await top_candidates(tk, job.id, limit=TOP)
        except ActionError:
            ranked = None  # the counts still go out; the list is said to be missing
        for row in ranked.candidates if ranked else []:
            top.append(
                NewcomerRow(
                    rank=row.rank or len(top) + 1,
                    job_candidate_id=row.job_candidate_id,
                    name=row.name,
                    score=row.score,
                    new=str(row.job_candidate_id) in newcomers,
                )
            )
    return UploadReport(
        upload_id=operation.id,
        job=job,
        origin=operation.origin,
        urls=int(operation.data.get("urls") or sum(c.urls for c in chunks)),
        parsed=parsed,
        failed=sum(c.failed if c.failed is not None else 0 for c in chunks),
        chunks=chunks,
        top=top,
        unscored=int(result.get("unscored") or 0),
        best_new=result.get("best_new"),
        expired=operation.state == "expired",
    )


def report_lines(report: UploadReport) -> tuple[str, list[str]]:
    """(title, lines) in plain text; whoever renders them escapes them."""
    where = f"{report.job.title} (job {report.job.id})"
    title = f"Upload to {where}: {plural(report.parsed, 'résumé')} parsed, {report.failed:,} failed"
    if report.expired:
        title += " — stopped waiting (the upload expired)"
    problems = [
        _cut(line, LINE_MAX) for c in report.chunks if (line := _chunk_line(c, report.expired))
    ]
    lines = problems[:PROBLEMS_LISTED]
    if len(problems) > PROBLEMS_LISTED:
        lines.append(f"… and {len(problems) - PROBLEMS_LISTED} more batches like these.")
    if report.unscored:
        lines.append(
            f"{plural(report.unscored, 'new candidate')} not scored yet; "
            "the top 5 below is as it stood."
        )
    if report.top:
        lines.append(
            f"Top {len(report.top)} of the job now ({NEW_MARK} = arrived with this upload):"
        )
        lines += [
            f"{r.rank}. {r.name} — {score_text(r.score)}" + (f" {NEW_MARK}" if r.new else "")
            for r in report.top
        ]
        if not any(r.new for r in report.top) and report.best_new is not None:
            lines.append(
                f"No new candidate made the top {len(report.top)}; the best of them scored "
                f"{score_text(report.best_new)}."
            )
    elif report.parsed:
        lines.append("The job's top 5 could not be read; see it with top-candidates.")
    return title, lines


def _chunk_line(c: Chunk, expired: bool) -> str | None:
    name = f"Batch {c.number} ({plural_urls(c.urls)}, from {show(c.first_url, 60)})"
    if c.state == "unknown":
        return (
            f"{name}: outcome unknown, {c.reason}. It may have been uploaded, so tt did not "
            "send it again: check the job before you do."
        )
    if c.state == "refused":
        return f"{name} was refused: {c.reason}"
    if c.state == "not_sent":
        return f"{name} was not sent ({c.reason}): send these links again."
    if c.state == "failed":
        return f"{name} failed: {c.reason or NO_REASON}."
    if c.state == "completed" and c.failed:
        return f"{name}: {c.failed:,} could not be parsed: {c.reason or NO_REASON}."
    if not c.ended and expired:
        return f"{name}: no end was heard before the upload expired."
    return None


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def upload_notice(report: UploadReport) -> OperationNotice:
    title, lines = report_lines(report)
    return OperationNotice(
        kind="upload", operation_id=report.upload_id, origin=report.origin, title=title, lines=lines
    )
