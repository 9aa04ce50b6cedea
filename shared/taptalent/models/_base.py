"""Base model and tolerant field helpers shared by every API model."""

from __future__ import annotations

import json
import types
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    model_validator,
)
from pydantic.alias_generators import to_camel

#: TapTalent ids: integers in the current docs, strings on older pages. Kept as sent.
Id = int | str


def iso_moment(value: Any) -> Any:
    """A moment as ISO 8601 text: epoch seconds or milliseconds become ISO, text is kept."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    seconds = value / 1000 if abs(value) >= 100_000_000_000 else value
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return str(value)
    return moment.isoformat().replace("+00:00", "Z")


#: A documented ISO 8601 time that some answers send as epoch seconds or milliseconds.
Moment = Annotated[str | None, BeforeValidator(iso_moment)]


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
        # A phone or a postcode sent as a number is still text.
        coerce_numbers_to_str=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _tolerate_odd_values(cls, data: Any) -> Any:
        """One odd value must not cost the whole record: an object or a list where text is
        expected becomes its text, and a null where a value with a default is expected
        takes the default."""
        if not isinstance(data, dict):
            return data
        text_fields, defaulted = _lenient_fields(cls)
        fixed: dict[str, Any] | None = None
        for key, value in data.items():
            if value is None and key in defaulted:
                fixed = fixed if fixed is not None else dict(data)
                del fixed[key]
            elif isinstance(value, dict | list) and key in text_fields:
                fixed = fixed if fixed is not None else dict(data)
                fixed[key] = as_text(value)
        return data if fixed is None else fixed


def as_text(value: Any) -> str | None:
    """Text for a value sent where a string was documented (``{"name": "Acme"}`` -> Acme)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("name", "title", "label", "value", "text"):
            if isinstance(value.get(key), str | int | float) and not isinstance(
                value.get(key), bool
            ):
                return str(value[key])
        return None
    if isinstance(value, list):
        parts = [as_text(item) for item in value]
        return ", ".join(p for p in parts if p) or None
    return None if value is None else str(value)


def _accepts(annotation: Any) -> set[Any]:
    """The plain types an annotation admits (``str | None`` -> {str, NoneType})."""
    if get_origin(annotation) in (Union, types.UnionType):
        return {t for arg in get_args(annotation) for t in _accepts(arg)}
    return {get_origin(annotation) or annotation}


def _wire_names(name: str, field: Any) -> set[str]:
    names = {name, field.alias or name}
    choices = field.validation_alias
    if isinstance(choices, AliasChoices):
        names |= {c for c in choices.choices if isinstance(c, str)}
    elif isinstance(choices, str):
        names.add(choices)
    return names


@cache
def _lenient_fields(model: type[BaseModel]) -> tuple[frozenset[str], frozenset[str]]:
    """(wire names of text fields, wire names of non-nullable fields with a default)."""
    text: set[str] = set()
    defaulted: set[str] = set()
    for name, field in model.model_fields.items():
        accepted = _accepts(field.annotation)
        names = _wire_names(name, field)
        if accepted - {type(None)} == {str}:
            text |= names
        if type(None) not in accepted and not field.is_required() and Any not in accepted:
            defaulted |= names
    return frozenset(text), frozenset(defaulted)


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


#: Keys that may sit beside ``data`` in an envelope (the seed shows all of these, or none).
ENVELOPE_KEYS = frozenset({"data", "status", "success", "message", "code"})


def is_envelope(body: Any) -> bool:
    """``{"data": X}``, with or without ``status``/``success``/``message`` beside it."""
    return isinstance(body, dict) and "data" in body and body.keys() <= ENVELOPE_KEYS


def unwrap_data(body: Any) -> Any:
    """The payload of an envelope (``{"status": "success", "data": X}``, ``{"success": true,
    "data": X}``, or ``{"data": X}`` alone, as the rescore endpoints document); else ``body``."""
    return body["data"] if is_envelope(body) else body


def readable_items(model: type[BaseModel], items: Any) -> tuple[list[Any], int]:
    """The items of a page that read as ``model``, and how many did not.

    One record in an odd shape must not cost the whole page: it is left out and counted.
    """
    if items is None:
        return [], 0
    if not isinstance(items, list):
        return items, 0  # not a list at all: let validation say so
    kept: list[Any] = []
    for item in items:
        try:
            kept.append(model.model_validate(item))
        except ValidationError:
            continue
    return kept, len(items) - len(kept)


def page_with_readable_items(data: Any, key: str, model: type[BaseModel]) -> Any:
    """A page body whose ``key`` list keeps only readable items; ``skipped`` counts the rest."""
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return data
    kept, skipped = readable_items(model, data[key])
    return {**data, key: kept, "skipped": skipped}
