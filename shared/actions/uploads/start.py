"""Starting an upload: check every URL and the job, record the upload, send its batches.

The upload is recorded before anything is sent (every chunk `queued`), and each chunk as
`sending` before its request, so a crash mid-way leaves a trace: a chunk still `sending`
later is an unknown outcome, never sent again; one still `queued` was never sent. Each
answer is recorded as it comes.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from shared.actions.convert import job_ref
from shared.actions.errors import ActionError, NotAllowed, NotFound, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import Id
from shared.actions.uploads.models import Chunk, UploadPreview, UploadStarted
from shared.actions.uploads.urls import checked_urls, chunks, plural_urls
from shared.operations.payload import text_id
from shared.store import Origin
from shared.taptalent import errors as api
from shared.toolkit import Toolkit

KIND = "upload"
#: What tt sends TapTalent for an upload (recorded in the audit log).
FIELDS_SENT = ("jobId", "resumeURLs")


def subject_of(job_id: Id) -> str:
    return f"job:{job_id}"


async def upload_preview(tk: Toolkit, job: Id, urls: list[str]) -> UploadPreview:
    """What an upload would do (URLs, batches, which job), checking what it would check."""
    good = checked_urls(urls)
    found = await fetch_job(tk, job)
    return UploadPreview(job=job_ref(found), urls=len(good), batches=len(chunks(good)))


async def upload_resumes(
    tk: Toolkit,
    job: Id,
    urls: list[str],
    *,
    requested_by: Origin,
    followed_by: tuple[str, float] | None = None,
) -> UploadStarted:
    """Upload résumés by URL into a job: one TapTalent batch per 200 URLs, tracked as one
    upload whose report (parsed, failed, the new top 5) comes once, where it was asked.

    `followed_by` (owner, lease seconds): the caller follows the upload itself (the CLI)
    and holds its notice, so a service on the same database does not tell it again.
    """
    good = checked_urls(urls)
    found = await fetch_job(tk, job)
    parts = chunks(good)
    upload_id = f"upload_{found.id}_{uuid.uuid4().hex[:10]}"
    planned = [
        Chunk(number=n, urls=len(p), first_url=p[0], links=p) for n, p in enumerate(parts, 1)
    ]
    data = {
        "job_id": str(found.id),
        "job_title": found.title or f"Job {found.id}",
        "urls": len(good),
        "chunks": {str(c.number): c.model_dump(mode="json") for c in planned},
    }
    await tk.store.add_operation(
        KIND,
        upload_id,
        requested_by,
        subject=subject_of(found.id),
        data=data,
        notice_owner=followed_by,
    )
    sent, refusals = await _send_all(tk, found.id, upload_id, planned, parts)
    started = UploadStarted(
        upload_id=upload_id,
        job=job_ref(found),
        urls=len(good),
        chunks=sent,
        requested_by=requested_by,
        message="",
    )
    started.message = start_message(started)
    await _audit(tk, started)
    if all(c.state == "refused" for c in sent):
        # Nothing reached TapTalent: the person hears it now, so no alert follows.
        await tk.store.end_operation(KIND, upload_id, "failed", {"refused": True})
        await tk.store.finish_notice(KIND, upload_id, None)
        error = refusals[0] if refusals else ActionError("TapTalent refused the upload.")
        error.audited = True
        raise error
    return started


async def _send_all(
    tk: Toolkit, job_id: Id, upload_id: str, planned: list[Chunk], parts: list[list[str]]
) -> tuple[list[Chunk], list[ActionError]]:
    """Send the chunks in order, recording each answer as it comes; what each came to, and
    TapTalent's refusals."""
    sent: list[Chunk] = []
    refusals: list[ActionError] = []
    stop: ActionError | None = None
    for chunk, part in zip(planned, parts, strict=True):
        if stop is not None:
            done = chunk.model_copy(update={"state": "refused", "reason": f"not sent: {stop}"})
        else:
            sending = chunk.model_copy(update={"state": "sending"})
            path = ("chunks", str(chunk.number))
            await tk.store.set_operation_data(KIND, upload_id, path, sending.model_dump())
            done, refused = await _send(tk, job_id, chunk, part)
            refusals += [refused] if refused is not None else []
            # A bad chunk (400) leaves the others worth sending; a missing job or a refused
            # key refuses every chunk, so stop there.
            stop = refused if isinstance(refused, NotFound | NotAllowed) else None
        path = ("chunks", str(chunk.number))
        await tk.store.set_operation_data(KIND, upload_id, path, done.model_dump(mode="json"))
        sent.append(done)
    return sent, refusals


async def _send(
    tk: Toolkit, job_id: Id, chunk: Chunk, part: list[str]
) -> tuple[Chunk, ActionError | None]:
    """Send one chunk; its new state, and TapTalent's refusal when it refused it."""
    try:
        with translate(f"job {job_id}"):
            try:
                answer = await tk.client.job_candidates.bulk_upload_resumes(job_id, part)
            except api.APIResponseValidationError as exc:
                batch_id = _batch_id_in(exc)
                why = "TapTalent accepted it, but its answer was unreadable"
                if batch_id is not None:  # readable enough to follow
                    return chunk.model_copy(update={"state": "pending", "batch_id": batch_id}), None
                return chunk.model_copy(update={"state": "unknown", "reason": why}), None
            except (api.APIConnectionError, api.ServerError) as exc:
                why = f"no clear answer from TapTalent ({_short(exc)})"
                return chunk.model_copy(update={"state": "unknown", "reason": why}), None
    except ActionError as exc:
        return chunk.model_copy(update={"state": "refused", "reason": exc.message}), exc
    batch = text_id(answer.batch_id)
    return chunk.model_copy(update={"state": "pending", "batch_id": batch}), None


def _batch_id_in(exc: api.APIResponseValidationError) -> str | None:
    if exc.response is None:
        return None
    try:
        body: Any = json.loads(exc.response.content)
    except (ValueError, RecursionError):
        return None
    for holder in (body, body.get("data") if isinstance(body, dict) else None):
        if isinstance(holder, dict) and (found := text_id(holder.get("batchId"))):
            return found
    return None


def _short(exc: Exception) -> str:
    if isinstance(exc, api.ServerError):
        return f"it answered {exc.status_code}"
    if isinstance(exc, api.APITimeoutError):
        return "it did not answer in time"
    return "the connection failed mid-request"


async def _audit(tk: Toolkit, started: UploadStarted) -> None:
    origin = started.requested_by
    batches = started.count("pending")
    await tk.store.audit(
        actor=origin.user or origin.kind,
        surface=origin.kind,
        action="upload",
        target=subject_of(started.job.id),
        details={
            "upload_id": started.upload_id,
            "urls": started.urls,
            "batch_ids": started.batch_ids,
            "unknown_urls": started.count("unknown"),
            "refused_urls": started.count("refused"),
            "sent_to": "taptalent",
            "fields": list(FIELDS_SENT),
        },
        result="started" if batches or started.count("unknown") else "refused",
    )


#: Chunks with a problem that the start answer names one by one.
PROBLEMS_NAMED = 3


def start_message(s: UploadStarted) -> str:
    where = f"{s.job.title} (job {s.job.id})"
    batches = sum(1 for c in s.chunks if c.state == "pending")
    if batches:
        text = (
            f"Uploading {plural_urls(s.count('pending'))} to {where} in "
            f"{batches} batch{'es' if batches != 1 else ''}. A report follows when TapTalent "
            "has parsed them and scored the new candidates."
        )
    else:
        text = f"No batch is known to be parsing for {where}; a report follows all the same."
    problems = [c for c in s.chunks if c.state in ("unknown", "refused")]
    for c in problems[:PROBLEMS_NAMED]:
        reason = (c.reason or "no reason given").rstrip(".")
        if c.state == "unknown":
            text += (
                f" Batch {c.number} ({plural_urls(c.urls)}): {reason}. It may have been "
                "uploaded, so tt will not send it again: check the job before you do."
            )
        else:
            text += f" Batch {c.number} ({plural_urls(c.urls)}) was refused: {reason}."
    if len(problems) > PROBLEMS_NAMED:
        text += f" And {len(problems) - PROBLEMS_NAMED} more batches like these."
    return text
