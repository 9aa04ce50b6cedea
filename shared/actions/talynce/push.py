"""Push a job candidate to the linked Talynce job: create or match, apply, note the score.

One ``POST /candidates`` carries the profile and the application (Talynce creates the
candidate, 201, or matches the one with the same e-mail, 200, and applies them either
way). The seed returns ``applications[]`` only from ``GET /candidates/{id}``, so when the
POST's answer does not show the application, tt reads the candidate back, and applies
with a ``PUT`` only if it is still missing.

The store records the push before it leaves and how it ended: pushing again says what
happened the first time and sends nothing. When Talynce did not answer, the outcome is
unknown: the next push looks the candidate up in Talynce first and sends only if they
are not there (never blindly).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, NoReturn

from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref
from shared.actions.errors import ActionError, InvalidInput, Unavailable
from shared.actions.jobs import fetch_job
from shared.actions.locks import keyed_lock
from shared.actions.models import CandidateRow, Id, JobRef
from shared.actions.ranking import top_candidates
from shared.actions.remote import translate_remote
from shared.actions.talynce.application import with_ctc
from shared.actions.talynce.common import require_talynce, talynce_job
from shared.actions.talynce.models import (
    TalynceBatchResult,
    TalynceFailure,
    TalyncePushResult,
)
from shared.actions.talynce.words import Sent, batch_message
from shared.apiclient.errors import BadResponse, ClientError, ConnectionFailed, StatusError
from shared.connectors_setup import Talynce
from shared.store import Origin
from shared.store.links import SystemLink
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.handoff import Outbound
    from shared.talynce.models import Candidate

#: Seconds a push holds its lease in the store (longer than a push can take).
PUSH_LEASE = 120.0
#: Candidates pushed at once by `push top:N … to:talynce` (the client paces its calls).
PUSH_CONCURRENCY = 5


async def push_to_talynce(
    tk: Toolkit,
    job_candidate_id: Id,
    *,
    requested_by: Origin,
    jc: JobCandidate | None = None,
    job: JobRef | None = None,
) -> TalyncePushResult:
    """Push one job candidate to their job's linked Talynce job (says what it did)."""
    talynce = require_talynce(tk)
    jc = jc or await fetch_job_candidate(tk, job_candidate_id)
    link = await talynce_job(tk, jc.job_id)
    job = job or job_ref(await fetch_job(tk, link.job_id))
    key = str(jc.id)
    async with keyed_lock(tk, "talynce.push", key):
        if not await tk.store.claim_talynce_push(key, PUSH_LEASE):
            raise Unavailable(
                f"{candidate_name(jc)} is being pushed to Talynce by another tt process.",
                "Try again in a minute; pushing again then says what happened.",
            )
        try:
            return await _push_claimed(tk, talynce, jc, link, job, requested_by)
        finally:
            await tk.store.release_talynce_push(key)


async def _push_claimed(
    tk: Toolkit, talynce: Talynce, jc: JobCandidate, link: SystemLink, job: JobRef, who: Origin
) -> TalyncePushResult:
    # Imported here: a process that never pushes to Talynce does not load its client.
    from shared.handoff import talynce_candidate
    from shared.talynce.errors import TalentPoolRevealRequired

    record = await tk.store.talynce_push(str(jc.id))
    if record is not None and record.state == "pushed":  # nothing to send: no CTC lookup
        out = talynce_candidate(jc, talynce_job_id=link.remote_id, job_title=job.title)
        return Sent.of(jc, job, link.remote_id, out, who).result_from(record)
    jc = await with_ctc(tk, jc)
    out = talynce_candidate(jc, talynce_job_id=link.remote_id, job_title=job.title)
    sent = Sent.of(jc, job, link.remote_id, out, who)
    email = out.body.get("email")
    if not email:
        raise InvalidInput(
            f"Job candidate {jc.id} has no e-mail address, and Talynce needs one (it matches "
            "candidates by e-mail).",
            "Add the e-mail in TapTalent, then push again.",
        )
    if record is not None and record.state in ("sending", "unknown"):
        arrived = await _look_first(talynce, email, link.remote_id)
        if arrived is not None:  # the row of that push is still there: end it
            return await _finish(tk, sent, arrived, created=None, earlier=True)
    await tk.store.begin_talynce_push(
        str(jc.id),
        str(link.job_id),
        link.remote_id,
        fields=out.fields,
        omitted=out.omitted,
        origin=who,
    )
    try:
        candidate, created = await _send(talynce, out, link.remote_id)
    except TalentPoolRevealRequired:
        return await _finish(tk, sent, None, created=None, refused_masked=True)
    except (ConnectionFailed, BadResponse) as exc:
        await _unknown(tk, sent, str(exc))
    except StatusError as exc:
        if exc.status_code >= 500:
            await _unknown(tk, sent, str(exc))
        await _refused(tk, sent, exc)
    except ClientError as exc:  # refused by the client's own checks: nothing was sent
        await _refused(tk, sent, exc)
    return await _finish(tk, sent, candidate, created=created)


async def _send(talynce: Talynce, out: Outbound, job_id: str) -> tuple[Candidate, bool]:
    """POST (create or match), then make sure the application is there."""
    from shared.talynce.models import CandidateInput

    upsert = await talynce.client.candidates.create(CandidateInput.model_validate(out.body))
    candidate = upsert.candidate
    if candidate.application_for(job_id) is None:
        candidate = await talynce.client.candidates.get(candidate.id)
    if candidate.application_for(job_id) is None:
        application = out.body.get("application") or {"job_id": job_id}
        candidate = await talynce.client.candidates.update(candidate.id, application=application)
    return candidate, upsert.created


async def _look_first(talynce: Talynce, email: str, job_id: str) -> Candidate | None:
    """After an unknown outcome: the candidate, if the earlier push did reach the job."""
    with translate_remote("the earlier push to Talynce"):
        page = await talynce.client.candidates.list(search=email, job_id=job_id, limit=10)
        for found in page.items:
            if found.email.strip().casefold() == email.strip().casefold():
                return await talynce.client.candidates.get(found.id)
    return None


async def _finish(
    tk: Toolkit,
    sent: Sent,
    candidate: Candidate | None,
    *,
    created: bool | None,
    earlier: bool = False,
    refused_masked: bool = False,
) -> TalyncePushResult:
    result = sent.result(candidate, created, earlier=earlier, refused_masked=refused_masked)
    await tk.store.end_talynce_push(
        sent.key,
        "masked" if refused_masked else "pushed",
        message=result.message,
        talynce_candidate_id=result.talynce_candidate_id,
        created=created,
        application_status=result.application_status,
    )
    await sent.audit(tk, result.outcome, result.talynce_candidate_id)
    return result


async def _unknown(tk: Toolkit, sent: Sent, why: str) -> NoReturn:
    message = (
        f"Talynce did not confirm the push of {sent.name} ({why}), so it may or may not "
        "have arrived."
    )
    await tk.store.end_talynce_push(sent.key, "unknown", message=message)
    await sent.audit(tk, f"error: unknown outcome: {why}", None)
    error = Unavailable(
        message, "Pushing again looks them up in Talynce first and sends only if missing."
    )
    error.audited = True
    raise error


async def _refused(tk: Toolkit, sent: Sent, exc: Exception) -> NoReturn:
    await tk.store.forget_talynce_push(sent.key)
    try:
        with translate_remote(f"job candidate {sent.key}"):
            raise exc
    except ActionError as error:
        await sent.audit(tk, f"error: {error.message}", None)
        error.audited = True
        raise


async def push_top_to_talynce(
    tk: Toolkit, job: Id, limit: int, *, requested_by: Origin
) -> TalynceBatchResult:
    """Push the top ``limit`` candidates of ``job``, a few at a time."""
    require_talynce(tk)
    await talynce_job(tk, job)
    top = await top_candidates(tk, job, limit=limit)
    ids = [row.job_candidate_id for row in top.candidates]
    with translate_remote(f"job {job}"):
        full = {str(jc.id): jc for jc in await tk.client.job_candidates.bulk_fetch(ids)}
    gate = asyncio.Semaphore(PUSH_CONCURRENCY)

    async def one(row: CandidateRow) -> TalyncePushResult | TalynceFailure:
        jc = full.get(str(row.job_candidate_id))
        if jc is not None and jc.stage_id is None:  # bulk fetch may leave it out
            jc = jc.model_copy(update={"stage_id": row.stage_id})
        async with gate:
            try:
                return await push_to_talynce(
                    tk, row.job_candidate_id, requested_by=requested_by, jc=jc, job=top.job
                )
            except ActionError as exc:
                return TalynceFailure(
                    job_candidate_id=row.job_candidate_id, name=row.name, error=str(exc)
                )

    outcomes = await asyncio.gather(*(one(row) for row in top.candidates))
    pushed = [o for o in outcomes if isinstance(o, TalyncePushResult)]
    failed = [o for o in outcomes if isinstance(o, TalynceFailure)]
    message = batch_message(top.job, len(top.candidates), pushed, len(failed))
    return TalynceBatchResult(job=top.job, pushed=pushed, failed=failed, message=message)
