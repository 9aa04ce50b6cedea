"""What a channel may see of a candidate: with TT_SHOW_CONTACT_DETAILS off, every text
derived from a résumé (name, job title, company, summaries, work history, skills, criteria
evidence) has its e-mail addresses and phone numbers masked before any builder sees it."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from bot.blocks.text import redact

M = TypeVar("M", bound=BaseModel)

# Identifiers and pipeline facts are not résumé text (and a long numeric id is no phone).
_KEEP = frozenset({"stage", "status", "level", "type", "period", "year"})


def _mask(value: Any, key: str = "") -> Any:
    if key in _KEEP or key == "id" or key.endswith("_id") or key.endswith("_ids"):
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_mask(v, key) for v in value]
    if isinstance(value, dict):
        return {k: _mask(v, str(k)) for k, v in value.items()}
    return value


def for_channel(model: M, show_private: bool) -> M:
    """`model` as a channel may show it (unchanged when contact details may be shown)."""
    if show_private:
        return model
    data = _mask(model.model_dump(exclude_computed_fields=True))
    return type(model).model_validate(data)
