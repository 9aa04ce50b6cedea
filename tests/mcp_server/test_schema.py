"""Compacted schemas accept what pydantic's did, for fewer tokens."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from mcp_server.schema import compact_schema


class Inner(BaseModel):
    title: str  # a property named "title" must survive
    n: int | None = None


class Outer(BaseModel):
    limit: Annotated[int | None, Field(ge=1, le=50)] = None
    ids: list[int | str] | None = None
    inner: Inner | None = None


def test_titles_and_null_defaults_are_folded_away():
    schema = compact_schema(Outer.model_json_schema())
    props = schema["properties"]
    assert "title" not in schema and "$defs" not in schema
    assert props["limit"] == {"type": ["integer", "null"], "minimum": 1, "maximum": 50}
    assert props["ids"]["type"] == ["array", "null"]
    assert props["ids"]["items"] == {"type": ["integer", "string"]}
    assert props["inner"]["type"] == ["object", "null"]
    assert set(props["inner"]["properties"]) == {"title", "n"}


def test_output_schemas_drop_null_because_answers_leave_empty_fields_out():
    schema = compact_schema(Outer.model_json_schema(), output=True)
    props = schema["properties"]
    assert props["limit"] == {"type": "integer", "minimum": 1, "maximum": 50}
    assert props["inner"]["type"] == "object"
    assert "default" not in props["inner"]


def test_unions_with_constraints_on_both_arms_are_kept():
    schema = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 3}]}
    assert compact_schema(schema) == schema
