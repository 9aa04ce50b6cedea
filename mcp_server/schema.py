"""Shrink the JSON schemas a client loads with every `tools/list`, and keep them portable.

pydantic writes a `title` for every property and spells an optional field as
`anyOf: [{type: X}, {type: null}]` plus `default: null`. None of that tells a model
anything the property name and type don't, and across eight tools it costs hundreds of
tokens, so it is folded away here.

Portable: some clients translate schemas into single-type dialects (Gemini's function
declarations, OpenAI's strict mode), which refuse `type: [..]` arrays and `{}` schemas.
So an optional argument is simply not required (it is never nullable: omitting it means
"not given", and an explicit null is still accepted), several types stay an `anyOf`, and
no schema is empty. Output schemas drop `null`, defaults and `required`: answers leave
empty fields out instead of sending null (see tools/spec.py `answer`).
"""

from __future__ import annotations

from typing import Any

_SERVER_CHECKED = frozenset({"minLength", "maxLength"})
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
        if output and key in ("default", "required"):
            # Answers leave empty fields out, and a client checks an answer against the
            # schema rather than planning from it: which fields are always there is not
            # worth the tokens every `tools/list` costs (about 120 for eight tools).
            continue
        if not output and (
            key in _SERVER_CHECKED or (key == "default" and value in (False, 0, ""))
        ):
            # Lengths are checked by the server and tell a model nothing it would use; an
            # option off, empty or zero by default goes without saying.
            continue
        if key in _NAMED_SCHEMAS and isinstance(value, dict):
            out[key] = {n: _compact(sub, output=output) for n, sub in value.items()}
        elif key in _SUBSCHEMA and isinstance(value, dict):
            out[key] = _compact(value, output=output)
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [_compact(v, output=output) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return _fold_simple_union(_without_null(out))


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    kinds = schema.get("type")
    if isinstance(kinds, list):
        rest = [k for k in kinds if k != "null"]
        if len(rest) == 1:
            schema["type"] = rest[0]
        else:
            del schema["type"]
            schema["anyOf"] = [{"type": k} for k in rest]
    arms = schema.get("anyOf")
    if isinstance(arms, list):
        kept = [a for a in arms if a != {"type": "null"}]
        if len(kept) == 1 and isinstance(kept[0], dict):
            del schema["anyOf"]
            schema = {**kept[0], **schema}
        else:
            schema["anyOf"] = kept
    if "default" in schema and schema["default"] is None:
        # An omitted optional field means "not given" already; saying so costs tokens.
        del schema["default"]
    return schema


def _fold_simple_union(schema: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [{type: integer, minimum: 1}, {type: integer}]` -> `type: integer, minimum: 1`.

    Folded only when every arm has the same single type and at most one arm carries
    type-specific keywords, so the result accepts what the `anyOf` did.
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
    if len(types) != 1:
        return schema
    folded["type"] = types[0]
    if "default" in folded and folded["default"] is None:
        # An omitted optional field means null already; saying so again costs tokens.
        del folded["default"]
    return folded
