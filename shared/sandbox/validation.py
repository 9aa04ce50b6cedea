"""Request validation with Joi-style messages; every problem names its field.

A `Problems` collects every problem of a request so one 400 answer lists them all in
`error.details`, keyed by the field (query parameter or body key) at fault.
"""

from __future__ import annotations

import ipaddress
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

from shared.sandbox.errors import invalid

_INTEGER = re.compile(r"^-?\d+$")
MISSING = object()


class Problems:
    def __init__(self) -> None:
        self.details: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        # Keep the first problem per field: it is usually the most basic one.
        self.details.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.details:
            raise invalid(self.details)


def path_id(request: Request, name: str) -> int:
    raw = request.path_params[name]
    if not _INTEGER.match(raw) or int(raw) < 1:
        raise invalid({name: f'"{name}" must be a positive integer'})
    return int(raw)


def query_int(
    params: Mapping[str, str],
    name: str,
    default: int,
    problems: Problems,
    *,
    minimum: int = 1,
    maximum: int | None = None,
    choices: Sequence[int] | None = None,
) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not _INTEGER.match(raw.strip()):
        problems.add(name, f'"{name}" must be an integer')
        return default
    value = int(raw)
    if choices is not None and value not in choices:
        listed = ", ".join(str(c) for c in choices)
        problems.add(name, f'"{name}" must be one of [{listed}]')
    elif value < minimum:
        problems.add(name, f'"{name}" must be greater than or equal to {minimum}')
    elif maximum is not None and value > maximum:
        problems.add(name, f'"{name}" must be less than or equal to {maximum}')
    return value


def query_optional_id(params: Mapping[str, str], name: str, problems: Problems) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if not _INTEGER.match(raw.strip()) or int(raw) < 1:
        problems.add(name, f'"{name}" must be a positive integer')
        return None
    return int(raw)


def query_score(params: Mapping[str, str], name: str, problems: Problems) -> float | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.add(name, f'"{name}" must be a number')
        return None
    if not math.isfinite(value):
        problems.add(name, f'"{name}" must be a number')
        return None
    if value < 0:
        problems.add(name, f'"{name}" must be greater than or equal to 0')
    elif value > 100:
        problems.add(name, f'"{name}" must be less than or equal to 100')
    return value


def query_choice(
    params: Mapping[str, str],
    name: str,
    choices: Sequence[str],
    default: str,
    problems: Problems,
    *,
    case_insensitive: bool = False,
) -> str:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    value = raw.upper() if case_insensitive else raw
    if value not in choices:
        problems.add(name, f'"{name}" must be one of [{", ".join(choices)}]')
        return default
    return value


def query_bool(params: Mapping[str, str], name: str, problems: Problems) -> bool:
    raw = params.get(name)
    if raw is None or raw == "":
        return False
    if raw.lower() not in {"true", "false"}:
        problems.add(name, f'"{name}" must be a boolean')
        return False
    return raw.lower() == "true"


async def json_body(request: Request) -> Any:
    """The parsed JSON body; an empty body reads as {}."""
    raw = await request.body()
    try:
        return json.loads(raw) if raw.strip() else {}
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise invalid({"body": "Request body must be valid JSON"}) from None


async def json_object(request: Request) -> dict[str, Any]:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise invalid({"body": "Request body must be a JSON object"})
    return body


def as_id(value: Any) -> int | None:
    """An id from a JSON body: a positive integer or a string of digits; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and _INTEGER.match(value.strip()) and int(value) > 0:
        return int(value)
    return None


def body_id(
    body: Mapping[str, Any], name: str, problems: Problems, *, required: bool, strict: bool = False
) -> int | None:
    """An id from a JSON body. ``strict``: the seed types it as an integer, so a string (even
    of digits) is refused as Joi would ("must be a number")."""
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        if required:
            problems.add(name, f'"{name}" is required')
        return None
    if strict and (isinstance(value, bool) or not isinstance(value, int)):
        problems.add(name, f'"{name}" must be a number')
        return None
    parsed = as_id(value)
    if parsed is None:
        problems.add(name, f'"{name}" must be a valid integer id')
    return parsed


def id_list(
    body: Mapping[str, Any],
    name: str,
    problems: Problems,
    *,
    maximum: int,
    required: bool,
    strict: bool = False,
) -> list[int] | None:
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        if required:
            problems.add(name, f'"{name}" is required')
        return None
    if not isinstance(value, list):
        problems.add(name, f'"{name}" must be an array')
        return None
    if not value:
        # Even where the list is optional: an empty list must not mean "everyone".
        problems.add(name, f'"{name}" must contain at least 1 items')
        return None
    if len(value) > maximum:
        problems.add(name, f'"{name}" must contain less than or equal to {maximum} items')
        return None
    ids: list[int] = []
    for position, item in enumerate(value):
        if strict and (isinstance(item, bool) or not isinstance(item, int)):
            problems.add(name, f'"{name}[{position}]" must be a number')
            return None
        parsed = as_id(item)
        if parsed is None:
            problems.add(name, f'"{name}[{position}]" must be a valid integer id')
            return None
        if parsed not in ids:
            ids.append(parsed)
    return ids


def url_list(body: Mapping[str, Any], name: str, problems: Problems, *, maximum: int) -> list[str]:
    """Seed 000's rules for `resumeURLs`, each refused URL named by its index
    (`resumeURLs[3]`); "publicly accessible" is checked as far as the text tells
    (**choice**: an http(s) URL whose host is not this machine or a private address)."""
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        problems.add(name, f'"{name}" is required')
        return []
    if not isinstance(value, list):
        problems.add(name, f'"{name}" must be an array')
        return []
    if not value:
        problems.add(name, f'"{name}" must contain at least 1 items')
        return []
    if len(value) > maximum:
        problems.add(name, f'"{name}" must contain less than or equal to {maximum} items')
        return []
    for position, item in enumerate(value):
        where = f"{name}[{position}]"
        if not isinstance(item, str):
            problems.add(where, f'"{where}" must be a string')
        elif not item.strip():
            problems.add(where, f'"{where}" is not allowed to be empty')
        elif not _public_url(item.strip()):
            problems.add(where, f'"{where}" must be a publicly accessible http(s) URL')
    return [str(item) for item in value] if not problems.details else []


def _public_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host or " " in url:
        return False
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        return "." in host


def text(
    body: Mapping[str, Any],
    name: str,
    problems: Problems,
    *,
    required: bool = False,
    minimum: int = 0,
    maximum: int,
) -> str | None:
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        if required:
            problems.add(name, f'"{name}" is required')
        return None
    if not isinstance(value, str):
        problems.add(name, f'"{name}" must be a string')
        return None
    if required and not value.strip():
        problems.add(name, f'"{name}" is not allowed to be empty')
        return None
    if len(value) < minimum:
        problems.add(name, f'"{name}" length must be at least {minimum} characters long')
    elif len(value) > maximum:
        problems.add(
            name, f'"{name}" length must be less than or equal to {maximum} characters long'
        )
    return value


def choice(
    body: Mapping[str, Any], name: str, choices: Sequence[str], default: str, problems: Problems
) -> str:
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        return default
    if value not in choices:
        problems.add(name, f'"{name}" must be one of [{", ".join(choices)}]')
        return default
    return str(value)


def body_number(
    body: Mapping[str, Any],
    name: str,
    problems: Problems,
    *,
    minimum: float = 0,
    maximum: float | None = None,
    integer: bool = False,
) -> float | None:
    value = body.get(name, MISSING)
    if value is MISSING or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.add(name, f'"{name}" must be a number')
        return None
    if integer and value != int(value):
        problems.add(name, f'"{name}" must be an integer')
    elif value < minimum:
        problems.add(name, f'"{name}" must be greater than or equal to {minimum:g}')
    elif maximum is not None and value > maximum:
        problems.add(name, f'"{name}" must be less than or equal to {maximum:g}')
    return float(value)


CRITERION_LEVELS = ("MUST_HAVE", "NICE_TO_HAVE", "BONUS")
MAX_CRITERIA = 20


def criteria_list(value: Any, name: str, problems: Problems) -> list[tuple[str, str]] | None:
    """[{criterion, level}] as (criterion, level) pairs; None (and a problem) when invalid."""
    if not isinstance(value, list):
        problems.add(name, f'"{name}" must be an array')
        return None
    if len(value) > MAX_CRITERIA:
        problems.add(name, f'"{name}" must contain less than or equal to {MAX_CRITERIA} items')
        return None
    pairs: list[tuple[str, str]] = []
    for position, item in enumerate(value):
        where = f'"{name}[{position}]'
        if not isinstance(item, dict):
            problems.add(name, f'{where}" must be an object')
            return None
        criterion, level = item.get("criterion"), item.get("level")
        if not isinstance(criterion, str) or not criterion.strip():
            problems.add(name, f'{where}.criterion" must be a non-empty string')
            return None
        if len(criterion) > 500:
            problems.add(name, f'{where}.criterion" length must be less than or equal to 500')
            return None
        if level not in CRITERION_LEVELS:
            problems.add(name, f'{where}.level" must be one of [{", ".join(CRITERION_LEVELS)}]')
            return None
        pairs.append((criterion.strip(), str(level)))
    return pairs
