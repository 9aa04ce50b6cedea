"""Assessments (voice interviews and tests): what TapTalent sends, and what tt sends it.

Only the list is documented in full (`GET /assessment`); the other answers and every
request body are tt's **choice** (docs/partner-api.md), so these models read any object
that carries an id and keep every field they do not know.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AliasChoices, BeforeValidator, Field

from shared.taptalent.models._base import (
    Id,
    Moment,
    TapTalentModel,
    TapTalentRequest,
    readable_items,
    split_list,
)


class AssessmentQuestion(TapTalentModel):
    """One question of an assessment (the shape is not public: **choice**)."""

    question_id: Id | None = Field(
        default=None,
        validation_alias=AliasChoices("questionId", "id"),
        serialization_alias="questionId",
    )
    question: str = Field(validation_alias=AliasChoices("question", "text", "title"))
    type: str | None = None
    order: int | None = None
    duration_seconds: int | None = Field(
        default=None,
        validation_alias=AliasChoices("durationSeconds", "timeLimitSeconds"),
        serialization_alias="durationSeconds",
    )


class Assessment(TapTalentModel):
    """An assessment; ``questions`` only on ``GET /assessment/:id`` and after writes."""

    assessment_id: Id = Field(
        validation_alias=AliasChoices("assessmentId", "id"), serialization_alias="assessmentId"
    )
    test_name: str | None = None
    company_id: Id | None = None
    job_id: Id | None = None
    status: str | None = None
    assessment_type: str | None = None
    question_count: int | None = None
    hiring_for_role: str | None = None
    purpose_of_interview: str | None = None
    duration: int | float | str | None = None
    ai_language: str | None = None
    skills: Annotated[list[str] | None, BeforeValidator(split_list)] = None
    created_at: Moment = None
    last_updated_on: Moment = None
    assessment_url: str | None = None
    submission_count: int | None = None
    questions: list[dict[str, Any]] | None = None

    @property
    def id(self) -> Id:
        return self.assessment_id

    def question_list(self) -> list[AssessmentQuestion]:
        """The questions tt can read (an odd one is left out, never the whole list)."""
        kept, _ = readable_items(AssessmentQuestion, self.questions or [])
        return sorted(kept, key=lambda q: (q.order is None, q.order or 0))

    @property
    def questions_known(self) -> int:
        """How many questions it has: the list when sent, else `questionCount`."""
        if self.questions is not None:
            return len(self.questions)
        return self.question_count or 0


class AssessmentPagination(TapTalentModel):
    """The list's paging: the documented ``{page, limit, total}`` or tt's names."""

    page_number: int | None = Field(
        default=None, validation_alias=AliasChoices("pageNumber", "page")
    )
    per_page: int | None = Field(default=None, validation_alias=AliasChoices("perPage", "limit"))
    total: int | None = None
    total_pages: int | None = None


class AssessmentPage(TapTalentModel):
    assessments: list[Assessment] = Field(default_factory=list)
    pagination: AssessmentPagination | None = None
    skipped: int = 0


class Invitation(TapTalentModel):
    """What ``POST /assessment/:id/invite`` answers (**choice**: not public)."""

    invitation_id: Id | None = Field(
        default=None, validation_alias=AliasChoices("invitationId", "inviteId", "id")
    )
    assessment_id: Id | None = None
    candidate_id: Id | None = None
    job_candidate_id: Id | None = None
    status: str | None = None
    invite_url: str | None = Field(
        default=None, validation_alias=AliasChoices("inviteUrl", "assessmentUrl", "url")
    )
    invited_at: Moment = None


class Submission(TapTalentModel):
    """One candidate who completed an assessment (``GET /assessment/:id/candidates``,
    **choice**: the item shape is not public), or the data of its scoring webhook."""

    submission_id: Id | None = Field(
        default=None, validation_alias=AliasChoices("submissionId", "id")
    )
    invitation_id: Id | None = None
    assessment_id: Id | None = None
    candidate_id: Id | None = None
    job_candidate_id: Id | None = None
    job_id: Id | None = None
    first_name: str | None = None
    last_name: str | None = None
    status: str | None = None
    score: float | None = None
    summary: str | None = Field(
        default=None, validation_alias=AliasChoices("summary", "aiSummary", "feedback")
    )
    submitted_at: Moment = Field(
        default=None, validation_alias=AliasChoices("submittedAt", "completedAt")
    )


class SubmissionPage(TapTalentModel):
    candidates: list[Submission] = Field(
        default_factory=list, validation_alias=AliasChoices("candidates", "submissions")
    )
    pagination: AssessmentPagination | None = None
    skipped: int = 0


def readable_page(data: Any, key: str, model: type[TapTalentModel]) -> Any:
    """A page whose ``key`` list keeps only the readable items, counted in ``skipped``.
    A bare list is read as the items themselves."""
    if isinstance(data, list):
        data = {key: data}
    if not isinstance(data, dict):
        return data
    items = data.get(key)
    if key == "candidates" and items is None:
        items = data.get("submissions")
    if not isinstance(items, list):
        return data
    kept, skipped = readable_items(model, items)
    return {**data, key: kept, "skipped": skipped}


# ---- requests (every body here is a **choice**: TapTalent does not publish them) -------


class AssessmentFields(TapTalentRequest):
    test_name: str | None = Field(default=None, min_length=1, max_length=200)
    job_id: int | None = Field(default=None, ge=1)
    hiring_for_role: str | None = Field(default=None, min_length=1, max_length=200)
    purpose_of_interview: str | None = Field(default=None, min_length=1, max_length=2000)
    duration: int | None = Field(default=None, ge=1, le=180)
    ai_language: str | None = Field(default=None, min_length=2, max_length=35)
    skills: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(
        default=None, max_length=50
    )


class AssessmentCreate(AssessmentFields):
    test_name: str = Field(min_length=1, max_length=200)


class QuestionInput(TapTalentRequest):
    question: str = Field(min_length=1, max_length=2000)
    time_limit_seconds: int | None = Field(default=None, ge=10, le=1800)


class AutoGenerate(TapTalentRequest):
    """From a job, or from a role and a purpose."""

    job_id: int | None = Field(default=None, ge=1)
    hiring_for_role: str | None = Field(default=None, min_length=1, max_length=200)
    purpose_of_interview: str | None = Field(default=None, min_length=1, max_length=2000)
    question_count: int | None = Field(default=None, ge=1, le=50)


class InviteRequest(TapTalentRequest):
    candidate_id: int | None = Field(default=None, ge=1)
    job_candidate_id: int | None = Field(default=None, ge=1)
    email: str | None = Field(default=None, max_length=320)
    first_name: str | None = Field(default=None, min_length=1, max_length=200)
    last_name: str | None = Field(default=None, max_length=200)
