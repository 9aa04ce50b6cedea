"""InstaView's documented request rules, as pure functions over the wire body.

The client checks them before sending (so a refusal names the field without a round
trip) and the emulator enforces the same ones, so the two cannot drift apart. Each
function returns ``{field: what is wrong and what is allowed}``; empty means valid.
Where the seed is silent the choice is marked and listed in docs/connectors.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from shared.apiclient.values import is_email, is_uuid

NAME_MAX = 100
JOB_IDS_MAX = 50
METADATA_MAX_BYTES = 10 * 1024
METADATA_MAX_DEPTH = 5
METADATA_MAX_KEYS = 50
CV_TEXT_MAX = 50_000
GENDERS = ("male", "female")
E164 = re.compile(r"^\+[1-9]\d{1,14}$")
CANDIDATE_FIELDS = frozenset(
    {
        "firstName",
        "lastName",
        "gdprExpiryDate",
        "email",
        "phoneNumber",
        "jobId",
        "jobIds",
        "metadata",
        "gender",
        "cvText",
    }
)
EventName = Literal[
    "interview.started",
    "interview.completed",
    "interview.failed",
    "analysis.completed",
    "analysis.failed",
    "ping",
]
WEBHOOK_EVENTS: tuple[str, ...] = get_args(EventName)


def candidate_problems(body: Mapping[str, Any], *, now: datetime | None = None) -> dict[str, str]:
    """Every rule of seed 001 "Field Validation" for ``POST /candidates``."""
    problems: dict[str, str] = {}
    for name in ("firstName", "lastName"):
        _name(body.get(name), name, problems)
    _gdpr_expiry(body.get("gdprExpiryDate"), now or datetime.now(UTC), problems)
    _contact(body.get("email"), body.get("phoneNumber"), problems)
    if body.get("jobId") is not None and not is_uuid(body["jobId"]):
        problems["jobId"] = "must be a UUID (e.g. 123e4567-e89b-12d3-a456-426614174000)"
    if "jobIds" in body:
        _job_ids(body["jobIds"], problems)
    if body.get("metadata") is not None and (problem := metadata_problem(body["metadata"])):
        problems["metadata"] = problem
    cv_text = body.get("cvText")
    if cv_text is not None and (not isinstance(cv_text, str) or len(cv_text) > CV_TEXT_MAX):
        problems["cvText"] = f"must be text of at most {CV_TEXT_MAX:,} characters" + (
            f" (got {len(cv_text):,})" if isinstance(cv_text, str) else ""
        )
    gender = body.get("gender")
    if gender is not None and gender not in GENDERS:
        problems["gender"] = f"must be one of {', '.join(GENDERS)} (got {gender!r})"
    for name in sorted(set(body) - CANDIDATE_FIELDS):
        problems[name] = "is not a candidate field (metadata holds custom values)"
    return problems


def interview_problems(body: Mapping[str, Any]) -> dict[str, str]:
    """The shape of ``POST /interviews`` (existence is the server's to check)."""
    problems: dict[str, str] = {}
    for name in ("candidateId", "agentId"):
        if not is_uuid(body.get(name)):
            problems[name] = "is required and must be a UUID"
    if body.get("jobId") is not None and not is_uuid(body["jobId"]):
        problems["jobId"] = "must be a UUID"
    when = body.get("scheduleTime", body.get("scheduledAt"))
    if when is not None and parse_instant(when) is None:
        problems["scheduleTime"] = "must be an ISO 8601 date-time (e.g. 2026-12-01T09:30:00Z)"
    if "isTest" in body and not isinstance(body["isTest"], bool):
        problems["isTest"] = "must be true or false"
    return problems


def job_problems(body: Mapping[str, Any]) -> dict[str, str]:
    """``POST /jobs``: a title of 1..200 characters (**choice**: the seed gives no limits)."""
    problems: dict[str, str] = {}
    title = body.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 200:
        problems["title"] = "is required: 1 to 200 characters"
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        problems["description"] = "must be text"
    return problems


def webhook_problems(body: Mapping[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    url = body.get("url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        problems["url"] = "is required and must be an http(s) URL"
    events = body.get("events")
    if not isinstance(events, list) or not events:
        problems["events"] = f"must list at least one of {', '.join(WEBHOOK_EVENTS)}"
    elif unknown := [e for e in events if e not in WEBHOOK_EVENTS]:
        problems["events"] = f"unknown {unknown}; allowed: {', '.join(WEBHOOK_EVENTS)}"
    return problems


def metadata_problem(value: Any) -> str | None:
    """Why ``metadata`` breaks a limit, or None.

    **Choices** (the seed only says "max 10KB, max 5 levels deep, max 50 keys"): the size
    is of compact UTF-8 JSON, 10,240 bytes; the object itself is level 1 and a nested
    object or list adds one; keys are counted at every level.
    """
    if not isinstance(value, dict):
        return "must be a JSON object"
    size = len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())
    if size > METADATA_MAX_BYTES:
        return f"must be at most 10 KB as JSON ({METADATA_MAX_BYTES:,} bytes; got {size:,})"
    depth = _depth(value)
    if depth > METADATA_MAX_DEPTH:
        return f"must be at most {METADATA_MAX_DEPTH} levels deep (got {depth})"
    keys = _key_count(value)
    if keys > METADATA_MAX_KEYS:
        return f"must have at most {METADATA_MAX_KEYS} keys in all (got {keys})"
    return None


def parse_instant(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (a date is its midnight)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _name(value: Any, field: str, problems: dict[str, str]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems[field] = f"is required: 1 to {NAME_MAX} characters"
    elif len(value) > NAME_MAX:
        problems[field] = f"must be 1 to {NAME_MAX} characters (got {len(value)})"


def _gdpr_expiry(value: Any, now: datetime, problems: dict[str, str]) -> None:
    when = parse_instant(value)
    if value is None:
        problems["gdprExpiryDate"] = "is required: an ISO 8601 date in the future (2027-05-31)"
    elif when is None:
        problems["gdprExpiryDate"] = f"must be an ISO 8601 date such as 2027-05-31 (got {value!r})"
    elif when <= now:
        problems["gdprExpiryDate"] = f"must be in the future (got {value})"


def _contact(email: Any, phone: Any, problems: dict[str, str]) -> None:
    if email is None and phone is None:
        problems["email"] = "email or phoneNumber is required (at least one)"
        return
    if email is not None and not is_email(email):
        problems["email"] = "must be a valid e-mail address"
    if phone is not None and (not isinstance(phone, str) or not E164.match(phone)):
        problems["phoneNumber"] = "must be in E.164 format: + then up to 15 digits (+421915123456)"


def _job_ids(value: Any, problems: dict[str, str]) -> None:
    if not isinstance(value, list) or not 1 <= len(value) <= JOB_IDS_MAX:
        problems["jobIds"] = f"must be a list of 1 to {JOB_IDS_MAX} job ids"
    elif bad := [item for item in value if not is_uuid(item)]:
        problems["jobIds"] = f"must hold UUIDs only (not {bad[0]!r})"


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _key_count(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_key_count(v) for v in value.values())
    if isinstance(value, list):
        return sum(_key_count(v) for v in value)
    return 0
