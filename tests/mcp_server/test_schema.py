"""Compacted schemas: fewer tokens, and portable to single-type schema dialects."""

from __future__ import annotations

from typing import Annotated, Any

from mcp import Client
from pydantic import BaseModel, Field

from mcp_server.schema import compact_schema
from mcp_server.tools import SPECS


class Inner(BaseModel):
    title: str  # a property named "title" must survive
    n: int | None = None


class Outer(BaseModel):
    limit: Annotated[int | None, Field(ge=1, le=50)] = None
    ids: list[int | str] | None = None
    inner: Inner | None = None


def test_optional_fields_are_not_required_rather_than_nullable():
    schema = compact_schema(Outer.model_json_schema())
    props = schema["properties"]
    assert "title" not in schema and "$defs" not in schema and "required" not in schema
    assert props["limit"] == {"type": "integer", "minimum": 1, "maximum": 50}
    assert props["ids"]["type"] == "array"
    assert props["ids"]["items"] == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert props["inner"]["type"] == "object"
    assert set(props["inner"]["properties"]) == {"title", "n"}


def test_output_schemas_drop_null_because_answers_leave_empty_fields_out():
    schema = compact_schema(Outer.model_json_schema(), output=True)
    props = schema["properties"]
    assert props["limit"] == {"type": "integer", "minimum": 1, "maximum": 50}
    assert props["inner"]["type"] == "object"
    assert "default" not in props["inner"]


def test_unions_with_constraints_on_both_arms_are_kept():
    schema = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 3}]}
    assert compact_schema(schema, output=True) == schema


def _unportable(node: Any, where: str = "") -> list[str]:
    """Every `type: [..]` array and every schema without a type (or anyOf) under `node`."""
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("type"), list):
            found.append(f"{where}: type array {node['type']}")
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    if not (isinstance(sub, dict) and ("type" in sub or "anyOf" in sub)):
                        found.append(f"{where}.{name}: no type {sub}")
                    found += _unportable(sub, f"{where}.{name}")
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                if not ("type" in value or "anyOf" in value):
                    found.append(f"{where}[]: no type {value}")
                found += _unportable(value, f"{where}[]")
            elif key == "anyOf":
                for arm in value:
                    found += _unportable(arm, where)
    return found


async def test_every_published_schema_is_portable(client: Client):
    tools = (await client.list_tools()).tools
    assert len(tools) == len(SPECS)
    for tool in tools:
        assert _unportable(tool.input_schema, tool.name) == []
        assert _unportable(tool.output_schema, f"{tool.name} output") == []
        # Optional arguments are simply not required: none of them admits null.
        assert "null" not in str(tool.input_schema), tool.name
        required = set(tool.input_schema.get("required", []))
        for name, prop in tool.input_schema["properties"].items():
            assert name in required or "default" not in prop or prop["default"] is not None
