"""Rescore runs: what ``POST /job-candidates/rescore`` starts and how they end."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from shared.taptalent.models._base import Id, TapTalentModel, split_list

FINISHED_STATUSES = frozenset({"completed", "failed"})


class RescoreStarted(TapTalentModel):
    """The 202 answer: one rescore run (``rescore_<jobId>_<epochMillis>``)."""

    rescore_id: str
    job_id: Id | None = None
    total_eligible: int | None = None
    total_queued: int | None = None
    #: Present only when the run was limited by credits: the balance at request time.
    credits_available: int | None = None

    @property
    def capped_by_credits(self) -> bool:
        return self.credits_available is not None


class RescoreError(TapTalentModel):
    reason: str = ""
    job_candidate_id: Id | None = None


class RescoreStatus(TapTalentModel):
    """``GET /job-candidates/rescore/:id`` (also the ``job.candidates.rescored`` payload)."""

    rescore_id: str
    job_id: Id | None = None
    status: str = "queued"
    total_eligible: int | None = None
    total_requested: int | None = None
    total_processed: int | None = None
    total_failed: int | None = None
    job_candidate_ids: list[Id] = Field(default_factory=list)
    capped_by_credits: bool | None = None
    errors: list[RescoreError] = Field(default_factory=list)
    completed_at: str | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("job_candidate_ids", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        value = split_list(value)
        return [] if value is None else value

    @field_validator("errors", mode="before")
    @classmethod
    def _errors(cls, value: Any) -> Any:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [{"reason": item} if isinstance(item, str) else item for item in items]

    @property
    def is_finished(self) -> bool:
        """``completed`` or ``failed``: nothing more will change."""
        return self.status in FINISHED_STATUSES
