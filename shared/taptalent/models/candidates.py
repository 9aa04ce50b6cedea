"""Candidates of the company pool (``candidate_details``) and their pages."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from shared.taptalent.models._base import (
    Id,
    TapTalentModel,
    loads_if_json,
    page_with_readable_items,
    split_list,
)


class Pagination(TapTalentModel):
    """``{"page", "perPage", "totalCandidates", "totalPages"}``; every part optional."""

    page: int | None = None
    per_page: int | None = None
    total_candidates: int | None = None
    total_pages: int | None = None


class Candidate(TapTalentModel):
    """A candidate's profile. ``skills`` is always a list, whatever the server sent."""

    id: Id
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    resume: str | None = None
    current_job_title: str | None = None
    current_company: str | None = None
    city: str | None = None
    country: str | None = None
    skills: list[str] = Field(default_factory=list)
    cover_letter: str | None = None
    linkedin: str | None = None
    github_url: str | None = None
    gender: str | None = None
    date_of_birth: str | None = None
    nationality: str | None = None
    industry: str | None = None
    category: str | None = None
    majors: str | list[Any] | None = None
    summary: str | None = None
    languages: list[Any] | None = None
    educations: list[Any] | None = None
    certifications: list[Any] | None = None
    work_experiences: list[Any] | None = None
    project_experiences: list[Any] | None = None
    created_at: int | float | str | None = None
    updated_at: int | float | str | None = None

    @field_validator("skills", mode="before")
    @classmethod
    def _skills_as_list(cls, value: Any) -> Any:
        value = split_list(loads_if_json(value))
        if value is None:
            return []
        if isinstance(value, list):
            return [_skill_name(item) for item in value if _skill_name(item)]
        return value

    @field_validator(
        "languages",
        "educations",
        "certifications",
        "work_experiences",
        "project_experiences",
        mode="before",
    )
    @classmethod
    def _tolerant_list(cls, value: Any) -> Any:
        decoded = loads_if_json(value)
        if isinstance(decoded, str) and decoded != value:
            return [decoded]
        return split_list(decoded)

    @property
    def full_name(self) -> str:
        """First and last name; falls back to the email, then to the id."""
        name = " ".join(part.strip() for part in (self.first_name, self.last_name) if part)
        return name.strip() or self.email or f"Candidate {self.id}"


def _skill_name(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("name", "skill", "title", "value"):
            if isinstance(item.get(key), str):
                return str(item[key]).strip()
        return ""
    return "" if item is None else str(item)


class CandidatePage(TapTalentModel):
    """``/candidates/list`` and ``/candidates/batch/:id``; ``batch_status`` for batches."""

    candidates: list[Candidate] = Field(default_factory=list)
    pagination: Pagination | None = None
    batch_status: str | None = None
    #: Records that could not be read and were left out of ``candidates``.
    skipped: int = 0

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        return page_with_readable_items(data, "candidates", Candidate)
