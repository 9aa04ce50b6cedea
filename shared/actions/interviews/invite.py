"""Invite a job candidate to an AI interview in InstaView.

Up to three writes, each recorded as it completes so that inviting again reuses what was
done and never repeats a write whose outcome is unknown:
1. the InstaView job, created from the TapTalent job's title and description and linked,
   when the job has no link yet;
2. the InstaView candidate (created once per TapTalent candidate and job, then reused):
   ``sending`` is recorded first, so a lost answer makes the next invite look the
   candidate up (by the TapTalent ids in its metadata) instead of creating a second one;
3. the interview, recorded at once as a pending `interview` operation, which its webhooks
   (or polling) end, with one alert where the invite came from.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.actions.errors import ActionError, InvalidInput, NextStep, Unavailable
from shared.actions.interviews.common import KIND, SYSTEM, actor_of, translate_instaview
from shared.actions.interviews.lookups import candidate_made_by_tt, unfollowed_interview
from shared.actions.interviews.models import AgentChoices, InterviewInvite
from shared.actions.interviews.plan import Plan, interview_plan
from shared.actions.locks import keyed_lock
from shared.actions.models import Id
from shared.connectors_setup import InstaView
from shared.instaview import errors as iv_errors
from shared.instaview.models import Interview, NewCandidate, NewInterview
from shared.store import Origin
from shared.toolkit import Toolkit

#: InstaView errors after which a create may or may not have happened.
#: Seconds an invite holds its lease in the store (longer than an invite can take).
INVITE_LEASE = 120.0
UNKNOWN_OUTCOME = (
    iv_errors.ServerError,
    iv_errors.APIConnectionError,
    iv_errors.APIResponseValidationError,
)


def check_status_step(job_candidate: object) -> NextStep:
    return NextStep(("interview-status",), "to see how far it got", {"id": str(job_candidate)})


async def invite_to_interview(
    tk: Toolkit,
    job_candidate: Id,
    agent: str | None = None,
    at: str | None = None,
    *,
    requested_by: Origin,
    include_private: bool | None = None,
) -> InterviewInvite | AgentChoices:
    """Invite one job candidate (without an agent and no default: the agents to choose)."""
    plan = await interview_plan(tk, job_candidate, agent, at, include_private=include_private)
    if isinstance(plan, AgentChoices):
        return plan
    subject = str(plan.job_candidate.id)
    lease = f"{KIND}.invite:{subject}"
    async with keyed_lock(tk, KIND, subject):
        # Another process on the same database (the CLI beside the service) may be inviting
        # them: a lease in the store keeps invites apart; a crash frees it after a while.
        if not await tk.store.idempotency_claim(lease, INVITE_LEASE):
            raise Unavailable(
                f"{plan.preview.name} is being invited by another tt process.",
                "Try again in a minute.",
                next_step=check_status_step(subject),
            )
        try:
            await _refuse_if_under_way(tk, plan, subject)
            return await _invite(tk, plan, requested_by)
        finally:
            await tk.store.idempotency_release(lease)


async def _refuse_if_under_way(tk: Toolkit, plan: Plan, subject: str) -> None:
    under_way = await tk.store.operations(KIND, pending=True, subject=subject)
    if under_way:
        raise InvalidInput(
            f"{plan.preview.name} already has an AI interview under way "
            f"(InstaView interview {under_way[-1].id}); nothing new was sent.",
            "You will get its analysis where it was asked for.",
            next_step=check_status_step(subject),
        )


async def _invite(tk: Toolkit, plan: Plan, origin: Origin) -> InterviewInvite:
    assert tk.instaview is not None
    iv, preview = tk.instaview, plan.preview
    steps: list[str] = []
    audit: dict[str, Any] = {
        "actor": actor_of(origin),
        "surface": origin.kind,
        "action": "interview.invite",
        "target": f"job_candidate:{preview.job_candidate_id}",
    }
    try:
        with translate_instaview(f"job candidate {preview.job_candidate_id}"):
            job_id = await _instaview_job(tk, iv, plan, origin, steps)
            interview, candidate_id, created = await _schedule(tk, iv, plan, job_id, steps)
    except ActionError as exc:
        details = {"system": SYSTEM, "steps": steps, "fields": preview.fields}
        await tk.store.audit(**audit, details=details, result=f"error: {exc.message}")
        exc.audited = True
        raise
    await tk.store.add_operation(
        KIND,
        interview.id,
        origin,
        subject=str(preview.job_candidate_id),
        data={
            "job_candidate_id": str(preview.job_candidate_id),
            "job_id": str(preview.job.id),
            "job_title": preview.job.title,
            "name": preview.name,
            "score": preview.score,
            "agent": preview.agent.name,
            "instaview_candidate_id": candidate_id,
            "instaview_job_id": job_id,
            "at": preview.at,
            "is_test": preview.is_test,
        },
    )
    details = {
        "system": SYSTEM,
        "interview_id": interview.id,
        "instaview_candidate_id": candidate_id,
        "instaview_job_id": job_id,
        "agent": preview.agent.name,
        "fields": preview.fields,
        "gdpr_expiry": preview.gdpr_expiry,
        "steps": steps,
    }
    await tk.store.audit(**audit, details=details, result="invited")
    return _result(plan, interview, candidate_id, created, job_id, origin)


async def _schedule(
    tk: Toolkit, iv: InstaView, plan: Plan, job_id: str, steps: list[str]
) -> tuple[Interview, str, bool]:
    """(the interview, the InstaView candidate id, whether it was created now)."""
    candidate_id, created = await _candidate(tk, iv, plan, job_id, steps)
    orphan = None if created else await unfollowed_interview(tk, iv, candidate_id)
    if orphan is not None:  # adopted, and said as it is: its own time, not the one asked
        plan.preview.at = orphan.schedule_time
        steps.append("adopted an interview an interrupted invite had scheduled")
        return orphan, candidate_id, created
    try:
        interview = await _interview(iv, plan, candidate_id, job_id)
    except iv_errors.NotFoundError:
        if created:
            raise
        # InstaView deleted the candidate tt created before (at its GDPR expiry, or by
        # hand): create them again, once.
        await _record(tk, plan, job_id, None)
        candidate_id, created = await _candidate(tk, iv, plan, job_id, steps)
        interview = await _interview(iv, plan, candidate_id, job_id)
    steps.append("scheduled the interview")
    return interview, candidate_id, created


async def _instaview_job(
    tk: Toolkit, iv: InstaView, plan: Plan, origin: Origin, steps: list[str]
) -> str:
    """The linked InstaView job; created from the TapTalent job and linked when none is."""
    link = await tk.store.system_link("instaview", str(plan.job.id))
    if link is not None:
        plan.preview.creates_job = False
        return link.remote_id
    title = (plan.job.title or f"Job {plan.job.id}").strip()[:200]
    created = await iv.client.jobs.create(title, plan.job.description or None)
    await tk.store.link_system_job(
        "instaview",
        str(plan.job.id),
        created.id,
        created.title or title,
        linked_by=actor_of(origin),
    )
    await tk.store.audit(
        actor=actor_of(origin),
        surface=origin.kind,
        action="interview.job",
        target=f"job:{plan.job.id}",
        details={
            "system": SYSTEM,
            "instaview_job_id": created.id,
            "fields": ["description", "title"],
        },
        result="created and linked",
    )
    plan.preview.creates_job = True
    steps.append("created and linked the InstaView job")
    return created.id


async def _candidate(
    tk: Toolkit, iv: InstaView, plan: Plan, job_id: str, steps: list[str]
) -> tuple[str, bool]:
    """(InstaView candidate id, created now). Reused when tt created it before."""
    key, job = plan.preview.candidate_key, str(plan.job.id)
    record = await tk.store.instaview_candidate(key, job)
    if record is not None and record.instaview_job_id == job_id:
        today = datetime.fromtimestamp(tk.clock(), UTC).date().isoformat()
        fresh = record.gdpr_expiry > today  # InstaView deletes the candidate on that day
        if record.state == "created" and record.instaview_candidate_id and fresh:
            steps.append("reused the InstaView candidate")
            return record.instaview_candidate_id, False
        found = await candidate_made_by_tt(iv, job_id, str(plan.job_candidate.id))
        if found is not None:  # the create whose answer was lost did happen
            await _record(tk, plan, job_id, found.id)
            steps.append("found the InstaView candidate a lost answer had created")
            return found.id, False
    body = {**plan.outbound.body, "jobIds": [job_id]}
    await _record(tk, plan, job_id, None)  # 'sending': a lost answer is looked up next time
    try:
        created = await iv.client.candidates.create(NewCandidate.model_validate(body))
    except UNKNOWN_OUTCOME as exc:
        raise Unavailable(
            f"InstaView may or may not have created {plan.preview.name} as a candidate ({exc}).",
            "Invite again: tt looks them up in InstaView first and never creates them twice.",
        ) from exc
    await _record(tk, plan, job_id, created.id)
    steps.append("created the InstaView candidate")
    return created.id, True


async def _record(tk: Toolkit, plan: Plan, job_id: str, candidate_id: str | None) -> None:
    await tk.store.record_instaview_candidate(
        plan.preview.candidate_key,
        str(plan.job.id),
        job_candidate_id=str(plan.job_candidate.id),
        instaview_job_id=job_id,
        instaview_candidate_id=candidate_id,
        fields=plan.preview.fields,
        gdpr_expiry=plan.preview.gdpr_expiry,
    )


async def _interview(iv: InstaView, plan: Plan, candidate_id: str, job_id: str) -> Interview:
    preview = plan.preview
    request = NewInterview(
        candidate_id=candidate_id,
        agent_id=preview.agent.id,
        job_id=job_id,
        schedule_time=preview.at,
        is_test=True if preview.is_test else None,
    )
    try:
        return await iv.client.interviews.create(request)
    except UNKNOWN_OUTCOME as exc:
        raise Unavailable(
            f"InstaView may or may not have scheduled the interview of {preview.name} ({exc}).",
            "Check InstaView before inviting again: tt does not know of an interview to follow.",
            next_step=check_status_step(preview.job_candidate_id),
        ) from exc


def _result(
    plan: Plan,
    interview: Interview,
    candidate_id: str,
    created: bool,
    job_id: str,
    origin: Origin,
) -> InterviewInvite:
    p = plan.preview
    when = f"for {p.at}" if p.at else "to start as soon as possible"
    test = " (a test interview: the sandbox finishes it in seconds)" if p.is_test else ""
    where = (
        "in this thread"
        if origin.kind == "slack"
        else "in the alert channel (TT_ALERT_CHANNEL, from the tt service)"
    )
    message = (
        f"Invited {p.name} to an AI interview with “{p.agent.name}” {when}{test}. "
        f"The analysis will follow {where} when InstaView has it."
    )
    return InterviewInvite(
        job_candidate_id=p.job_candidate_id,
        name=p.name,
        job=p.job,
        interview_id=interview.id,
        instaview_candidate_id=candidate_id,
        candidate_created=created,
        instaview_job_id=job_id,
        job_created=p.creates_job,
        agent=p.agent,
        at=p.at,
        is_test=p.is_test,
        gdpr_expiry=p.gdpr_expiry,
        fields=p.fields,
        actor=actor_of(origin),
        message=message,
    )
