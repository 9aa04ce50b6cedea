"""Base model and tolerant field helpers shared by every API model."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

#: TapTalent ids: integers in the current docs, strings on older pages. Kept as sent.
Id = int | str


class TapTalentModel(BaseModel):
    """A model of something TapTalent sends.

    Attributes are snake_case; the wire names (camelCase) are aliases, used when dumping.
    Fields tt does not know about are kept (``extra="allow"``), so nothing is lost.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="allow",
    )


class TapTalentRequest(BaseModel):
    """A body tt sends: same naming as `TapTalentModel`, but unknown fields are typos."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="forbid",
        str_strip_whitespace=False,
    )

    def to_body(self) -> dict[str, Any]:
        """The JSON body: wire names, only the fields that were set."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


def split_list(value: Any) -> Any:
    """A list field that may arrive as a comma-separated string (or null)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, tuple | set):
        return list(value)
    if isinstance(value, dict):
        return [value]
    return value


def loads_if_json(value: Any) -> Any:
    """Some backends send nested objects as JSON strings; decode those, keep anything else."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "[{":
            try:
                return json.loads(text)
            except ValueError:
                return value
    return value


def unwrap_data(body: Any) -> Any:
    """The payload of ``{"status": "success", "data": X}`` / ``{"success": true, "data": X}``."""
    if isinstance(body, dict) and "data" in body and ("status" in body or "success" in body):
        return body["data"]
    return body
