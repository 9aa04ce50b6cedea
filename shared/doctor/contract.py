"""The Partner API contract (docs/partner-api.openapi.yaml), loaded for checking answers.

Installed, the document ships inside this package (see pyproject's force-include); in a
checkout it is read from docs/. `response_schema` gives the JSON Schema of one documented
answer with every `$ref` resolved, and `differences` lists, as sentences, where a body does
not match it.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

FILE_NAME = "partner-api.openapi.yaml"
_CHECKOUT_COPY = Path(__file__).resolve().parents[2] / "docs" / FILE_NAME

JsonDict = dict[str, Any]


class ContractError(LookupError):
    """The contract has no such operation or answer."""


def contract_text() -> str:
    """The document's text: the copy packaged with tt, else the checkout's docs/ copy."""
    packaged = resources.files("shared.doctor").joinpath(FILE_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _CHECKOUT_COPY.read_text(encoding="utf-8")


@functools.cache
def load() -> JsonDict:
    document = yaml.safe_load(contract_text())
    assert isinstance(document, dict)
    return document


def resolve(node: Any, document: JsonDict | None = None) -> Any:
    """A copy of `node` with every local `$ref` replaced by what it points to.

    The contract has no recursive schemas, so the result is finite. Keys beside a `$ref`
    (a description, an `x-choice`) are kept.
    """
    document = document or load()
    if isinstance(node, list):
        return [resolve(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = _pointer(document, node["$ref"])
        merged = {**resolve(target, document)}
        merged.update({k: resolve(v, document) for k, v in node.items() if k != "$ref"})
        return merged
    return {key: resolve(value, document) for key, value in node.items()}


def _pointer(document: JsonDict, ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ContractError(f"only local references are supported, not {ref!r}")
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def operations(document: JsonDict | None = None) -> dict[str, tuple[str, str, JsonDict]]:
    """operationId -> (METHOD, path template, operation object) for every path operation."""
    document = document or load()
    found: dict[str, tuple[str, str, JsonDict]] = {}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path, operation)
    return found


def response_schema(operation_id: str, status: int) -> JsonDict:
    """The resolved JSON Schema of `operation_id`'s answer with this status."""
    try:
        _, _, operation = operations()[operation_id]
    except KeyError:
        raise ContractError(f"the contract has no operation {operation_id!r}") from None
    answer = operation["responses"].get(str(status))
    if answer is None:
        documented = ", ".join(sorted(operation["responses"]))
        raise ContractError(
            f"{operation_id} does not document a {status} answer (documented: {documented})"
        )
    answer = resolve(answer)
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    return schema if schema is not None else {}


def request_schema(operation_id: str) -> JsonDict | None:
    """The resolved JSON Schema of `operation_id`'s JSON body, or None if it takes none."""
    _, _, operation = operations()[operation_id]
    body = operation.get("requestBody")
    if body is None:
        return None
    return resolve(body)["content"]["application/json"]["schema"]  # type: ignore[no-any-return]


def differences(schema: JsonDict, body: Any, limit: int = 5) -> list[str]:
    """Where `body` departs from `schema`, one sentence each, at most `limit`; an empty
    list when it conforms."""
    validator = Draft202012Validator(schema)
    leaves = [leaf for error in validator.iter_errors(body) for leaf in _leaves(error)]
    leaves.sort(key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    sentences = list(dict.fromkeys(_sentence(leaf) for leaf in leaves))
    return sentences[:limit]


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The complaints worth naming under `error`.

    For a union of object shapes (an envelope with or without `data`), the branch the body
    went furthest into, and each of its complaints; for a union of scalars (an id as integer
    or digit string), the union itself: "fits none of the documented variants".
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    if not isinstance(error.instance, dict | list):
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for child in error.context:
        branches.setdefault(child.relative_schema_path[0], []).append(child)
    # The body went furthest into the branch whose complaints are deepest.
    closest = min(
        branches.values(), key=lambda errs: (-max(len(e.absolute_path) for e in errs), len(errs))
    )
    return [leaf for child in closest for leaf in _leaves(child)]


def _sentence(error: ValidationError) -> str:
    """Where and how a body departs, naming JSON types and schema terms, never the value
    (doctor output gets pasted into bug reports; values can be candidates' details)."""
    return f"{_path_text(error.absolute_path)}: {_describe(error)}"


def _describe(error: ValidationError) -> str:
    got = json_type(error.instance)
    expected = error.validator_value
    match error.validator:
        case "anyOf" | "oneOf":
            return f"{got} fits none of the documented variants"
        case "type":
            names = expected if isinstance(expected, list) else [expected]
            return f"{got} where the contract says {' or '.join(map(str, names))}"
        case "required":
            missing = [k for k in expected if k not in error.instance]
            return f"missing {', '.join(missing)} (required)"
        case "enum" | "const":
            allowed = expected if isinstance(expected, list) else [expected]
            return (
                f"a value outside the documented ones ({_short(', '.join(map(str, allowed)), 80)})"
            )
        case "additionalProperties":
            return "keys the contract does not list"
    return f"{got} breaks the contract's {error.validator} {_short(str(expected), 40)}"


def json_type(value: Any) -> str:
    """The JSON name of a Python value's type, with an article: "a string", "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _path_text(path: Any) -> str:
    text = "body"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
