"""Typed results of the use cases: what every surface renders, so they all agree.

Contact details and salary figures are only filled in when the caller asks for them
(`include_private=True`); surfaces decide that from configuration, never by default.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.store import Origin

Id = int | str


class JobRef(BaseModel):
    id: Id
    title: str


class StageInfo(BaseModel):
    id: Id | None = None
    name: str
    type: str
    count: int | None = Field(default=None, description="Candidates in this stage")

    def label(self) -> str:
        parts = [p for p in (self.type, f"id {self.id}" if self.id is not None else "") if p]
        return f"{self.name} ({', '.join(parts)})" if parts else self.name


class CriterionInfo(BaseModel):
    criterion: str
    level: str


class JobSummary(BaseModel):
    id: Id
    title: str
    status: str | None = None
    location: str = ""
    work_mode: str | None = None
    candidates: int | None = None


class JobsPage(BaseModel):
    jobs: list[JobSummary]
    page: int
    per_page: int
    total: int | None = None
    status: str | None = None
    has_more: bool = False


class AtsLink(BaseModel):
    """The ATS job a TapTalent job is linked to (Kombo), with its stages when reachable."""

    ats_job_id: str
    ats_job_name: str
    mirror: bool = False
    stages: list[str] = Field(default_factory=list)
    remote_url: str | None = None


class JobDetail(JobSummary):
    description: str = ""
    stages: list[StageInfo] = Field(default_factory=list)
    criteria: list[CriterionInfo] = Field(default_factory=list)
    rejected: int | None = None
    salary: str | None = Field(default=None, description="Only with include_private")
    ats: AtsLink | None = Field(default=None, description="The linked ATS job, if any")


class CandidateRow(BaseModel):
    """One candidate in a ranked list: enough to decide whether to open them."""

    rank: int | None = None
    job_candidate_id: Id
    candidate_id: Id | None = None
    job_id: Id | None = None
    name: str
    title: str | None = None
    company: str | None = None
    score: float | None = None
    stage_id: Id | None = None
    stage: str | None = None
    status: str | None = None
    must_have_met: int | None = None
    must_have_total: int | None = None
    summary_line: str | None = Field(default=None, description="First sentence of the AI summary")


class TopCandidatesResult(BaseModel):
    job: JobRef
    candidates: list[CandidateRow]
    offset: int = 0
    limit: int
    total_scored: int | None = Field(default=None, description="Scored candidates in the filters")
    unscored: int | None = Field(default=None, description="Candidates not scored yet")
    min_score: float | None = None
    stage: StageInfo | None = None
    include_rejected: bool = False
    has_more: bool = False
    skipped: int = Field(default=0, description="Records TapTalent sent that could not be read")


class CriterionMatchInfo(BaseModel):
    criterion: str
    level: str | None = None
    met: bool | None = None
    evidence: str | None = None


class Experience(BaseModel):
    title: str | None = None
    company: str | None = None
    period: str | None = None


class Education(BaseModel):
    degree: str | None = None
    school: str | None = None
    year: str | None = None


class Contact(BaseModel):
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None


class Salary(BaseModel):
    expected: str | None = None
    current: str | None = None


class CandidateDetail(CandidateRow):
    job: JobRef | None = None
    ai_summary: str | None = None
    breakdown: dict[str, float] = Field(default_factory=dict)
    criteria: list[CriterionMatchInfo] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    location: str | None = None
    experience: list[Experience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    profile_summary: str | None = None
    recommended: bool | None = None
    contact: Contact | None = Field(default=None, description="Only with include_private")
    salary: Salary | None = Field(default=None, description="Only with include_private")


class SearchMatch(CandidateRow):
    job_title: str | None = None
    matched: list[str] = Field(default_factory=list, description="Fields the words matched")


class SearchResult(BaseModel):
    text: str
    job: JobRef | None = None
    min_score: float | None = None
    matches: list[SearchMatch]
    scanned: int = Field(description="Job candidates looked at")
    total_matches: int


class RescoreGroupResult(BaseModel):
    """What `rescore` started: one group, one or more TapTalent rescore ids."""

    group_id: str | None = None
    job: JobRef
    stage: StageInfo | None = None
    rescore_ids: list[str] = Field(default_factory=list)
    total_eligible: int = 0
    total_queued: int = 0
    not_queued: int = 0
    not_queued_reason: str | None = Field(
        default=None, description="Why some candidates were not queued (credits, an outage)"
    )
    capped_by_credits: bool = False
    credits_available: int | None = None
    out_of_credits: bool = False
    requested_by: Origin
    message: str


class ScoreChange(BaseModel):
    job_candidate_id: Id
    name: str
    before: float | None = None
    after: float | None = None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


RescoreState = Literal["pending", "completed", "failed", "expired"]


class RescoreStatusResult(BaseModel):
    rescore_id: str
    rescore_ids: list[str] = Field(
        default_factory=list, description="Every rescore id of the same request"
    )
    job_id: Id
    status: RescoreState
    total_requested: int | None = None
    total_processed: int | None = None
    total_failed: int | None = None
    capped_by_credits: bool = False
    errors: list[str] = Field(default_factory=list)
    completed_at: str | None = None
    group_id: str | None = None
    changes: list[ScoreChange] = Field(default_factory=list)
    changed: int = Field(default=0, description="Candidates whose score changed")
    new_top: list[CandidateRow] = Field(default_factory=list)


class RescoreReport(BaseModel):
    """The completion notice for one rescore request (all of its rescore ids)."""

    group_id: str
    job: JobRef
    origin: Origin
    state: Literal["completed", "failed", "partial", "expired"]
    rescore_ids: list[str]
    requested: int = 0
    processed: int = 0
    failed: int = 0
    capped_by_credits: bool = False
    errors: list[str] = Field(default_factory=list)
    changes: list[ScoreChange] = Field(default_factory=list)
    changed: int = 0
    new_top: list[CandidateRow] = Field(default_factory=list)
    requested_at: float
    ended_at: float


class MirrorResult(BaseModel):
    """What a tt move did in the ATS (mirroring): the stage pairing, or why it did not move."""

    application_id: str
    remote_url: str | None = None
    ats_stage: str | None = None
    matched_by: str | None = Field(default=None, description="name, type, or None: no match")
    moved: bool
    message: str


class MoveResult(BaseModel):
    job_candidate_id: Id
    name: str
    job: JobRef
    from_stage: StageInfo | None = None
    to_stage: StageInfo
    moved: bool
    actor: str | None = None
    message: str
    ats: MirrorResult | None = Field(default=None, description="The mirrored move in the ATS")
