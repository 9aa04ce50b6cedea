"""Invite a job candidate to a TapTalent assessment: a write, confirmed on every surface
(`assess_preview` says what it would do), attributed, audited, and tracked as a pending
operation of the `assessment` kind until the scored submission comes back.

When the job has no assessment yet, the confirmed write first creates one from the job
(TapTalent writes the questions from its criteria). An invitation already waiting for the
same candidate and assessment is never sent twice: inviting again says so.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from shared.actions.assessments.catalog import choose, every_assessment, of_job, summarize
from shared.actions.assessments.models import InvitePreview, InviteResult
from shared.actions.assessments.state import KIND
from shared.actions.convert import candidate_name, job_ref
from shared.actions.errors import (
    FIND_CANDIDATES,
    ActionError,
    InvalidInput,
    NextStep,
    NotFound,
    translate,
)
from shared.actions.jobs import fetch_job
from shared.actions.models import Id
from shared.store import Origin
from shared.taptalent import errors as api
from shared.taptalent.models import Assessment, Job, JobCandidate
from shared.taptalent.models.assessments import AutoGenerate
from shared.toolkit import Toolkit

NEW = "new"  # `assessment:new`: create one from the job, even when it has some
SENT_FIELDS = ["candidateId", "jobCandidateId"]


def assess_step(job_candidate_id: Id, assessment: str, purpose: str = "to send it") -> NextStep:
    return NextStep(
        ("assess",), purpose, {"job_candidate": str(job_candidate_id), "assessment": assessment}
    )


@dataclass(frozen=True)
class _Resolved:
    jc: JobCandidate
    job: Job
    target: Assessment | None  # None: one is to be generated from the job
    job_assessments: int


async def _resolve(tk: Toolkit, job_candidate_id: Id, wanted: str | None) -> _Resolved:
    """The job candidate, their job, and the assessment to send, in two round trips (the
    job and the assessments are asked for together; the candidate's stage is not needed)."""
    with translate(f"job candidate {job_candidate_id}"):
        found = await tk.client.job_candidates.bulk_fetch([job_candidate_id])
    if not found:
        raise NotFound(
            f"Job candidate {job_candidate_id} was not found.", next_step=FIND_CANDIDATES
        )
    jc = found[0]
    if jc.job_id is None:
        raise NotFound(f"TapTalent did not say which job candidate {jc.id} belongs to.")
    job, (everything, _) = await asyncio.gather(fetch_job(tk, jc.job_id), every_assessment(tk))
    count = len(of_job(everything, job.id))
    if wanted is not None and wanted.strip().casefold() == NEW:
        return _Resolved(jc, job, None, count)
    picked = _pick(everything, jc, job, wanted)
    if picked is not None:
        _require_active(picked, jc.id)
    return _Resolved(jc, job, picked, count)


def _require_active(target: Assessment, job_candidate_id: Id) -> None:
    """**choice**: only an ACTIVE assessment is sent (a draft is not ready for candidates);
    an assessment without a status is taken as active."""
    status = (target.status or "ACTIVE").upper()
    if status != "ACTIVE":
        raise InvalidInput(
            f'The assessment "{summarize(target).name}" ({target.id}) is {status}, so '
            "TapTalent would not send it; nothing was sent.",
            "Activate it in TapTalent, name another with assessment:<id or name>, or create "
            "one from the job.",
            next_step=assess_step(job_candidate_id, NEW, "to create one from the job"),
        )


def _pick(
    everything: list[Assessment], jc: JobCandidate, job: Job, wanted: str | None
) -> Assessment | None:
    if wanted is not None:
        return choose(everything, wanted, job_id=job.id)
    mine = of_job(everything, job.id)
    active = [a for a in mine if (a.status or "ACTIVE").upper() == "ACTIVE"] or mine
    if len(active) <= 1:
        return active[0] if active else None
    names = "; ".join(f'{a.id} "{summarize(a).name}"' for a in active)
    raise InvalidInput(
        f"Job {job.id} has several assessments: {names}.",
        "Say which one with assessment:<id or name>.",
        allowed=[str(a.id) for a in active],
        next_step=assess_step(jc.id, str(active[0].id)),
    )


async def _waiting(tk: Toolkit, job_candidate_id: Id, target: Assessment | None) -> str | None:
    if target is None:
        return None
    for op in await tk.store.operations(KIND, pending=True, subject=str(job_candidate_id)):
        if str(op.data.get("assessment_id")) == str(target.id):
            return op.id
    return None


async def assess_preview(
    tk: Toolkit, job_candidate_id: Id, assessment: str | None = None
) -> InvitePreview:
    """What `assess` would do: which assessment (or that one will be generated)."""
    found = await _resolve(tk, job_candidate_id, assessment)
    jc, job, target = found.jc, found.job, found.target
    return InvitePreview(
        job_candidate_id=jc.id,
        name=candidate_name(jc),
        job=job_ref(job),
        match_score=jc.profile_match_score,
        assessment=summarize(target) if target else None,
        generate=target is None,
        already=await _waiting(tk, jc.id, target),
        job_assessments=found.job_assessments,
    )


async def invite_to_assessment(
    tk: Toolkit,
    job_candidate_id: Id,
    assessment: str | None = None,
    *,
    generate: bool = False,
    requested_by: Origin,
) -> InviteResult:
    """Invite the job candidate; `generate` confirms creating an assessment from the job
    when it has none (or when `assessment` is "new")."""
    found = await _resolve(tk, job_candidate_id, assessment)
    jc, job, target = found.jc, found.job, found.target
    name, ref = candidate_name(jc), job_ref(job)
    if target is None and not generate:
        raise InvalidInput(
            f"Job {job.id} has no assessment yet, so nothing was sent.",
            "Confirm creating one from the job (its questions come from the job's criteria).",
            next_step=assess_step(jc.id, NEW, "to create one from the job and invite them"),
        )
    waiting = await _waiting(tk, jc.id, target)
    if waiting is not None and target is not None:
        return InviteResult(
            job_candidate_id=jc.id,
            name=name,
            job=ref,
            assessment=summarize(target),
            changed=False,
            message=f'{name} is already invited to "{summarize(target).name}"; '
            "tt announces their result. Nothing was sent again.",
        )
    actor = requested_by.user or requested_by.kind
    generated = target is None
    if target is None:
        target = await _generate(tk, job, actor, requested_by)
    invitation_id = await _invite(tk, jc, job, target, actor, requested_by, generated)
    summary = summarize(target)
    made = f'created "{summary.name}" from the job and ' if generated else ""
    return InviteResult(
        job_candidate_id=jc.id,
        name=name,
        job=ref,
        assessment=summary,
        generated=generated,
        invitation_id=invitation_id,
        message=f'{actor} {made}invited {name} to "{summary.name}". TapTalent e-mails them '
        "the link; tt announces their score once they have taken it.",
    )


async def _generate(tk: Toolkit, job: Job, actor: str, origin: Origin) -> Assessment:
    text = str(job.id).strip()
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(f"Job {job.id} has no numeric id, which generating an assessment needs.")
    with translate(f"a new assessment for job {job.id}"):
        made = await tk.client.assessments.auto_generate(AutoGenerate(job_id=int(text)))
    await tk.store.audit(
        actor=actor,
        surface=origin.kind,
        action="assessment.generate",
        target=f"job:{job.id}",
        details={"assessment_id": str(made.id), "questions": made.questions_known},
        result="created",
    )
    return made


async def _invite(
    tk: Toolkit,
    jc: JobCandidate,
    job: Job,
    target: Assessment,
    actor: str,
    origin: Origin,
    generated: bool,
) -> Id | None:
    """Record the invitation, then send it: a restart after TapTalent took it still finds
    it (its webhook or a poll ends it). The record's notice is held while sending, so a
    refusal, told at once, is never announced again."""
    if jc.candidate_id is None:
        raise NotFound(f"TapTalent did not say which candidate job candidate {jc.id} is.")
    operation_id = f"{target.id}:{jc.id}:{int(tk.clock() * 1000)}"
    data = {
        "assessment_id": str(target.id),
        "assessment_name": summarize(target).name,
        "candidate_id": str(jc.candidate_id),
        "job_id": str(job.id),
        "name": candidate_name(jc),
        "match_score": jc.profile_match_score,
    }
    owner = f"invite:{operation_id}"
    await tk.store.add_operation(
        KIND, operation_id, origin, subject=str(jc.id), data=data, notice_owner=(owner, 300.0)
    )
    audit: dict[str, Any] = {
        "actor": actor,
        "surface": origin.kind,
        "action": "assessment.invite",
        "target": f"job_candidate:{jc.id}",
    }
    details = {
        "assessment_id": str(target.id),
        "job_id": str(job.id),
        "generated": generated,
        "fields_sent": SENT_FIELDS,
        "invitation": operation_id,
    }
    try:
        with translate(f'the invitation to "{summarize(target).name}"'):
            invitation = await tk.client.assessments.invite(
                target.id, candidate_id=jc.candidate_id, job_candidate_id=jc.id
            )
    except ActionError as exc:
        await _not_sent(tk, operation_id, owner, exc, audit, details)
        raise
    await tk.store.release_notice(KIND, operation_id, owner)
    await tk.store.audit(**audit, details=details, result="invited")
    return invitation.invitation_id


async def _not_sent(
    tk: Toolkit,
    operation_id: str,
    owner: str,
    exc: ActionError,
    audit: dict[str, Any],
    details: dict[str, Any],
) -> None:
    """A refusal ends the record quietly (the person is told now). An answer that never
    came leaves it waiting: if TapTalent did send it, its score still comes back; if not,
    it expires. Either way it is not sent twice blindly."""
    unknown = isinstance(exc.__cause__, api.APIConnectionError | api.ServerError)
    if unknown:
        await tk.store.release_notice(KIND, operation_id, owner)
        exc.hint = (
            "TapTalent may have sent it anyway: tt keeps watching for the score, and will not "
            "send it again while it waits."
        )
    else:
        await tk.store.end_operation(KIND, operation_id, "failed", {"error": exc.message})
        await tk.store.finish_notice(KIND, operation_id, owner)
    outcome = "unknown: may have been sent" if unknown else f"refused: {exc.message}"
    await tk.store.audit(**audit, details=details, result=outcome[:300])
    exc.audited = True
