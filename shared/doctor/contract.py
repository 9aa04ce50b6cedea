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
    """Where `body` departs from `schema`, one sentence each (the deepest first), at most
    `limit`; an empty list when it conforms."""
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(body), key=lambda e: -len(e.absolute_path))
    return [_sentence(error) for error in errors[:limit]]


def _sentence(error: ValidationError) -> str:
    # Inside an anyOf, name the deepest complaint: "body.jobs[0].id: ..." says more than
    # "body: not valid under any of the given schemas".
    leaf = max(_tree(error), key=lambda e: (len(e.absolute_path), bool(e.context)))
    message = leaf.message
    if leaf.validator in ("anyOf", "oneOf"):
        message = f"{_short(repr(leaf.instance), 60)} fits none of the documented variants"
    return f"{_path_text(leaf.absolute_path)}: {_short(message)}"


def _tree(error: ValidationError) -> list[ValidationError]:
    found = [error]
    for child in error.context or ():
        found.extend(_tree(child))
    return found


def _path_text(path: Any) -> str:
    text = "body"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
