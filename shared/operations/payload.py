"""Reading webhook bodies in every documented shape.

TapTalent's notes show an envelope (`{"event", "timestamp", "companyId", "data": {...}}`);
seed 000 lists the `job.candidates.rescored` fields at the top level (a flat payload, the
event then named only by `X-Webhook-Event` or an `event` key beside them). Ids are
strings in one place and integers in another. All of these are accepted.
"""

from __future__ import annotations

from typing import Any

ENVELOPE_KEYS = frozenset({"event", "timestamp", "companyId", "company_id"})


def event_payload(body: dict[str, Any]) -> dict[str, Any]:
    """The event's own fields: `data` when it is an object, else the body without the
    envelope's keys (a flat payload)."""
    data = body.get("data")
    if isinstance(data, dict):
        return data
    return {k: v for k, v in body.items() if k not in ENVELOPE_KEYS}


def text_id(value: Any) -> str | None:
    """A string or integer id as text; None for anything else (bool, float, empty)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
