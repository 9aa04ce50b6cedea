"""What InstaView sends and what tt sends it (camelCase on the wire, snake_case here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic.alias_generators import to_camel

T = TypeVar("T")


class InstaViewModel(BaseModel):
    """Something InstaView sends. Unknown fields are kept (``extra="allow"``)."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True, extra="allow"
    )


class InstaViewRequest(BaseModel):
    """A body tt sends: unknown fields are typos, so they are refused."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True, extra="forbid"
    )

    def to_body(self) -> dict[str, Any]:
        """The JSON body: wire names, unset and None fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def _text_list(value: Any) -> Any:
    """Points arrive as a list, or as one text with a point per line."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t")]
    return value


class Candidate(InstaViewModel):
    id: str
    first_name: str | None = None
    last_name: str | None = None
    status: str | None = None
    email: str | None = None
    phone_number: str | None = None
    job_id: str | None = None
    job_ids: list[str] = Field(default_factory=list)
    gdpr_expiry_date: str | None = None
    overall_rating: float | None = None
    metadata: dict[str, Any] | None = None
    analysis_count: int | None = None
    interview_count: int | None = None
    links: dict[str, str] | None = None
    gender: str | None = None
    cv_text: str | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @field_validator("job_ids", mode="before")
    @classmethod
    def _no_null_list(cls, value: Any) -> Any:
        return [] if value is None else value

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.id


class NewCandidate(InstaViewRequest):
    """``POST /candidates``. Checked against `rules.candidate_problems` before sending
    (which is why nothing here is required: the rules name what is missing)."""

    first_name: str | None = None
    last_name: str | None = None
    gdpr_expiry_date: date | datetime | str | None = None
    email: str | None = None
    phone_number: str | None = None
    job_ids: list[str] | None = None
    metadata: dict[str, Any] | None = None
    gender: str | None = None
    cv_text: str | None = None


class Agent(InstaViewModel):
    """An interview template: ``type`` ONLINE or PHONE, ``focus`` SCREENING, ...."""

    id: str
    name: str | None = None
    type: str | None = None
    focus: str | None = None
    language: str | None = None
    duration: int | float | None = None
    questions: list[Any] = Field(default_factory=list)


class Job(InstaViewModel):
    id: str
    title: str | None = None
    description: str | None = None
    status: str | None = None
    created_at: str | None = None


class NewJob(InstaViewRequest):
    title: str
    description: str | None = None


class AnalysisGeneral(InstaViewModel):
    overall_rating: float | None = None
    company_fit_rating: float | None = None
    strong_points: list[str] = Field(default_factory=list)
    weak_points: list[str] = Field(default_factory=list)
    evaluation: str | None = None

    _points = field_validator("strong_points", "weak_points", mode="before")(_text_list)


class Analysis(InstaViewModel):
    id: str | None = None
    interview_id: str | None = None
    candidate_id: str | None = None
    status: str | None = None
    general: AnalysisGeneral = Field(default_factory=AnalysisGeneral)
    created_at: str | None = None


class CallAttempt(InstaViewModel):
    id: str
    status: str | None = None
    started_at: str | None = None
    ended_at: str | None = None


class Interview(InstaViewModel):
    """An interview. ``schedule_time`` reads ``scheduleTime`` or ``scheduledAt``."""

    id: str
    candidate_id: str | None = None
    agent_id: str | None = None
    job_id: str | None = None
    status: str | None = None
    schedule_time: str | None = Field(
        default=None,
        validation_alias=AliasChoices("scheduleTime", "scheduledAt", "schedule_time"),
        serialization_alias="scheduleTime",
    )
    is_test: bool = False
    call_attempts: list[CallAttempt] = Field(default_factory=list)
    analysis_status: str | None = None
    analysis: Analysis | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @field_validator("call_attempts", mode="before")
    @classmethod
    def _no_null_attempts(cls, value: Any) -> Any:
        return [] if value is None else value


class NewInterview(InstaViewRequest):
    candidate_id: str
    agent_id: str
    job_id: str | None = None
    schedule_time: datetime | str | None = None
    is_test: bool | None = None


class WebhookEndpoint(InstaViewModel):
    """A registered webhook. ``signing_secret`` is only sent when it is created."""

    id: str
    url: str
    events: list[str] = Field(default_factory=list)
    name: str | None = None
    signing_secret: SecretStr | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list, whichever of the two documented shapes it came in."""

    items: list[T]
    total: int | None = None
    page: int = 1
    limit: int | None = None
    total_pages: int | None = None

    @property
    def has_next(self) -> bool:
        if self.total_pages is not None:
            return self.page < self.total_pages
        return self.limit is not None and len(self.items) >= self.limit


@dataclass(frozen=True)
class RateLimitWindow:
    limit: int | None
    remaining: int | None
    reset_seconds: float | None


@dataclass(frozen=True)
class RateLimitStatus:
    """The last ``X-RateLimit-*-{Minute,Hour}`` headers InstaView sent."""

    minute: RateLimitWindow
    hour: RateLimitWindow

    def wait_needed(self) -> float:
        """Seconds to wait before the next call can succeed (0 when some quota is left)."""
        waits = [
            w.reset_seconds or 0.0
            for w in (self.minute, self.hour)
            if w.remaining is not None and w.remaining <= 0
        ]
        return max(waits, default=0.0)
