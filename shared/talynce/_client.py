"""`TalynceClient`: bearer key, snake_case JSON, ``{error: {code, message, details}}``."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from pydantic import SecretStr

from shared.apiclient import JsonApi, RetryPolicy, SystemClient
from shared.apiclient._base import Clock, Query, Sleep
from shared.talynce.errors import APIResponseValidationError, TalynceErrors
from shared.talynce.resources import Candidates

DEFAULT_BASE_URL = "https://talynce.com/api/v1"
USER_AGENT = "tt-talynce/0.1"


class TalynceClient(SystemClient):
    """Async client for Talynce's candidate API.

    >>> async with TalynceClient(api_key=key) as client:
    ...     result = await client.candidates.create(full_name="Jane Doe", email="jane@x.io")
    ...     result.outcome  # "created" or "matched"
    """

    def __init__(
        self,
        api_key: str | SecretStr,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = 5,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        self._api = JsonApi(
            system="Talynce",
            base_url_setting="TALYNCE_BASE_URL",
            api_key=api_key,
            key_setting="TALYNCE_API_KEY",
            base_url=base_url,
            errors=TalynceErrors(),
            user_agent=USER_AGENT,
            transport=transport,
            retry=retry,
            timeout=timeout,
            max_concurrency=max_concurrency,
            sleep=sleep,
            clock=clock,
        )
        self.candidates = Candidates(self)

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: Query | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> tuple[int, Any]:
        """Send one call; returns the status (201 vs 200 matters) and the decoded body."""
        response = await self._api.request(
            method, path, params=params, json=json, idempotent=idempotent
        )
        try:
            return response.status_code, (response.json() if response.content else None)
        except ValueError as exc:
            raise APIResponseValidationError(
                f"Talynce answered {method} {path} with {response.status_code} but the body "
                "is not JSON.",
                response=response,
            ) from exc
