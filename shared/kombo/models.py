"""What Kombo sends, as pydantic models that keep fields tt does not know (``extra="allow"``).

Field names are Kombo's own (snake_case). Only what tt reads is typed; everything else
stays on the model, so nothing is lost when a newer Kombo adds fields.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")


class KomboModel(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class KomboWarning(KomboModel):
    message: str = ""


class Stage(KomboModel):
    """A stage of a job's pipeline. Take stage ids from the job, never the global list."""

    id: str
    remote_id: str | None = None
    name: str = ""
    status: str | None = None  # ACTIVE | INACTIVE
    index: int | None = None


class JobRef(KomboModel):
    id: str
    remote_id: str | None = None
    name: str | None = None


class Job(KomboModel):
    id: str
    remote_id: str | None = None
    name: str = ""
    job_code: str | None = None
    status: str | None = None  # OPEN | CLOSED | DRAFT | ARCHIVED
    visibility: str | None = None
    remote_url: str | None = None
    changed_at: str | None = None
    remote_deleted_at: str | None = None
    stages: list[Stage] = Field(default_factory=list)

    @field_validator("stages", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        return [] if value is None else value

    @property
    def is_open(self) -> bool:
        return (self.status or "").upper() == "OPEN"

    def ordered_stages(self) -> list[Stage]:
        """Stages in pipeline order (``index`` when given, else as sent)."""
        indexed = [(s.index if s.index is not None else i, i, s) for i, s in enumerate(self.stages)]
        return [s for _, _, s in sorted(indexed, key=lambda t: (t[0], t[1]))]


class CandidateSummary(KomboModel):
    id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email_addresses: list[Any] = Field(default_factory=list)

    @field_validator("email_addresses", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        return [] if value is None else value

    @property
    def emails(self) -> list[str]:
        """Addresses in either documented shape: strings or ``{email_address, type}``."""
        out = []
        for item in self.email_addresses:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict) and item.get("email_address"):
                out.append(str(item["email_address"]))
        return out


class Candidate(CandidateSummary):
    remote_id: str | None = None
    remote_url: str | None = None
    applications: list[dict[str, Any]] = Field(default_factory=list)

    @field_validator("applications", mode="before")
    @classmethod
    def _apps_no_null(cls, value: Any) -> Any:
        return [] if value is None else value


class Application(KomboModel):
    id: str
    remote_id: str | None = None
    outcome: str | None = None  # PENDING | HIRED | DECLINED
    rejection_reason_name: str | None = None
    rejected_at: str | None = None
    current_stage_id: str | None = None
    job_id: str | None = None
    candidate_id: str | None = None
    remote_url: str | None = None
    created_at: str | None = None
    changed_at: str | None = None
    candidate: CandidateSummary | None = None
    current_stage: Stage | None = None
    job: JobRef | None = None


class RejectionReason(KomboModel):
    id: str
    remote_id: str | None = None
    name: str = ""


class User(KomboModel):
    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class Page(KomboModel, Generic[T]):
    """One page of a list: ``results`` and the ``next`` cursor (None on the last page)."""

    results: list[T] = Field(default_factory=list)
    next: str | None = None


class Written(KomboModel, Generic[T]):
    """The answer to a write: its ``data`` and Kombo's ``warnings`` (things it could not
    carry over to this ATS, worth telling the user)."""

    data: T
    warnings: list[KomboWarning] = Field(default_factory=list)


class Check(KomboModel):
    environment: str | None = None
    customer_id: str | None = None


class NewCandidate(BaseModel):
    """The candidate part of ``POST /ats/jobs/{id}/applications``."""

    model_config = ConfigDict(extra="forbid")

    first_name: str
    last_name: str
    email_address: str
    phone_number: str | None = None
    company: str | None = None
    title: str | None = None
