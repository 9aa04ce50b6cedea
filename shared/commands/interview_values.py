"""The values the interview commands take (`interview`, `interview-status`): what each
allows, said in the error when a value does not fit."""

from __future__ import annotations

import re

AGENT_MAX = 100
AT_EXAMPLE = "2026-12-01T09:30:00Z"
_AT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?")
_INTERVIEW_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def to_agent(value: object) -> str:
    """An InstaView agent: its name (a few of its words are enough) or its id."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > AGENT_MAX:
        raise ValueError(
            f"an InstaView agent's name or id, up to {AGENT_MAX} characters (quoted when it "
            'has spaces: agent:"Phone screen")'
        )
    return text


def to_at(value: object) -> str:
    """An ISO 8601 date and time (the use case checks it is in the future)."""
    text = value.strip() if isinstance(value, str) else ""
    if not _AT.fullmatch(text):
        raise ValueError(
            f"an ISO 8601 date and time like {AT_EXAMPLE} (Z or an offset such as +05:30)"
        )
    return text


def to_interview_ref(value: object) -> str:
    """A job candidate id (its latest interview) or an InstaView interview id."""
    text = (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    )
    if not _INTERVIEW_REF.fullmatch(text):
        raise ValueError(
            "a job candidate id like 7, or an InstaView interview id (the invite shows it)"
        )
    return text
