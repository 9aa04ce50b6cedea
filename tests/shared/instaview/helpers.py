"""Bodies and transports the InstaView tests share."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx


def next_year() -> str:
    return (date.today() + timedelta(days=365)).isoformat()


def valid_candidate(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "first_name": "Ana",
        "last_name": "Costa",
        "gdpr_expiry_date": next_year(),
        "email": "ana.costa@example.com",
    }
    fields.update(overrides)
    return fields


def in_a_day() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat()


class Recording(httpx.AsyncBaseTransport):
    """An ASGI transport that remembers the status of every answer."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response
