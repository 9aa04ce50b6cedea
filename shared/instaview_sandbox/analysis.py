"""Deterministic interview analyses: the same candidate, job and agent always rate the same.

The rating follows how many of the job's skills (the TapTalent template's) the CV text
mentions, so strong TapTalent candidates tend to do well here too, as in real life.
"""

from __future__ import annotations

import random
from typing import Any

from shared.instaview_sandbox.catalog import template_for
from shared.instaview_sandbox.state import AgentRec, CandidateRec, JobRec


def analyse(
    seed: int, candidate: CandidateRec, job: JobRec | None, agent: AgentRec
) -> dict[str, Any]:
    """The ``analysis.general`` object: ratings 0..100, points, and an evaluation."""
    rng = random.Random(f"{seed}:{candidate.id}:{agent.id}")
    template = template_for(job.title if job else None)
    skills = template.skills if template else ()
    text = (candidate.cv_text or "").lower()
    mentioned = [skill for skill in skills if skill.lower() in text]
    missing = [skill for skill in skills if skill not in mentioned]
    coverage = len(mentioned) / len(skills) if skills else 0.5
    overall = _clamp(35 + 60 * coverage + rng.randint(-4, 4))
    fit = _clamp(overall + rng.randint(-10, 8))
    strong = [f"Explained hands-on work with {skill} clearly" for skill in mentioned[:3]]
    weak = [f"Showed no experience with {skill}" for skill in missing[:2]]
    role = job.title if job else "the role"
    verdict = "Advance" if overall >= 75 else "Consider" if overall >= 55 else "Do not advance"
    return {
        "overallRating": overall,
        "companyFitRating": fit,
        "strongPoints": strong or ["Structured, calm answers"],
        "weakPoints": weak or ["Could quantify results more"],
        "evaluation": (
            f"{candidate.body['firstName']} covered {len(mentioned)} of {len(skills)} skills "
            f"{role} asks for in a {agent.spec.duration}-minute {agent.spec.focus.lower()} "
            f"interview. Recommendation: {verdict}."
        ),
    }


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))
