"""What every resource shares: a handle on the client and tolerant response parsing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from shared.taptalent.errors import APIResponseValidationError, RequestLimitError

if TYPE_CHECKING:
    from shared.taptalent._client import Query, QueryValue, TapTalentClient

M = TypeVar("M", bound=BaseModel)

OrderColumn = Literal["createdAt", "firstName"]
OrderBy = Literal["ASC", "DESC"]
DateLike = str | date | datetime


def segment(value: object) -> str:
    """An id as one URL path segment (ids may be strings, so quote everything).

    Raises `RequestLimitError` for what cannot be one segment: "", "." and ".." would
    address another endpoint (URLs drop dot segments), a lone surrogate cannot be encoded.
    """
    text = str(value).strip()
    if text in ("", ".", ".."):
        raise RequestLimitError(f"{text!r} is not an id: an id cannot be empty, '.' or '..'.")
    try:
        return quote(text, safe="")
    except UnicodeEncodeError:
        raise RequestLimitError(f"{text!r} is not an id: it is not valid text.") from None


def iso(value: DateLike | None) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def camel_filters(filters: Mapping[str, Any]) -> dict[str, QueryValue]:
    """Extra filters as query parameters: ``snake_case`` names become ``camelCase``."""
    out: dict[str, QueryValue] = {}
    for key, value in filters.items():
        if value is None:
            continue
        name = to_camel(key) if "_" in key else key
        if isinstance(value, list | tuple | set):
            out[name] = ",".join(str(item) for item in value)
        elif isinstance(value, datetime | date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


class Resource:
    """A group of endpoints hanging off the client (``client.jobs``, ``client.rescores``...)."""

    def __init__(self, client: TapTalentClient) -> None:
        self._client = client

    async def _get(self, path: str, params: Query | None = None) -> Any:
        return await self._client.request("GET", path, params=params, idempotent=True)

    async def _post(self, path: str, body: Any, *, idempotent: bool) -> Any:
        return await self._client.request("POST", path, json=body, idempotent=idempotent)

    async def _put(self, path: str, body: Any) -> Any:
        return await self._client.request("PUT", path, json=body, idempotent=True)

    async def _patch(self, path: str, body: Any) -> Any:
        return await self._client.request("PATCH", path, json=body, idempotent=True)

    async def _delete(self, path: str) -> Any:
        return await self._client.request("DELETE", path, idempotent=True)


def parse(model: type[M], data: Any, where: str) -> M:
    """Validate a response part, turning a surprise into `APIResponseValidationError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise APIResponseValidationError(
            f"TapTalent's answer to {where} does not look like a {model.__name__}: {_summary(exc)}"
        ) from exc


def parse_list(model: type[M], data: Any, where: str) -> list[M]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise APIResponseValidationError(
            f"TapTalent's answer to {where} should be a list of {model.__name__}, "
            f"got {type(data).__name__}."
        )
    return [parse(model, item, where) for item in data]


def _summary(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        location = ".".join(str(part) for part in error["loc"]) or "body"
        parts.append(f"{location}: {error['msg']}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
