"""Assessments (voice interviews and tests)."""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, Field

from shared.taptalent.models._base import Id, TapTalentModel


class Assessment(TapTalentModel):
    """An assessment; ``questions`` only on ``GET /assessment/:id``."""

    assessment_id: Id = Field(
        validation_alias=AliasChoices("assessmentId", "id"), serialization_alias="assessmentId"
    )
    test_name: str | None = None
    job_id: Id | None = None
    status: str | None = None
    assessment_type: str | None = None
    question_count: int | None = None
    duration: int | float | str | None = None
    assessment_url: str | None = None
    submission_count: int | None = None
    questions: list[dict[str, Any]] | None = None

    @property
    def id(self) -> Id:
        return self.assessment_id


class AssessmentPagination(TapTalentModel):
    page_number: int | None = None
    per_page: int | None = None
    total: int | None = None
    total_pages: int | None = None


class AssessmentPage(TapTalentModel):
    assessments: list[Assessment] = Field(default_factory=list)
    pagination: AssessmentPagination | None = None
