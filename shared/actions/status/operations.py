"""A tolerant reader of the generic ``operations`` table for the sections whose kinds other
modules write (interviews, assessments): the latest operation of a kind for a candidate
(subject = the job candidate id as text), and named values found in its ``data`` and
``result`` whatever their exact spelling (``overallRating``, ``overall_rating``) or depth."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.store.operations import Operation
from shared.toolkit import Toolkit

MAX_DEPTH = 4


async def latest(tk: Toolkit, kind: str, subject: str) -> Operation | None:
    found = await tk.store.operations(kind, subject=subject)
    return found[-1] if found else None


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").casefold()


def _search(value: Any, wanted: set[str], depth: int) -> Any:
    if not isinstance(value, Mapping) or depth > MAX_DEPTH:
        return None
    for key, item in value.items():
        if _norm(str(key)) in wanted and item is not None and not isinstance(item, Mapping):
            return item
    for item in value.values():
        found = _search(item, wanted, depth + 1)
        if found is not None:
            return found
    return None


def find(operation: Operation, *names: str) -> Any:
    """The value of the first of ``names`` found (in that order of preference), each
    looked for in the result, then in the data."""
    for name in names:
        for part in (operation.result or {}, operation.data):
            found = _search(part, {_norm(name)}, 0)
            if found is not None:
                return found
    return None


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return None


def text(value: Any, limit: int = 80) -> str | None:
    if value is None or isinstance(value, Mapping | list):
        return None
    said = " ".join(str(value).split())
    return said[:limit] or None
