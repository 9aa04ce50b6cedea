"""Push a job candidate to the linked ATS job: the application, the score, the summary.

A push is three writes, recorded in the store one by one so that pushing again resumes
where a crash left off and never repeats a step that is known to be done:
1. find the candidate's application on the ATS job (same e-mail) or create it
   (``ATS.APPLICATION_ALREADY_EXISTS`` means it exists: look it up again);
2. attach the result link "TapTalent score" with the score and the must-haves met;
3. add a note with the AI summary, marked as TapTalent's, naming who pushed it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from shared.actions.ats.common import actor_of, require_ats, system_label, translate_ats
from shared.actions.ats.models import AtsJobInfo, PushBatchResult, PushFailure, PushResult
from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref, to_row
from shared.actions.errors import ActionError, InvalidInput, NextStep, Unavailable
from shared.actions.jobs import fetch_job
from shared.actions.locks import keyed_lock
from shared.actions.models import CandidateRow, Id, JobRef
from shared.actions.ranking import top_candidates
from shared.kombo_setup import Ats
from shared.store import Origin
from shared.store.kombo import JobLink, PushRecord, PushStep
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo import KomboClient
    from shared.kombo.models import Application, KomboModel, Written

#: Candidate fields sent to the ATS (recorded with each push, for privacy reviews).
FIELDS_SENT = ("first_name", "last_name", "email_address")
RESULT_LINK_LABEL = "TapTalent score"
#: Where the result link points (**choice**: TapTalent's web app address for the candidate).
CANDIDATE_URL = "https://app.taptalent.io/jobs/{job}/candidates/{jc}"
#: Candidates pushed at once by `push top:N` (the Kombo client paces its own writes).
PUSH_CONCURRENCY = 20
#: Seconds a push holds its lease in the store (longer than a push can take).
PUSH_LEASE = 120.0


async def linked_job(tk: Toolkit, job_id: Id | None) -> JobLink:
    link = await tk.store.job_link(str(job_id)) if job_id is not None else None
    if link is None:
        raise InvalidInput(
            f"Job {job_id} is not linked to a job in the ATS yet.",
            next_step=NextStep(
                ("link",), "to see the matching ATS jobs, then link one", {"job": str(job_id)}
            ),
        )
    return link


def _note(jc: JobCandidate, row: CandidateRow, origin: Origin) -> str:
    score = "not scored" if row.score is None else f"{row.score:g}/100"
    must = (
        f"{row.must_have_met}/{row.must_have_total}" if row.must_have_total is not None else "n/a"
    )
    summary = (jc.ai_summary or "TapTalent has no AI summary for this candidate yet.").strip()
    return (
        f"[TapTalent] AI summary, written by TapTalent's AI (not by a recruiter). "
        f"Pushed by {actor_of(origin)} from {origin.kind}.\n\n{summary}\n\n"
        f"TapTalent score: {score}. Must-haves met: {must}."
    )


async def _find(client: KomboClient, email: str, ats_job_id: str) -> Application | None:
    app_ids = [a["id"] async for c in client.candidates.iter(email=email) for a in c.applications]
    if not app_ids:
        return None
    async for app in client.applications.iter(ids=app_ids, job_ids=[ats_job_id]):
        return app
    return None


async def _find_or_create(
    client: KomboClient, jc: JobCandidate, ats_job_id: str
) -> tuple[Application, bool, list[str]]:
    c = jc.candidate
    if c is None or not c.email:
        raise InvalidInput(
            f"Job candidate {jc.id} has no e-mail address, and the ATS needs one to create "
            "an application.",
            "Add the e-mail in TapTalent, then push again.",
        )
    found = await _find(client, c.email, ats_job_id)
    if found is not None:
        return found, False, []
    from shared.kombo import errors as k
    from shared.kombo.models import NewCandidate

    new = NewCandidate(
        first_name=(c.first_name or "").strip() or "Unknown",
        last_name=(c.last_name or "").strip() or "Unknown",
        email_address=c.email,
    )
    try:
        written = await client.applications.create(ats_job_id, new)
    except k.ApplicationExistsError:
        found = await _find(client, c.email, ats_job_id)
        if found is None:
            raise
        return found, False, []
    return written.data, True, [w.message for w in written.warnings]


async def push_candidate(
    tk: Toolkit,
    job_candidate_id: Id,
    *,
    requested_by: Origin,
    jc: JobCandidate | None = None,
    job: JobRef | None = None,
) -> PushResult:
    """Push one job candidate to their job's linked ATS job (idempotent; says so)."""
    ats = require_ats(tk)
    jc = jc or await fetch_job_candidate(tk, job_candidate_id)
    link = await linked_job(tk, jc.job_id)
    job = job or job_ref(await fetch_job(tk, link.job_id))
    async with keyed_lock(tk, "kombo.push", str(jc.id)):
        # Another process on the same database (the CLI beside the service) may be pushing
        # this candidate: a lease in the store keeps pushes apart; a crash frees it after
        # PUSH_LEASE seconds.
        if not await tk.store.claim_push(str(jc.id), PUSH_LEASE):
            raise Unavailable(
                f"{candidate_name(jc)} is being pushed to the ATS by another tt process.",
                "Try again in a minute; pushing again then changes nothing if it worked.",
            )
        try:
            return await _push_locked(tk, ats, jc, link, job, requested_by)
        finally:
            await tk.store.release_push(str(jc.id))


async def _push_locked(
    tk: Toolkit, ats: Ats, jc: JobCandidate, link: JobLink, job: JobRef, origin: Origin
) -> PushResult:
    row = to_row(jc, {})
    record = await tk.store.push_record(str(jc.id))
    steps: list[str] = []
    warnings: list[str] = []
    created = False
    audit = {
        "actor": actor_of(origin),
        "surface": origin.kind,
        "action": "ats.push",
        "target": f"job_candidate:{jc.id}",
    }
    try:
        with translate_ats(f"job candidate {jc.id}"):
            if record is None or record.application_id is None:
                app, created, found_warnings = await _find_or_create(
                    ats.client, jc, link.ats_job_id
                )
                warnings += found_warnings
                steps.append("created the application" if created else "found the application")
                record = await tk.store.record_application(
                    str(jc.id),
                    str(link.job_id),
                    link.ats_job_id,
                    application_id=app.id,
                    remote_url=app.remote_url,
                    stage_id=app.current_stage_id,
                    outcome=app.outcome,
                    origin=origin,
                    fields=FIELDS_SENT,
                )
            warnings += await _annotate(tk, ats, jc, row, record, origin, steps)
    except ActionError as exc:
        details = {"system": system_label(ats), "steps": steps}
        await tk.store.audit(**audit, details=details, result=f"error: {exc.message}")
        exc.audited = True
        raise
    assert record.application_id is not None
    details = {
        "system": system_label(ats),
        "ats_job_id": link.ats_job_id,
        "application_id": record.application_id,
        "steps": steps,
        "fields": record.fields,
    }
    await tk.store.audit(**audit, details=details, result="pushed" if steps else "unchanged")
    return _result(jc, row, job, link, record, steps, warnings, created, origin)


def _result(
    jc: JobCandidate,
    row: CandidateRow,
    job: JobRef,
    link: JobLink,
    record: PushRecord,
    steps: list[str],
    warnings: list[str],
    created: bool,
    origin: Origin,
) -> PushResult:
    assert record.application_id is not None
    where = f"{link.ats_job_name} in the ATS"
    message = (
        f"{row.name} is in {where}: " + ", ".join(steps) + "."
        if steps
        else f"{row.name} was already pushed to {where}; nothing changed."
    )
    return PushResult(
        job_candidate_id=jc.id,
        name=row.name,
        job=job,
        ats_job=AtsJobInfo(id=link.ats_job_id, name=link.ats_job_name),
        application_id=record.application_id,
        remote_url=record.remote_url,
        changed=bool(steps),
        created=created,
        steps=steps,
        warnings=warnings,
        score=row.score,
        must_have_met=row.must_have_met,
        must_have_total=row.must_have_total,
        actor=actor_of(origin),
        message=message,
    )


async def _annotate(
    tk: Toolkit,
    ats: Ats,
    jc: JobCandidate,
    row: CandidateRow,
    record: PushRecord,
    origin: Origin,
    steps: list[str],
) -> list[str]:
    """The result link and the note, each at most once and side by side (they do not
    depend on each other); each is recorded as soon as it is done. Return Kombo's
    warnings; raise the first failure after recording what succeeded."""
    application = record.application_id
    assert application is not None
    writes: list[tuple[PushStep, str, Awaitable[Written[KomboModel]]]] = []
    if not record.result_link_added:
        attributes = {"Score": "not scored" if row.score is None else f"{row.score:g}"}
        if row.must_have_total is not None:
            attributes["Must-haves met"] = f"{row.must_have_met}/{row.must_have_total}"
        link = ats.client.applications.add_result_link(
            application,
            label=RESULT_LINK_LABEL,
            url=CANDIDATE_URL.format(job=jc.job_id, jc=jc.id),
            attributes=attributes,
        )
        writes.append(("result_link", "attached the TapTalent score", link))
    if not record.note_added:
        note = ats.client.applications.add_note(application, _note(jc, row, origin))
        writes.append(("note", "added the AI summary as a note", note))
    outcomes = await asyncio.gather(*(w for _, _, w in writes), return_exceptions=True)
    warnings: list[str] = []
    failure: BaseException | None = None
    for (step, said, _), outcome in zip(writes, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            failure = failure or outcome
            continue
        warnings += [w.message for w in outcome.warnings]
        await tk.store.mark_push_step(str(jc.id), step)
        steps.append(said)
    if failure is not None:
        raise failure
    return warnings


async def push_top(tk: Toolkit, job: Id, limit: int, *, requested_by: Origin) -> PushBatchResult:
    """Push the top ``limit`` candidates of ``job``, several at a time."""
    require_ats(tk)
    await linked_job(tk, job)
    top = await top_candidates(tk, job, limit=limit)
    ids = [row.job_candidate_id for row in top.candidates]
    with translate_ats(f"job {job}"):
        full = {str(jc.id): jc for jc in await tk.client.job_candidates.bulk_fetch(ids)}
    gate = asyncio.Semaphore(PUSH_CONCURRENCY)

    async def one(row: CandidateRow) -> PushResult | PushFailure:
        async with gate:
            try:
                return await push_candidate(
                    tk,
                    row.job_candidate_id,
                    requested_by=requested_by,
                    jc=full.get(str(row.job_candidate_id)),
                    job=top.job,
                )
            except ActionError as exc:
                return PushFailure(
                    job_candidate_id=row.job_candidate_id, name=row.name, error=str(exc)
                )

    outcomes = await asyncio.gather(*(one(row) for row in top.candidates))
    pushed = [o for o in outcomes if isinstance(o, PushResult)]
    failed = [o for o in outcomes if isinstance(o, PushFailure)]
    changed = sum(1 for p in pushed if p.changed)
    message = (
        f"Pushed the top {len(top.candidates)} of {top.job.title} to the ATS: {changed} changed, "
        f"{len(pushed) - changed} already there" + (f", {len(failed)} failed." if failed else ".")
    )
    return PushBatchResult(job=top.job, pushed=pushed, failed=failed, message=message)
