"""In-memory records of one company's data.

Records are compact on purpose: response dicts are built from them on demand (see
`serializer.py`), which keeps generating thousands of candidates fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from shared.sandbox.catalog import JobTemplate, Place


@dataclass(frozen=True, slots=True)
class Criterion:
    criterion: str
    level: str  # MUST_HAVE | NICE_TO_HAVE | BONUS


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of scoring a candidate against the criteria the job had at that time."""

    criteria: tuple[Criterion, ...]
    met: tuple[bool, ...]
    score: float


@dataclass(slots=True, eq=False)
class Candidate:
    id: int
    first_name: str
    last_name: str
    place: Place
    title: str
    employer: str
    years: int
    education: int  # 0 bootcamp, 1 bachelor, 2 master, 3 PhD (index into catalog.DEGREES)
    major: str
    skills: tuple[str, ...]
    skill_keys: frozenset[str]  # casefolded skills, for matching criteria
    profile_seed: int  # drives the details rendered lazily (phone, work history, ...)
    created_ms: int
    industry: str
    batch_id: int | None = None
    resume_url: str | None = None


@dataclass(slots=True, eq=False)
class Stage:
    id: int
    job_id: int
    name: str
    type: str


@dataclass(slots=True, eq=False)
class JobCandidate:
    id: int
    job_id: int
    candidate: Candidate
    stage_id: int
    status: str  # IN_PROGRESS | REJECTED | HIRED
    created_ms: int
    updated_ms: int
    evaluation: Evaluation | None
    notice_period: str | None = None
    willing_to_relocate: bool | None = None
    expected_ctc: int | None = None
    expected_ctc_currency: str | None = None
    expected_ctc_period: str | None = "ANNUALLY"
    current_ctc: int | None = None
    current_ctc_currency: str | None = None
    current_ctc_period: str | None = "ANNUALLY"
    rejected_ms: int | None = None
    hired_ms: int | None = None
    custom_fields: dict[str, Any] | None = None


@dataclass(slots=True, eq=False)
class Job:
    id: int
    title: str
    description: str
    city: str
    state: str
    country: str
    pipeline_id: int
    status: str
    work_mode: str
    created_ms: int
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    contract_type: str | None
    years: int | None
    criteria: tuple[Criterion, ...]
    stages: list[Stage]
    screening_questions: list[dict[str, str]] = field(default_factory=list)
    template: JobTemplate | None = None


@dataclass(slots=True, eq=False)
class Rescore:
    id: str
    job_id: int
    job_candidate_ids: list[int]
    total_eligible: int
    capped_by_credits: bool
    status: str = "queued"  # queued | completed | failed
    total_processed: int = 0
    total_failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    completed_at: str | None = None
    # When it was queued (epoch ms): it completes `rescore_delay` later, whichever process
    # of a persistent sandbox looks first (see workflows.settle_due).
    queued_ms: int = field(default_factory=lambda: int(time.time() * 1000))


@dataclass(slots=True, eq=False)
class Batch:
    id: int
    job_id: int | None
    urls: list[str]
    status: str = "PROCESSING"  # PROCESSING | COMPLETED | FAILED
    candidate_ids: list[int] = field(default_factory=list)
    failed_count: int = 0
    # Parsed `rescore_delay` after it was queued, scored `rescore_delay` after that,
    # whichever process of a persistent sandbox looks first (see workflows.settle_due).
    queued_ms: int = field(default_factory=lambda: int(time.time() * 1000))
    parsed_ms: int | None = None
    scored: bool = False
    added: list[int] = field(default_factory=list)  # job candidate ids awaiting a score
    errors: list[dict[str, str]] = field(default_factory=list)  # per-URL parse failures


@dataclass(slots=True, eq=False)
class Assessment:
    id: int
    job_id: int
    test_name: str
    status: str
    duration_minutes: int
    created_ms: int
    submission_count: int
    url: str
    questions: list[dict[str, Any]]
    hiring_for_role: str | None = None
    purpose_of_interview: str | None = None
    skills: list[str] = field(default_factory=list)
    ai_language: str = "english"
    updated_ms: int = 0


@dataclass(slots=True, eq=False)
class Invitation:
    """A candidate invited to an assessment; submitted `assessment_delay` after the invite
    (see assessing.settle_due_invitations), scored, and announced by webhook."""

    id: int
    assessment_id: int
    candidate_id: int
    job_candidate_id: int | None
    job_id: int | None
    invited_ms: int
    status: str = "INVITED"  # INVITED | COMPLETED | ERROR
    submission_id: int | None = None
    score: float | None = None
    summary: str | None = None
    error: str | None = None
    submitted_ms: int | None = None
