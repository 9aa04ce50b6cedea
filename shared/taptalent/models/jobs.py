"""Jobs, their pipeline stages and criteria, and the body of a job to create."""

from __future__ import annotations

import re
from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_validator

from shared.taptalent.models._base import (
    Id,
    TapTalentModel,
    TapTalentRequest,
    loads_if_json,
    page_with_readable_items,
    readable_items,
)

#: The stage types TapTalent documents; others (e.g. INTERVIEW) are accepted too.
KNOWN_STAGE_TYPES = (
    "SOURCED",
    "APPLIED",
    "ASSESSMENT",
    "SCREEN",
    "SHORTLISTED",
    "OFFER",
    "ONBOARDING",
    "HIRED",
)
CRITERION_LEVELS = ("MUST_HAVE", "NICE_TO_HAVE", "BONUS")


class PipelineStage(TapTalentModel):
    """One stage of a job's pipeline. Real TapTalent omits ``id``; the sandbox sends it."""

    id: Id | None = None
    name: str = ""
    type: str = ""
    total_candidate: int | None = None

    @field_validator("type", mode="before")
    @classmethod
    def _upper_type(cls, value: Any) -> Any:
        # Stage types are case-insensitive on TapTalent's side.
        return value.strip().upper() if isinstance(value, str) else value


class Criterion(TapTalentModel):
    """One job requirement: ``{"criterion", "level": MUST_HAVE | NICE_TO_HAVE | BONUS}``."""

    criterion: str = ""
    level: str | None = None


def _level_name(key: str) -> str:
    """``mustHave`` / ``must_have`` / ``Must Have`` -> ``MUST_HAVE``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key.strip())
    return re.sub(r"[\s\-]+", "_", snake).upper()


def _criterion_item(item: Any, level: str | None = None) -> dict[str, Any]:
    if isinstance(item, dict):
        out = dict(item)
        if "criterion" not in out:
            for key in ("name", "text", "description", "title", "value"):
                if isinstance(out.get(key), str):
                    out["criterion"] = out[key]
                    break
            else:
                out["criterion"] = ""
        if level is not None and out.get("level") is None:
            out["level"] = level
        return out
    return {"criterion": "" if item is None else str(item), "level": level}


def normalise_criteria(value: Any) -> list[dict[str, Any]]:
    """Accept the documented list, plain strings, or ``{level: [criteria]}`` objects."""
    value = loads_if_json(value)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [_criterion_item(value)]
    if isinstance(value, dict):
        if "criterion" in value:
            return [_criterion_item(value)]
        grouped: list[dict[str, Any]] = []
        for key, items in value.items():
            level = _level_name(str(key))
            for item in items if isinstance(items, list) else [items]:
                grouped.append(_criterion_item(item, level))
        return grouped
    if isinstance(value, list | tuple):
        return [_criterion_item(item) for item in value]
    return [_criterion_item(value)]


class Job(TapTalentModel):
    """A job posting (``GET /jobs``, ``GET /jobs/:id``, ``POST /jobs``)."""

    id: Id
    title: str = ""
    description: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    pipeline_id: Id | None = None
    status: str | None = None
    work_mode: str | None = None
    created_at: int | float | str | None = None
    rejected_candidate_count: int | None = None
    salary_range_from: int | float | None = None
    salary_range_to: int | float | None = None
    salary_currency: str | None = None
    contract_type: str | None = None
    year_of_experience: int | float | None = None
    screening_question: list[Any] | None = None
    pipeline_stage: list[PipelineStage] = Field(default_factory=list)
    criterion_details: list[Criterion] = Field(default_factory=list)

    @field_validator("pipeline_stage", mode="before")
    @classmethod
    def _stages(cls, value: Any) -> Any:
        # An unreadable stage is left out; the job and its other stages still count.
        return readable_items(PipelineStage, loads_if_json(value))[0]

    @field_validator("criterion_details", mode="before")
    @classmethod
    def _criteria(cls, value: Any) -> Any:
        return normalise_criteria(value)

    def stage(self, key: Id) -> PipelineStage | None:
        """The stage with this id, or else this type or name (case-insensitive)."""
        for stage in self.pipeline_stage:
            if stage.id is not None and str(stage.id) == str(key):
                return stage
        wanted = str(key).strip().upper()
        for stage in self.pipeline_stage:
            if stage.type == wanted or stage.name.strip().upper() == wanted:
                return stage
        return None


class JobList(TapTalentModel):
    """``GET /jobs``: ``{"jobs": [...], "totalJobs": n}``."""

    jobs: list[Job] = Field(default_factory=list)
    total_jobs: int | None = None
    #: Records that could not be read and were left out of ``jobs``.
    skipped: int = 0

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        return page_with_readable_items(data, "jobs", Job)


class ScreeningQuestion(TapTalentRequest):
    type: Literal["text"] = "text"
    question: str = Field(min_length=1)


class CriterionInput(TapTalentRequest):
    criterion: str = Field(min_length=1)
    level: Literal["MUST_HAVE", "NICE_TO_HAVE", "BONUS"]


class JobCreate(TapTalentRequest):
    """The body of ``POST /jobs``, checked against TapTalent's documented rules."""

    title: str = Field(min_length=3, max_length=500)
    city: str = Field(min_length=1, max_length=200)
    state: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)
    status: Literal["DRAFT", "ACTIVE"] | None = None
    work_mode: Literal["ONSITE", "REMOTE", "HYBRID"] | None = None
    screening_question: list[ScreeningQuestion] | None = Field(default=None, max_length=5)
    salary_range_from: float | None = Field(default=None, ge=0)
    salary_range_to: float | None = Field(default=None, ge=0)
    salary_currency: str | None = Field(default=None, min_length=1)
    contract_type: str | None = None
    year_of_experience: int | None = Field(default=None, ge=0, le=50)
    criterion_details: list[CriterionInput] | None = None

    @model_validator(mode="after")
    def _salary_all_or_nothing(self) -> Self:
        parts = (self.salary_range_from, self.salary_range_to, self.salary_currency)
        given = [part is not None for part in parts]
        if any(given) and not all(given):
            raise ValueError(
                "salaryRangeFrom, salaryRangeTo and salaryCurrency go together: "
                "give all three or none"
            )
        low, high = self.salary_range_from, self.salary_range_to
        if low is not None and high is not None and low > high:
            raise ValueError("salaryRangeFrom must not be greater than salaryRangeTo")
        return self

    def to_body(self) -> dict[str, Any]:
        # Whole numbers go out as integers (TapTalent documents integer salaries).
        body = super().to_body()
        if self.screening_question is not None:  # always send each question's "type"
            body["screeningQuestion"] = [
                q.model_dump(mode="json", by_alias=True) for q in self.screening_question
            ]
        for key in ("salaryRangeFrom", "salaryRangeTo"):
            value = body.get(key)
            if isinstance(value, float) and value.is_integer():
                body[key] = int(value)
        return {k: v for k, v in body.items() if v is not None}
