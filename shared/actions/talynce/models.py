"""What the Talynce use cases return (typed results; surfaces render them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef

TalynceOutcome = Literal["created", "matched", "masked", "already_pushed"]


class TalyncePushResult(BaseModel):
    """One job candidate pushed to Talynce, or found already pushed (``changed`` False)."""

    job_candidate_id: Id
    name: str
    job: JobRef
    talynce_job_id: str
    talynce_candidate_id: str | None = None
    outcome: TalynceOutcome
    changed: bool
    created: bool | None = Field(
        default=None, description="Talynce created the candidate (201); False: matched (200)"
    )
    masked: bool = Field(default=False, description="Masked in Talynce's talent pool")
    applied: bool = Field(default=False, description="Applied to the linked Talynce job")
    application_status: str | None = None
    fields: list[str] = Field(default_factory=list, description="Field names sent")
    ctc_sent: list[str] = Field(default_factory=list, description="CTC fields sent, in LPA")
    ctc_left_out: dict[str, str] = Field(default_factory=dict, description="field -> why")
    score: float | None = None
    actor: str | None = None
    message: str


class TalynceFailure(BaseModel):
    job_candidate_id: Id
    name: str
    error: str


class TalynceBatchResult(BaseModel):
    job: JobRef
    pushed: list[TalyncePushResult]
    failed: list[TalynceFailure] = Field(default_factory=list)
    message: str
