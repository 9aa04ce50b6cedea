"""A candidate's application to a job (job candidate), and what the stage endpoints return."""

from __future__ import annotations

from typing import Any, Self

from pydantic import AliasChoices, Field, ValidationError, field_validator, model_validator

from shared.taptalent.models._base import (
    Id,
    Moment,
    TapTalentModel,
    TapTalentRequest,
    loads_if_json,
    page_with_readable_items,
)
from shared.taptalent.models.candidates import Candidate, Pagination


def profile_under_one_name(data: dict[str, Any]) -> dict[str, Any]:
    """The profile is documented as ``candidate_details``; some answers say
    ``candidateDetails``. Read either, as ``candidate_details``."""
    if "candidate_details" not in data and "candidateDetails" in data:
        data = dict(data)
        data["candidate_details"] = data.pop("candidateDetails")
    return data


class CriterionMatch(TapTalentModel):
    """How a candidate meets one job criterion (tt's documented choice of shape)."""

    criterion: str = ""
    level: str | None = None
    met: bool | None = None
    evidence: str | None = None


class _ApplicationFields(TapTalentModel):
    """The editable application fields (notice period, CTC, relocation)."""

    notice_period: str | None = None
    is_willing_to_relocate: bool | None = None
    expected_ctc: float | None = Field(default=None, alias="expectedCTC")
    currency_expected_ctc: str | None = Field(default=None, alias="currencyExpectedCTC")
    expected_ctc_period: str | None = Field(default=None, alias="expectedCTCPeriod")
    current_ctc: float | None = Field(default=None, alias="currentCTC")
    currency_current_ctc: str | None = Field(default=None, alias="currencyCurrentCTC")
    current_ctc_period: str | None = Field(default=None, alias="currentCTCPeriod")


class JobCandidate(_ApplicationFields):
    """A candidate in a job: stage, status, AI score and criteria breakdown.

    ``id`` comes from ``jobCandidateId`` (job lists) or ``id`` (bulk fetch, stage endpoints).
    ``candidate`` is the nested ``candidate_details`` profile, when sent.
    """

    id: Id = Field(
        validation_alias=AliasChoices("jobCandidateId", "id"),
        serialization_alias="jobCandidateId",
    )
    job_id: Id | None = None
    candidate_id: Id | None = None
    stage_id: Id | None = None
    company_id: Id | None = None
    status: str | None = None
    evaluation_status: str | None = None
    created_at: int | float | str | None = None
    updated_at: int | float | str | None = None
    profile_match_score: float | None = None
    criteria_matches: dict[str, Any] | None = None
    recommend_to_recruiting_firm: bool | None = None
    ai_summary: str | None = None
    candidate: Candidate | None = Field(default=None, alias="candidate_details")
    custom_fields: dict[str, Any] | None = None
    screening_question_answer: list[Any] | None = None
    hired_at: Moment = None
    rejected_at: Moment = None

    @model_validator(mode="before")
    @classmethod
    def _profile_id_from_parent(cls, data: Any) -> Any:
        # A nested profile without its own id can borrow candidateId from the application.
        if isinstance(data, dict):
            data = profile_under_one_name(data)
            details = data.get("candidate_details")
            if isinstance(details, dict) and "id" not in details and "candidateId" in data:
                data = {**data, "candidate_details": {**details, "id": data["candidateId"]}}
            if isinstance(details, dict) and not details:
                data = {**data, "candidate_details": None}
        return data

    @field_validator("candidate", mode="wrap")
    @classmethod
    def _profile_or_nothing(cls, value: Any, handler: Any) -> Any:
        # An unreadable profile costs the name, not the application (score, stage, ...).
        try:
            return handler(value)
        except ValidationError:
            return None

    @field_validator("criteria_matches", mode="before")
    @classmethod
    def _any_shape(cls, value: Any) -> Any:
        value = loads_if_json(value)
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, list):
            return {"criteria": value}
        return {"value": value}

    @field_validator("custom_fields", mode="before")
    @classmethod
    def _fields_object(cls, value: Any) -> Any:
        value = loads_if_json(value)
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, list):
            return {str(i): item for i, item in enumerate(value)}
        return {"value": value}

    @property
    def criteria(self) -> list[CriterionMatch]:
        """The per-criterion breakdown (``criteriaMatches.criteria``); empty when absent."""
        raw = (self.criteria_matches or {}).get("criteria")
        if not isinstance(raw, list):
            return []
        out: list[CriterionMatch] = []
        for item in raw:
            if isinstance(item, str):
                out.append(CriterionMatch(criterion=item))
            elif isinstance(item, dict):
                try:
                    out.append(CriterionMatch.model_validate(item))
                except ValidationError:
                    continue
        return out

    @property
    def name(self) -> str:
        """The candidate's name when the profile was sent, else a label with the id."""
        return self.candidate.full_name if self.candidate else f"Job candidate {self.id}"


class JobCandidatePage(TapTalentModel):
    """A page of a job's candidates; ``skipped`` counts records that could not be read."""

    candidates: list[JobCandidate] = Field(default_factory=list)
    pagination: Pagination | None = None
    skipped: int = 0

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        return page_with_readable_items(data, "candidates", JobCandidate)


class JobCandidateUpdate(TapTalentRequest):
    """The partial body of ``PATCH /job-candidates/:id``; only fields you set are sent."""

    notice_period: str | None = None
    is_willing_to_relocate: bool | None = None
    expected_ctc: float | None = Field(default=None, alias="expectedCTC")
    currency_expected_ctc: str | None = Field(default=None, alias="currencyExpectedCTC")
    expected_ctc_period: str | None = Field(default=None, alias="expectedCTCPeriod")
    current_ctc: float | None = Field(default=None, alias="currentCTC")
    currency_current_ctc: str | None = Field(default=None, alias="currencyCurrentCTC")
    current_ctc_period: str | None = Field(default=None, alias="currentCTCPeriod")

    @model_validator(mode="after")
    def _at_least_one(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("set at least one field to update")
        return self


class StageCandidate(TapTalentModel):
    """One row of the stage endpoints: profile, application, onboarding and custom fields."""

    candidate_details: Candidate | None = Field(default=None, alias="candidate_details")
    job_candidate_details: JobCandidate | None = None
    onboarding_form_details: list[dict[str, Any]] = Field(default_factory=list)
    custom_fields: dict[str, Any] | None = None

    @field_validator("onboarding_form_details", mode="before")
    @classmethod
    def _forms(cls, value: Any) -> Any:
        value = loads_if_json(value)
        if value is None:
            return []
        return [value] if isinstance(value, dict) else value

    @model_validator(mode="before")
    @classmethod
    def _profile_id_from_application(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = profile_under_one_name(data)
            details, application = data.get("candidate_details"), data.get("jobCandidateDetails")
            if (
                isinstance(details, dict)
                and "id" not in details
                and isinstance(application, dict)
                and "candidateId" in application
            ):
                data = {**data, "candidate_details": {**details, "id": application["candidateId"]}}
        return data

    @property
    def candidate(self) -> Candidate | None:
        return self.candidate_details

    @property
    def job_candidate(self) -> JobCandidate | None:
        return self.job_candidate_details


class StageCandidatePage(TapTalentModel):
    """A page of the stage endpoints; ``skipped`` counts records that could not be read."""

    candidates: list[StageCandidate] = Field(default_factory=list)
    pagination: Pagination | None = None
    skipped: int = 0

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        return page_with_readable_items(data, "candidates", StageCandidate)


class StageMoveResult(TapTalentModel):
    """``PUT /job-candidates/:id/stage``: the application after the move."""

    id: Id = Field(validation_alias=AliasChoices("id", "jobCandidateId"))
    job_id: Id | None = None
    candidate_id: Id | None = None
    stage_id: Id | None = None
    status: str | None = None


class BulkUploadResult(TapTalentModel):
    """A resume batch: ``batchId`` to follow it, ``fileCount`` accepted."""

    batch_id: Id
    file_count: int | None = None
    job_id: Id | None = None
