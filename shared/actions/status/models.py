"""What `status <jobCandidateId>` returns: one section per system."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef

SectionState = Literal["ok", "none", "not_connected", "not_linked", "failed"]
Fact = str | float | int | bool | None


class SystemStatus(BaseModel):
    """One system's view of the candidate. ``state``: ``ok`` (read), ``none`` (nothing
    there yet: not pushed, not invited), ``not_connected``, ``not_linked`` (the job is not
    linked there), ``failed`` (the system did not answer; the rest of the view stands)."""

    system: str = Field(description="taptalent, ats, instaview, talynce, assessment")
    label: str
    state: SectionState
    summary: str = Field(description="One line")
    facts: dict[str, Fact] = Field(default_factory=dict)


class CandidateStatus(BaseModel):
    job_candidate_id: Id
    name: str
    job: JobRef | None = None
    systems: list[SystemStatus]

    def section(self, system: str) -> SystemStatus | None:
        return next((s for s in self.systems if s.system == system), None)
