"""Both documented list shapes, read into one `Page`, and walking every page.

{"success": true, "data": {"items": [...], "pagination": {"total", "page", "limit",
 "totalPages", "hasNextPage", "hasPreviousPage"}}, "timestamp": ...}
{"data": [...], "total": 42, "page": 1, "limit": 20, "totalPages": 3}
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.instaview.errors import APIResponseValidationError, InstaViewValidationError
from shared.instaview.models import Page

M = TypeVar("M", bound=BaseModel)

LIMIT_MAX = 100


def check_page_request(page: int, limit: int) -> None:
    problems = {}
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        problems["page"] = f"must be a whole number from 1 (got {page!r})"
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= LIMIT_MAX:
        problems["limit"] = f"must be a whole number from 1 to {LIMIT_MAX} (got {limit!r})"
    if problems:
        raise InstaViewValidationError("list request", problems)


def read_page(model: type[M], body: Any, where: str) -> Page[M]:
    """A `Page` from either shape (a bare list is one page holding everything)."""
    data = body.get("data") if isinstance(body, dict) and "data" in body else body
    meta: dict[str, Any] = {}
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
        pagination = data.get("pagination")
        meta = pagination if isinstance(pagination, dict) else data
    elif isinstance(data, list):
        items = data
        meta = body if isinstance(body, dict) else {}
    else:
        raise APIResponseValidationError(
            f"InstaView's answer to {where} is not a list in either documented shape "
            f"(data.items + data.pagination, or a flat data list); got {type(data).__name__}."
        )
    try:
        parsed = [model.model_validate(item) for item in items]
    except ValidationError as exc:
        raise APIResponseValidationError(
            f"InstaView's answer to {where} holds an item that is not a {model.__name__}: "
            f"{exc.errors()[0]['msg']}"
        ) from exc
    return Page[model](  # type: ignore[valid-type]
        items=parsed,
        total=_int(meta.get("total")),
        page=_int(meta.get("page")) or 1,
        limit=_int(meta.get("limit")),
        total_pages=_int(meta.get("totalPages")),
    )


async def iterate(
    fetch: Callable[[int], Awaitable[Page[M]]], *, first_page: int = 1
) -> AsyncIterator[M]:
    """Every item, page after page, until a page says it is the last (or comes back empty)."""
    number = first_page
    while True:
        page = await fetch(number)
        for item in page.items:
            yield item
        if not page.items or not page.has_next:
            return
        number += 1


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
