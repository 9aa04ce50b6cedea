"""The sandbox's assessments at work: questions written from a job's criteria, and an
invitation that becomes a scored submission `SandboxConfig.assessment_delay` seconds later.

Both are deterministic: the same job always gets the same questions, and the same
invitation the same score. The webhook events (names and payloads are tt's **choice**,
docs/partner-api.md) follow the public reference's lifecycle: an interview starts, ends,
and is scored, or fails with an error.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
from typing import Any

from shared.sandbox.assessment_scores import submission_score
from shared.sandbox.clock import iso, now_ms
from shared.sandbox.models import Assessment, Criterion, Invitation, Job
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company, Ids

STARTED = "assessment.interview.started"
ENDED = "assessment.interview.ended"
SCORED = "assessment.interview.scoring_completed"
FAILED = "assessment.interview.error"
EVENTS = (STARTED, ENDED, SCORED, FAILED)

DEFAULT_QUESTION_COUNT = 5
QUESTION_SECONDS = 120
_LEVEL_ORDER = {"MUST_HAVE": 0, "NICE_TO_HAVE": 1, "BONUS": 2}
_PATTERNS = (
    "Walk us through a recent project where you relied on {topic}. What was your part?",
    "What is the hardest problem you have solved with {topic}, and how did you approach it?",
    "How would you explain {topic} to a new teammate in two minutes?",
    "Tell us about a time {topic} did not go to plan. What did you change afterwards?",
    "How do you keep your {topic} skills current?",
)
_GENERAL = (
    "Why does this role interest you, and what would you want to learn in it?",
    "Describe how you prefer to work with a team across time zones.",
    "What would your first month in this role look like?",
)


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def question_texts(criteria: tuple[Criterion, ...], role: str | None, count: int) -> list[str]:
    """`count` questions: one per criterion, must-haves first, then general ones."""
    ordered = sorted(criteria, key=lambda c: (_LEVEL_ORDER.get(c.level, 3), c.criterion))
    texts = [
        _PATTERNS[_digest(c.criterion) % len(_PATTERNS)].format(topic=c.criterion.rstrip("."))
        for c in ordered
    ]
    if role:
        texts.append(f"What makes you a strong fit for the {role} role?")
    texts.extend(_GENERAL)
    while len(texts) < count:  # more asked than there are topics: go round again, numbered
        texts.append(f"{texts[len(texts) % max(1, len(ordered) or 1)]} (follow-up)")
    return texts[:count]


def make_questions(ids: Ids, texts: list[str], first_order: int = 1) -> list[dict[str, Any]]:
    return [
        {
            "questionId": ids.take("question"),
            "question": text,
            "type": "AUDIO",
            "order": order,
            "durationSeconds": QUESTION_SECONDS,
        }
        for order, text in enumerate(texts, start=first_order)
    ]


def generated_assessment(
    ids: Ids,
    company: Company,
    job: Job | None,
    *,
    role: str | None,
    purpose: str | None,
    count: int,
) -> Assessment:
    criteria = job.criteria if job else ()
    role = role or (job.title if job else None)
    questions = make_questions(ids, question_texts(criteria, role, count))
    assessment_id = ids.take("assessment")
    now = now_ms()
    return Assessment(
        id=assessment_id,
        job_id=job.id if job else 0,
        test_name=f"{role or 'Role'} voice interview",
        status="ACTIVE",
        duration_minutes=max(5, 2 * len(questions)),
        created_ms=now,
        submission_count=0,
        url=f"https://assess.taptalent.io/i/{assessment_id:x}{_digest(str(now)):08x}",
        questions=questions,
        hiring_for_role=role,
        purpose_of_interview=purpose or f"Screen applicants for {role or 'the role'}.",
        skills=[c.criterion for c in criteria][:10],
        updated_ms=now,
    )


# ---- invitations ---------------------------------------------------------------------


def invitation_data(company: Company, inv: Invitation) -> dict[str, Any]:
    """An invitation as the invite answer and the webhooks carry it."""
    assessment = company.assessments.get(inv.assessment_id)
    data: dict[str, Any] = {
        "invitationId": inv.id,
        "assessmentId": inv.assessment_id,
        "candidateId": inv.candidate_id,
        "jobCandidateId": inv.job_candidate_id,
        "jobId": inv.job_id,
        "status": inv.status,
        "inviteUrl": f"{assessment.url}?invite={inv.id}" if assessment else None,
        "invitedAt": iso(inv.invited_ms),
    }
    return data


def submission_data(company: Company, inv: Invitation) -> dict[str, Any]:
    """A completed invitation as `GET /assessment/:id/candidates` lists it."""
    candidate = company.candidates.get(inv.candidate_id)
    return {
        "submissionId": inv.submission_id,
        "invitationId": inv.id,
        "assessmentId": inv.assessment_id,
        "candidateId": inv.candidate_id,
        "jobCandidateId": inv.job_candidate_id,
        "jobId": inv.job_id,
        "firstName": candidate.first_name if candidate else None,
        "lastName": candidate.last_name if candidate else None,
        "status": "COMPLETED",
        "score": inv.score,
        "summary": inv.summary,
        "submittedAt": iso(inv.submitted_ms or inv.invited_ms),
    }


async def run_invitation(rt: Runtime, inv: Invitation) -> None:
    """Wait until the candidate has taken it, then score it (and any other due one)."""
    due_ms = inv.invited_ms + int(rt.config.assessment_delay * 1000)
    await asyncio.sleep(max(0.0, (due_ms - now_ms()) / 1000))
    async with rt.keeper.changing(rt):
        settle_due_invitations(rt)


def due_invitations(rt: Runtime) -> list[tuple[Company, Invitation]]:
    deadline = now_ms() - int(rt.config.assessment_delay * 1000)
    due = [
        (company, inv)
        for company in rt.world.companies
        for inv in company.invitations.values()
        if inv.status == "INVITED" and inv.invited_ms <= deadline
    ]
    return sorted(due, key=lambda pair: (pair[1].invited_ms, pair[1].id))


def settle_due_invitations(rt: Runtime) -> bool:
    """Submit and score every invitation whose time has come; True if any."""
    due = due_invitations(rt)
    for company, inv in due:
        complete_invitation(rt, company, inv)
    return bool(due)


def complete_invitation(rt: Runtime, company: Company, inv: Invitation) -> None:
    rng = random.Random(f"{rt.config.seed}:invitation:{inv.id}")
    rt.emit(company, STARTED, {**invitation_data(company, inv), "status": "IN_PROGRESS"})
    if rng.random() < rt.faults.assessment_error_rate:
        inv.status, inv.error = "ERROR", "The candidate's audio could not be processed."
        rt.emit(company, FAILED, {**invitation_data(company, inv), "error": inv.error})
        return
    inv.submission_id = rt.ids.take("submission")
    inv.submitted_ms = now_ms()
    inv.score, inv.summary = submission_score(company, inv, rng)
    inv.status = "COMPLETED"
    assessment = company.assessments.get(inv.assessment_id)
    if assessment is not None:
        assessment.submission_count += 1
    rt.emit(company, ENDED, {**invitation_data(company, inv), "status": "ENDED"})
    rt.emit(company, SCORED, submission_data(company, inv))
