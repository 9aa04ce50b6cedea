"""What every resource shares: a handle on the client, parsing, and cursor paging."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from shared.kombo.errors import READING, Action, KomboResponseError
from shared.kombo.models import KomboWarning, Written

if TYPE_CHECKING:
    from shared.kombo._client import KomboClient

M = TypeVar("M", bound=BaseModel)

#: Kombo's largest page.
MAX_PAGE_SIZE = 250


def segment(value: object) -> str:
    text = str(value).strip()
    if text in ("", ".", ".."):
        raise ValueError(f"{text!r} is not a Kombo id.")
    return quote(text, safe="")


def listing(values: object) -> str | None:
    """A comma-separated filter (``ids``, ``job_ids``...) from a list, or None."""
    if values is None:
        return None
    if isinstance(values, str):
        return values
    assert isinstance(values, list | tuple | set | frozenset)
    return ",".join(str(v) for v in values) or None


def parse(model: type[M], data: Any, where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"]) or "body"
        raise KomboResponseError(
            f"Kombo's answer to {where} does not look like a {model.__name__}: "
            f"{place}: {first['msg']}"
        ) from exc


def payload(body: Any, where: str) -> Any:
    """``data`` of ``{"status": "success", "data": ...}``."""
    if not isinstance(body, dict) or "data" not in body:
        raise KomboResponseError(f"Kombo's answer to {where} has no 'data'.")
    return body["data"]


class Resource:
    def __init__(self, client: KomboClient) -> None:
        self._client = client

    async def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return await self._client.request("GET", path, params=params, action=READING)

    async def _write(
        self, method: str, path: str, body: Any, model: type[M], action: Action
    ) -> Written[M]:
        answer = await self._client.request(method, path, json=body, action=action)
        data = payload(answer, f"{method} {path}")
        warnings = answer.get("warnings") or []
        return Written[model](  # type: ignore[valid-type]
            data=parse(model, data if data is not None else {}, f"{method} {path}"),
            warnings=[
                parse(KomboWarning, w, f"{method} {path}") for w in warnings if isinstance(w, dict)
            ],
        )

    async def _page(
        self, path: str, model: type[M], params: Mapping[str, Any]
    ) -> tuple[list[M], str | None]:
        data = payload(await self._get(path, params), f"GET {path}")
        if not isinstance(data, dict):
            raise KomboResponseError(f"Kombo's answer to GET {path} is not a page.")
        results = data.get("results") or []
        cursor = data.get("next")
        return [parse(model, item, f"GET {path}") for item in results], (
            str(cursor) if cursor else None
        )

    async def _iterate(
        self, path: str, model: type[M], params: Mapping[str, Any], page_size: int
    ) -> AsyncIterator[M]:
        """Every result across cursors, one page at a time (a cursor needs the page before)."""
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}, got {page_size}")
        query = {k: v for k, v in params.items() if v is not None}
        query["page_size"] = page_size
        cursor: str | None = None
        while True:
            items, cursor = await self._page(path, model, {**query, "cursor": cursor})
            for item in items:
                yield item
            if cursor is None:
                return
