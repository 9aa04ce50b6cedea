"""Talynce's documented request rules (seed 002), shared by the client and the emulator.

Each function returns ``{field: what is wrong and what is allowed}``; empty means valid.
The seed gives types and what is required; limits it does not give are not invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.apiclient.values import is_email, is_iso_date, is_uuid

LIMIT_MAX = 100
TEXT_FIELDS = (
    "phone_number",
    "whatsapp_number",
    "location",
    "preferred_location",
    "current_company",
    "current_designation",
    "resume_url",
    "resume_path",
    "source",
)
NUMBER_FIELDS = ("total_experience_years", "current_ctc", "expected_ctc")
LIST_FIELDS = ("primary_skills", "secondary_skills")
CANDIDATE_FIELDS = frozenset(
    {
        "full_name",
        "email",
        *TEXT_FIELDS,
        *NUMBER_FIELDS,
        *LIST_FIELDS,
        "notice_period_days",
        "in_notice_period",
        "last_working_day",
        "metadata",
        "application",
    }
)
#: Contact and CTC fields: hidden while a talent-pool candidate is masked, and locked.
LOCKED_WHEN_MASKED = ("email", "phone_number", "whatsapp_number", "current_ctc", "expected_ctc")


def candidate_problems(body: Mapping[str, Any], *, creating: bool) -> dict[str, str]:
    """``POST`` (``creating``: full_name and email required) or ``PUT`` (partial)."""
    problems: dict[str, str] = {}
    if creating or "full_name" in body:
        name = body.get("full_name")
        if not isinstance(name, str) or not name.strip():
            problems["full_name"] = "is required: the candidate's full name"
    if creating or "email" in body:
        email = body.get("email")
        if not is_email(email):
            problems["email"] = (
                "is required and must be an e-mail address (unique per organization)"
            )
    for name in TEXT_FIELDS:
        if body.get(name) is not None and not isinstance(body[name], str):
            problems[name] = "must be text or null"
    for name in NUMBER_FIELDS:
        value = body.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            problems[name] = "must be a JSON number or null" + (
                " (CTC in LPA)" if "ctc" in name else ""
            )
        elif value is not None and value < 0:
            problems[name] = "must not be negative"
    for name in LIST_FIELDS:
        value = body.get(name)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            problems[name] = "must be a list of text tags"
    _optional_fields(body, problems)
    if body.get("application") is not None:
        problems.update(application_problems(body["application"]))
    for name in sorted(set(body) - CANDIDATE_FIELDS):
        problems[name] = "is not a Talynce candidate field (metadata holds custom values)"
    return problems


def application_problems(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {"application": "must be an object {job_id, status, notes}"}
    problems: dict[str, str] = {}
    if not is_uuid(value.get("job_id")):
        problems["application.job_id"] = "is required and must be a job UUID"
    if value.get("status") is not None and not isinstance(value["status"], str):
        problems["application.status"] = "must be text (a pipeline status of the organization)"
    if value.get("notes") is not None and not isinstance(value["notes"], str):
        problems["application.notes"] = "must be text or null"
    for name in sorted(set(value) - {"job_id", "status", "notes"}):
        problems[f"application.{name}"] = "is not an application field (job_id, status, notes)"
    return problems


def page_problems(limit: Any, offset: Any) -> dict[str, str]:
    problems: dict[str, str] = {}
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= LIMIT_MAX:
        problems["limit"] = f"must be a whole number from 1 to {LIMIT_MAX} (got {limit!r})"
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        problems["offset"] = f"must be a whole number from 0 (got {offset!r})"
    return problems


def _optional_fields(body: Mapping[str, Any], problems: dict[str, str]) -> None:
    days = body.get("notice_period_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
        problems["notice_period_days"] = "must be a whole number of days, 0 or more"
    notice = body.get("in_notice_period")
    if notice is not None and not isinstance(notice, bool):
        problems["in_notice_period"] = "must be true, false or null"
    last_day = body.get("last_working_day")
    if last_day is not None and not is_iso_date(last_day):
        problems["last_working_day"] = "must be a date as YYYY-MM-DD"
    if body.get("metadata") is not None and not isinstance(body["metadata"], Mapping):
        problems["metadata"] = "must be a JSON object"
