"""Rescore runs: what ``POST /job-candidates/rescore`` starts and how they end."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator

from shared.taptalent.models._base import Id, Moment, TapTalentModel, split_list

FINISHED_STATUSES = frozenset({"completed", "failed"})


class RescoreStarted(TapTalentModel):
    """The 202 answer: one rescore run (``rescore_<jobId>_<epochMillis>``)."""

    rescore_id: str
    job_id: Id | None = None
    total_eligible: int | None = None
    total_queued: int | None = None
    #: Present only when the run was limited by credits: the balance at request time.
    credits_available: int | None = None

    @field_validator("credits_available", mode="before")
    @classmethod
    def _whole_credits(cls, value: Any) -> Any:
        # Typed "number": a fractional balance buys as many rescores as its whole part.
        if isinstance(value, float) and math.isfinite(value):
            return math.floor(value)
        return value

    @property
    def capped_by_credits(self) -> bool:
        return self.credits_available is not None

    def assuming_queued(self, requested: int) -> RescoreStarted:
        """This answer with ``total_queued`` filled in when TapTalent left it out.

        A 202 is the run accepted. Without ``totalQueued``, what was asked for (the ids
        sent, else ``totalEligible``) counts as queued; only ``creditsAvailable`` (present
        only when credits limited the run) lowers that to the balance. ``requested`` is the
        number of ids sent (0 for a whole job or stage).
        """
        if self.total_queued is not None:
            return self
        asked = [n for n in (requested or None, self.total_eligible) if n is not None]
        queued = min(asked) if asked else None
        if queued is not None and self.credits_available is not None:
            queued = min(queued, max(0, self.credits_available))
        return self.model_copy(update={"total_queued": queued})


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
    completed_at: Moment = None

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
