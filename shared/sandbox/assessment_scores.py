"""How the sandbox scores a submission, and the completed ones a generated world starts
with (so an assessment's `submissionCount` and its candidates list agree).

Kept apart from `assessing` so that data generation can use it without the runtime.
"""

from __future__ import annotations

import random

from shared.sandbox.clock import DAY_MS
from shared.sandbox.models import Assessment, Invitation
from shared.sandbox.state import Company, Ids


def seed_submissions(ids: Ids, company: Company, assessment: Assessment, seed: int) -> None:
    """`assessment.submission_count` of the job's candidates, completed and scored."""
    rng = random.Random(f"{seed}:{assessment.id}:submissions")
    members = sorted(company.job_candidates_of(assessment.job_id)) if assessment.job_id else []
    chosen = sorted(rng.sample(members, min(assessment.submission_count, len(members))))
    assessment.submission_count = len(chosen)
    for n, jc_id in enumerate(chosen):
        jc = company.job_candidates[jc_id]
        when = assessment.created_ms + (n + 1) * DAY_MS // 4
        inv = Invitation(
            id=ids.take("invitation"),
            assessment_id=assessment.id,
            candidate_id=jc.candidate.id,
            job_candidate_id=jc.id,
            job_id=jc.job_id,
            invited_ms=when - DAY_MS // 8,
            status="COMPLETED",
            submission_id=ids.take("submission"),
            submitted_ms=when,
        )
        inv.score, inv.summary = submission_score(company, inv, rng)
        company.invitations[inv.id] = inv


def submission_score(company: Company, inv: Invitation, rng: random.Random) -> tuple[float, str]:
    """Near the candidate's match score (their answers reflect the same experience)."""
    jc = company.job_candidates.get(inv.job_candidate_id or 0)
    evaluation = jc.evaluation if jc else None
    base = evaluation.score if evaluation else 60.0
    score = round(min(99.0, max(5.0, base + rng.uniform(-12, 12))), 2)
    strong = weak = None
    if evaluation:
        met = [
            c.criterion for c, ok in zip(evaluation.criteria, evaluation.met, strict=False) if ok
        ]
        missed = [
            c.criterion
            for c, ok in zip(evaluation.criteria, evaluation.met, strict=False)
            if not ok
        ]
        strong = met[0] if met else None
        weak = missed[0] if missed else None
    parts = ["Clear, structured answers." if score >= 70 else "Answers were brief in places."]
    if strong:
        parts.append(f"Strongest on {strong}.")
    if weak:
        parts.append(f"Little evidence of {weak}.")
    return score, " ".join(parts)
