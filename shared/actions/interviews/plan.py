"""What an invite would do, worked out before anything is sent: the preview every surface
confirms, and the plan `invite_to_interview` then carries out (checking it all again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref
from shared.actions.errors import InvalidInput, NextStep
from shared.actions.interviews.common import (
    agent_info,
    pick_agent,
    read_at,
    require_instaview,
    translate_instaview,
)
from shared.actions.interviews.models import AgentChoices, AgentInfo, InterviewPlan
from shared.actions.jobs import fetch_job
from shared.actions.models import Id
from shared.connectors_setup import InstaView
from shared.handoff import Outbound, instaview_candidate
from shared.handoff.instaview import TRIMMED
from shared.instaview import rules
from shared.taptalent.models import Job, JobCandidate
from shared.toolkit import Toolkit

#: Stands in for the InstaView job an invite creates, so the preview validates and lists
#: the body it will send (the real id replaces it before sending).
JOB_TO_CREATE = "00000000-0000-4000-8000-000000000000"
SANDBOX_NOTE = (
    "Sandbox: InstaView's emulator runs this as a test interview (isTest), which starts at "
    "once and is analysed within seconds; at: is recorded, not waited for."
)


@dataclass
class Plan:
    preview: InterviewPlan
    outbound: Outbound
    job: Job
    job_candidate: JobCandidate


async def list_agents(iv: InstaView) -> list[AgentInfo]:
    with translate_instaview("the agents"):
        return [agent_info(a) for a in await iv.client.agents.all()]


async def choose_agent(
    iv: InstaView, job_candidate: Id, wanted: str | None
) -> AgentInfo | AgentChoices:
    """The agent named, else INSTAVIEW_DEFAULT_AGENT, else the list to choose from."""
    agents = await list_agents(iv)
    if wanted:
        return pick_agent(agents, wanted)
    if iv.default_agent:
        try:
            return pick_agent(agents, iv.default_agent)
        except InvalidInput as exc:
            raise InvalidInput(
                f"INSTAVIEW_DEFAULT_AGENT ({iv.default_agent}) names no InstaView agent.",
                "Set it to one of: " + "; ".join(a.name for a in agents) + ".",
                allowed=exc.allowed,
            ) from exc
    return AgentChoices(
        job_candidate_id=job_candidate,
        agents=agents,
        message=(
            f"Which agent should interview job candidate {job_candidate}? Name one with "
            "agent:<name> (a few of its words are enough), or set INSTAVIEW_DEFAULT_AGENT."
        ),
    )


def candidate_key(jc: JobCandidate) -> str:
    return str(jc.candidate_id or (jc.candidate.id if jc.candidate else "") or f"jc:{jc.id}")


async def interview_plan(
    tk: Toolkit,
    job_candidate: Id,
    agent: str | None = None,
    at: str | None = None,
    *,
    include_private: bool | None = None,
) -> Plan | AgentChoices:
    """Everything an invite would send and do, validated against InstaView's rules."""
    iv = require_instaview(tk)
    jc = await fetch_job_candidate(tk, job_candidate)
    if jc.job_id is None:
        raise InvalidInput(f"TapTalent did not say which job candidate {jc.id} belongs to.")
    chosen = await choose_agent(iv, jc.id, agent)
    if isinstance(chosen, AgentChoices):
        return chosen
    job = await fetch_job(tk, jc.job_id)
    link = await tk.store.system_link("instaview", str(job.id))
    now = datetime.fromtimestamp(tk.clock(), UTC)
    outbound = instaview_candidate(
        jc,
        instaview_job_id=link.remote_id if link else JOB_TO_CREATE,
        retention_days=tk.settings.tt_gdpr_retention_days,
        today=now.date(),
    )
    _check(outbound, jc, job, now)
    assert outbound.retention is not None
    key = candidate_key(jc)
    record = await tk.store.instaview_candidate(key, str(job.id))
    reuse = (
        record.instaview_candidate_id
        if record
        and record.state == "created"
        and link
        and record.instaview_job_id == link.remote_id
        else None
    )
    body = outbound.body
    show = tk.settings.tt_show_contact_details if include_private is None else include_private
    contact = [f for f in ("email", "phoneNumber") if body.get(f)]
    cv = str(body.get("cvText") or "")
    preview = InterviewPlan(
        job_candidate_id=jc.id,
        candidate_key=key,
        name=candidate_name(jc),
        job=job_ref(job),
        score=jc.profile_match_score,
        agent=chosen,
        at=read_at(at, now=now, before=outbound.retention),
        is_test=iv.sandbox is not None,
        contact=contact,
        contact_values={f: str(body[f]) for f in contact} if show and contact else None,
        cv_characters=len(cv),
        cv_trimmed=cv.endswith(TRIMMED),
        gdpr_expiry=outbound.retention.isoformat(),
        fields=outbound.fields,
        omitted=outbound.omitted,
        instaview_job_id=link.remote_id if link else None,
        instaview_job_name=(link.remote_name or None) if link else None,
        creates_job=link is None,
        reuses_candidate=reuse,
        notes=[SANDBOX_NOTE] if iv.sandbox is not None else [],
    )
    return Plan(preview, outbound, job, jc)


def _check(outbound: Outbound, jc: JobCandidate, job: Job, now: datetime) -> None:
    """Seed 001's rules, before anything is sent; the error names each field."""
    if problems := rules.candidate_problems(outbound.body, now=now):
        listed = "; ".join(f"{field}: {text}" for field, text in problems.items())
        raise InvalidInput(
            f"InstaView would refuse {candidate_name(jc)} as a candidate ({listed}). "
            "Nothing was sent.",
            "Correct the profile in TapTalent, then invite again.",
            allowed=sorted(problems),
            next_step=NextStep(("job",), "to check the job", {"job": str(job.id)}),
        )


async def interview_preview(
    tk: Toolkit,
    job_candidate: Id,
    agent: str | None = None,
    at: str | None = None,
    *,
    include_private: bool | None = None,
) -> InterviewPlan | AgentChoices:
    """What `invite_to_interview` would send and do (reads only): the confirmation."""
    plan = await interview_plan(tk, job_candidate, agent, at, include_private=include_private)
    return plan if isinstance(plan, AgentChoices) else plan.preview
