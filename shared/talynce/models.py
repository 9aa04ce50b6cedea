"""Talynce's candidate resource (snake_case on the wire, as here)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class TalynceModel(BaseModel):
    """Something Talynce sends; unknown fields are kept."""

    model_config = ConfigDict(extra="allow")


class Application(TalynceModel):
    """The candidate's application to one job (a ``candidate_jobs`` row)."""

    id: str
    candidate_id: str | None = None
    job_id: str
    organization_id: str | None = None
    status: str | None = None
    screening_score: float | None = None
    match_score: float | None = None
    notes: str | None = None
    shortlisted_at: str | None = None
    screening_started_at: str | None = None
    screening_completed_at: str | None = None
    status_date: str | None = None
    metadata: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None


TalentPoolStatus = Literal["not_linked", "masked", "revealed"]


class Candidate(TalynceModel):
    id: str
    full_name: str = ""
    email: str = ""
    phone_number: str | None = None
    whatsapp_number: str | None = None
    location: str | None = None
    preferred_location: str | None = None
    primary_skills: list[str] = Field(default_factory=list)
    secondary_skills: list[str] = Field(default_factory=list)
    skill_array: list[str] = Field(default_factory=list)
    total_experience_years: float | None = None
    current_company: str | None = None
    current_designation: str | None = None
    current_ctc: float | None = None
    expected_ctc: float | None = None
    notice_period_days: int | None = None
    in_notice_period: bool | None = None
    last_working_day: str | None = None
    resume_url: str | None = None
    source: str | None = None
    screening_score: float | None = None
    talent_pool_status: str | None = None
    metadata: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    applications: list[Application] = Field(default_factory=list)

    @field_validator(
        "primary_skills", "secondary_skills", "skill_array", "applications", mode="before"
    )
    @classmethod
    def _no_null_lists(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("email", "full_name", mode="before")
    @classmethod
    def _no_null_text(cls, value: Any) -> Any:
        return "" if value is None else value

    @property
    def masked(self) -> bool:
        """Contact and CTC fields are hidden until someone reveals them in Talynce."""
        return self.talent_pool_status == "masked"

    def application_for(self, job_id: str) -> Application | None:
        return next((a for a in self.applications if a.job_id == job_id), None)


class ApplicationInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: str
    status: str | None = None
    notes: str | None = None


class CandidateInput(BaseModel):
    """The body of ``POST`` (full_name and email required) or ``PUT`` (partial)."""

    model_config = ConfigDict(extra="forbid")

    full_name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    whatsapp_number: str | None = None
    location: str | None = None
    preferred_location: str | None = None
    primary_skills: list[str] | None = None
    secondary_skills: list[str] | None = None
    total_experience_years: float | None = None
    current_company: str | None = None
    current_designation: str | None = None
    current_ctc: float | None = None
    expected_ctc: float | None = None
    notice_period_days: int | None = None
    in_notice_period: bool | None = None
    last_working_day: str | None = None
    resume_url: str | None = None
    source: str | None = None
    metadata: dict[str, Any] | None = None
    application: ApplicationInput | None = None

    def to_body(self) -> dict[str, Any]:
        """Only what was set (an explicit None is sent as null, to clear a field)."""
        return self.model_dump(mode="json", exclude_unset=True)


class CandidateUpsert(BaseModel):
    """What ``POST /candidates`` did: ``created`` (201) or matched by e-mail (200)."""

    candidate: Candidate
    created: bool

    @property
    def outcome(self) -> Literal["created", "matched"]:
        return "created" if self.created else "matched"


class CandidatePage(BaseModel):
    items: list[Candidate]
    total: int
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total and bool(self.items)
