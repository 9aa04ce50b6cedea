"""Shrink the JSON schemas a client loads into the model's context with every `tools/list`.

pydantic writes a `title` for every property and spells an optional field as
`anyOf: [{type: X}, {type: null}]` plus `default: null`. None of that tells a model
anything the property name and type don't, and across eight tools it costs hundreds of
tokens, so it is folded away here without changing what the schema accepts.

Output schemas go further: tools leave empty fields out of their answers instead of
sending null (see tools/spec.py `answer`), so `null` and defaults are dropped there.
"""

from __future__ import annotations

from typing import Any

# Keys whose value maps names to subschemas, rather than being a schema itself.
_NAMED_SCHEMAS = ("properties", "$defs", "definitions", "patternProperties")
_SUBSCHEMA = ("items", "additionalProperties", "not")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")

# Keywords that only constrain instances of their own type, so they let `null` through and
# can sit beside `type: [X, "null"]` unchanged.
_TYPE_SPECIFIC = frozenset(
    [
        "type",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "properties",
        "required",
        "additionalProperties",
    ]
)


def compact_schema(schema: dict[str, Any], *, output: bool = False) -> dict[str, Any]:
    """A smaller schema that accepts the same documents (for output: the same answers)."""
    return _compact(inline_refs(schema), output=output)


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace `#/$defs/X` references by the definitions: each is used about once per tool,
    so the indirection only adds bytes. A recursive schema is left as it is."""
    defs = schema.get("$defs")
    if not isinstance(defs, dict):
        return schema

    def resolve(node: Any, seen: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [resolve(v, seen) for v in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref.removeprefix("#/$defs/")
            if name in seen:
                raise RecursionError(name)
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            return {**resolve(defs[name], seen | {name}), **resolve(siblings, seen)}
        return {k: resolve(v, seen) for k, v in node.items()}

    try:
        body = {k: v for k, v in schema.items() if k != "$defs"}
        resolved: dict[str, Any] = resolve(body, frozenset())
    except RecursionError:
        return schema
    return resolved


def _compact(schema: dict[str, Any], *, output: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if output and key == "default":
            continue
        if key in _NAMED_SCHEMAS and isinstance(value, dict):
            out[key] = {n: _compact(sub, output=output) for n, sub in value.items()}
        elif key in _SUBSCHEMA and isinstance(value, dict):
            out[key] = _compact(value, output=output)
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [_compact(v, output=output) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    if output:
        out = _without_null(out)
    return _fold_simple_union(out)


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    kinds = schema.get("type")
    if isinstance(kinds, list) and "null" in kinds:
        rest = [k for k in kinds if k != "null"]
        schema["type"] = rest[0] if len(rest) == 1 else rest
    arms = schema.get("anyOf")
    if isinstance(arms, list):
        kept = [a for a in arms if a != {"type": "null"}]
        if len(kept) == 1 and isinstance(kept[0], dict):
            del schema["anyOf"]
            schema = {**kept[0], **schema}
        else:
            schema["anyOf"] = kept
    return schema


def _fold_simple_union(schema: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [{type: integer, minimum: 1}, {type: null}]` -> `type: [integer, null], minimum: 1`.

    Folded only when at most one arm carries type-specific keywords, so the result accepts
    exactly what the `anyOf` did.
    """
    arms = schema.get("anyOf")
    if not isinstance(arms, list) or not arms:
        return schema
    if not all(isinstance(a, dict) and "type" in a and set(a) <= _TYPE_SPECIFIC for a in arms):
        return schema
    constrained = [a for a in arms if set(a) != {"type"}]
    if len(constrained) > 1:
        return schema
    types: list[Any] = []
    for arm in arms:
        kinds = arm["type"] if isinstance(arm["type"], list) else [arm["type"]]
        types.extend(k for k in kinds if k not in types)
    folded = {k: v for k, v in schema.items() if k != "anyOf"}
    if constrained:
        folded.update({k: v for k, v in constrained[0].items() if k != "type"})
    folded["type"] = types[0] if len(types) == 1 else types
    if "default" in folded and folded["default"] is None:
        # An omitted optional field means null already; saying so again costs tokens.
        del folded["default"]
    return folded
