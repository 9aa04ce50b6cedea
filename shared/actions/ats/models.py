"""What the ATS use cases return (typed results; surfaces render them)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef, MirrorResult, RemoteJob
from shared.store import Origin

__all__ = ["MirrorResult"]  # defined beside MoveResult, which carries it


class AtsStage(BaseModel):
    id: str
    name: str


class AtsJobInfo(BaseModel):
    id: str
    name: str
    status: str | None = None
    remote_url: str | None = None
    stages: list[AtsStage] = Field(default_factory=list)


class LinkResult(BaseModel):
    """A TapTalent job linked to an ATS job and/or other systems (``linked``), or the jobs
    to pick from (the open ATS jobs in ``choices``, InstaView jobs in ``other_choices``)."""

    job: JobRef
    linked: bool
    ats_job: AtsJobInfo | None = None
    mirror: bool = False
    choices: list[AtsJobInfo] = Field(default_factory=list)
    system: str = "kombo"
    actor: str | None = None
    message: str
    others: list[RemoteJob] = Field(default_factory=list, description="Linked in other systems")
    other_choices: list[RemoteJob] = Field(default_factory=list, description="InstaView jobs")


class PushResult(BaseModel):
    """One job candidate pushed to the ATS. ``changed`` is False when it was already there."""

    job_candidate_id: Id
    name: str
    job: JobRef
    ats_job: AtsJobInfo
    application_id: str
    remote_url: str | None = None
    changed: bool
    created: bool = Field(description="A new application was created (not found)")
    steps: list[str] = Field(default_factory=list, description="What this push did")
    warnings: list[str] = Field(default_factory=list, description="What the ATS could not keep")
    score: float | None = None
    must_have_met: int | None = None
    must_have_total: int | None = None
    actor: str | None = None
    message: str


class PushFailure(BaseModel):
    job_candidate_id: Id
    name: str
    error: str


class PushBatchResult(BaseModel):
    job: JobRef
    pushed: list[PushResult]
    failed: list[PushFailure] = Field(default_factory=list)
    message: str


class ReasonsResult(BaseModel):
    """The ATS's rejection reasons (``reject <id>`` alone)."""

    job_candidate_id: Id
    reasons: list[str]
    message: str


class RejectResult(BaseModel):
    job_candidate_id: Id
    name: str
    application_id: str
    remote_url: str | None = None
    reason: str
    rejected: bool
    note: str | None = None
    actor: str | None = None
    message: str


class AtsChange(BaseModel):
    """A pushed application that changed in the ATS (webhook refresh)."""

    job_candidate_id: str
    application_id: str
    name: str
    stage: str | None = None
    rejected: bool = False
    reason: str | None = None
    remote_url: str | None = None
    origin: Origin
    message: str
