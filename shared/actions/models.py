"""Typed results of the use cases: what every surface renders, so they all agree.

Contact details and salary figures are only filled in when the caller asks for them
(`include_private=True`); surfaces decide that from configuration, never by default.
Display facts derived from a result (must-have "m/n", the page count, a tie at the cut)
are properties here, worded in `shared.actions.presentation`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from shared.actions import presentation
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
    title: str | None = Field(default=None, description="Words every listed title holds")
    has_more: bool = False

    @property
    def pages(self) -> int | None:
        """How many pages the whole list takes, when the total is known."""
        return presentation.page_count(self.total, self.per_page)


class AtsLink(BaseModel):
    """The ATS job a TapTalent job is linked to (Kombo), with its stages when reachable."""

    ats_job_id: str
    ats_job_name: str
    mirror: bool = False
    stages: list[str] = Field(default_factory=list)
    remote_url: str | None = None


class RemoteJob(BaseModel):
    """A job in another system (InstaView, Talynce) that a TapTalent job links to, or could."""

    system: str
    id: str
    name: str = ""
    note: str | None = Field(default=None, description="What tt could not check, if anything")


class JobDetail(JobSummary):
    description: str = ""
    stages: list[StageInfo] = Field(default_factory=list)
    criteria: list[CriterionInfo] = Field(default_factory=list)
    rejected: int | None = None
    salary: str | None = Field(default=None, description="Only with include_private")
    ats: AtsLink | None = Field(default=None, description="The linked ATS job, if any")
    links: list[RemoteJob] = Field(default_factory=list, description="InstaView, Talynce jobs")


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

    @property
    def must_have(self) -> str | None:
        """Must Have criteria met, as "3/4"; None when the job has none."""
        return presentation.must_have(self.must_have_met, self.must_have_total)


class Tie(BaseModel):
    """The list was cut inside a group of equal scores: which were shown is arbitrary
    among them (ties are broken by job candidate id)."""

    score: float
    count: int = Field(description="Candidates (in the filters) with exactly this score")
    shown: int = Field(description="How many of them this list shows")

    @property
    def note(self) -> str:
        return presentation.tie_note(self.score, self.count)


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
    tie: Tie | None = Field(
        default=None, description="Set when the list is cut inside a tie of equal scores"
    )


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
    offset: int = 0
    scanned: int = Field(description="Job candidates looked at")
    total_matches: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.matches) < self.total_matches


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
    answer_unreadable: bool = Field(
        default=False,
        description="TapTalent accepted the rescore but its answer could not be read: it "
        "runs, is tracked by job until its id is known, and must not be started again",
    )
    requested_by: Origin
    message: str


class ScoreChange(BaseModel):
    job_candidate_id: Id
    name: str
    before: float | None = None
    after: float | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_new(self) -> bool:
        """Scored for the first time by this rescore (no score before it)."""
        return self.before is None and self.after is not None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


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
    not_done_ids: list[str] = Field(
        default_factory=list,
        description="Requested job candidates never rescored because credits ran out",
    )
    requested_at: float
    ended_at: float

    @property
    def cut_short(self) -> bool:
        """Credits ran out before every requested candidate was rescored."""
        return self.capped_by_credits or bool(self.not_done_ids)


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
