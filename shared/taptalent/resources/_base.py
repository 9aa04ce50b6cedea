"""What every resource shares: a handle on the client and tolerant response parsing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from shared.taptalent.errors import APIResponseValidationError, RequestLimitError
from shared.taptalent.models._base import readable_items

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

    async def _post_exchange(self, path: str, body: Any) -> tuple[Any, httpx.Response]:
        """A POST that starts work, with the response kept for when its body is unreadable."""
        return await self._client.exchange("POST", path, json=body, idempotent=False)

    async def _put(self, path: str, body: Any) -> Any:
        return await self._client.request("PUT", path, json=body, idempotent=True)

    async def _patch(self, path: str, body: Any) -> Any:
        return await self._client.request("PATCH", path, json=body, idempotent=True)

    async def _delete(self, path: str) -> Any:
        return await self._client.request("DELETE", path, idempotent=True)


def parse(model: type[M], data: Any, where: str, *, response: httpx.Response | None = None) -> M:
    """Validate a response part, turning a surprise into `APIResponseValidationError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise APIResponseValidationError(
            f"TapTalent's answer to {where} does not look like {_article(model.__name__)}: "
            f"{_summary(exc)}.",
            response=response,
        ) from exc


class Records(list[M], Generic[M]):
    """A list of records read from one answer; ``skipped`` counts those left out because
    they could not be read (one odd record never fails the whole answer)."""

    skipped: int = 0


def parse_list(model: type[M], data: Any, where: str) -> Records[M]:
    if data is None:
        return Records()
    if not isinstance(data, list):
        raise APIResponseValidationError(
            f"TapTalent's answer to {where} should be a list of {model.__name__}, "
            f"got {type(data).__name__}."
        )
    kept, skipped = readable_items(model, data)
    records: Records[M] = Records(kept)
    records.skipped = skipped
    return records


def _article(name: str) -> str:
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


_JSON_KINDS = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "dict": "an object",
    "list": "a list",
    "NoneType": "null",
}


def _summary(exc: ValidationError) -> str:
    """What was wrong, in words (never pydantic's own phrasing)."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error["loc"]) or "the answer"
        if error["type"] == "missing":
            parts.append(f"{where} is missing")
        else:
            got = _JSON_KINDS.get(type(error.get("input")).__name__, "something else")
            parts.append(f"{where} is {got}, which tt cannot use there")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
