"""`InstaViewClient`: the envelope, the rate-limit headers, and the resources."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import SecretStr

from shared.apiclient import JsonApi, RetryPolicy, SystemClient
from shared.apiclient._base import Clock, Query, Sleep
from shared.instaview.errors import APIResponseValidationError, InstaViewErrors
from shared.instaview.models import RateLimitStatus, RateLimitWindow
from shared.instaview.resources import Agents, Analyses, Candidates, Interviews, Jobs, Webhooks

DEFAULT_BASE_URL = "https://api.instaview.sk/v1/public"
USER_AGENT = "tt-instaview/0.1"
#: Above this, an X-RateLimit-Reset value is an epoch time, not seconds to wait (**choice**).
_EPOCH_THRESHOLD = 1_000_000_000
_ENVELOPE = frozenset({"success", "data", "error", "timestamp"})


class InstaViewClient(SystemClient):
    """Async client for InstaView's public API.

    >>> async with InstaViewClient(api_key=key) as client:
    ...     agents = await client.agents.list()

    ``company_id`` is for ATS partner keys (sent as ``?companyId=``). With ``throttle``
    the client waits for the window to reset when the last answer said no quota is left,
    instead of spending a request on a 429. ``transport``, ``sleep`` and ``clock`` are
    the test seams.
    """

    def __init__(
        self,
        api_key: str | SecretStr,
        base_url: str = DEFAULT_BASE_URL,
        *,
        company_id: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = 5,
        throttle: bool = True,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        self.company_id = company_id
        self.rate_limit: RateLimitStatus | None = None
        self._throttle = throttle
        self._sleep = sleep
        self._api = JsonApi(
            system="InstaView",
            base_url_setting="INSTAVIEW_BASE_URL",
            api_key=api_key,
            key_setting="INSTAVIEW_API_KEY",
            base_url=base_url,
            errors=InstaViewErrors(),
            user_agent=USER_AGENT,
            transport=transport,
            retry=retry,
            timeout=timeout,
            max_concurrency=max_concurrency,
            sleep=sleep,
            clock=clock,
            observe=self._remember_rate_limit,
            before_send=self._wait_for_quota,
        )
        self.candidates = Candidates(self)
        self.agents = Agents(self)
        self.interviews = Interviews(self)
        self.analyses = Analyses(self)
        self.jobs = Jobs(self)
        self.webhooks = Webhooks(self)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Query | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> Any:
        """Send one call and return the decoded body (the whole envelope)."""
        query: dict[str, Any] = dict(params or {})
        if self.company_id is not None:
            query["companyId"] = self.company_id
        response = await self._api.request(
            method, path, params=query, json=json, idempotent=idempotent
        )
        try:
            body = response.json() if response.content else None
        except ValueError as exc:
            raise APIResponseValidationError(
                f"InstaView answered {method} {path} with {response.status_code} but the body "
                "is not JSON.",
                response=response,
            ) from exc
        if isinstance(body, dict) and body.get("success") is False:
            raise self._api.status_error(response, path)
        return body

    async def data(self, method: str, path: str, *, idempotent: bool, **kwargs: Any) -> Any:
        """The envelope's ``data`` (or the whole body when it has no envelope)."""
        body = await self.request(method, path, idempotent=idempotent, **kwargs)
        if (
            isinstance(body, dict)
            and "data" in body
            and ("success" in body or set(body) <= _ENVELOPE)
        ):
            return body["data"]
        return body

    def _remember_rate_limit(self, response: httpx.Response) -> None:
        status = rate_limit_from_headers(response.headers)
        if status is not None:
            self.rate_limit = status

    async def _wait_for_quota(self) -> None:
        if not self._throttle or self.rate_limit is None:
            return
        wait = self.rate_limit.wait_needed()
        if 0 < wait <= self._api.retry.total_budget:
            await self._sleep(wait)
        # Waited (or gave up waiting): the next answer brings fresh numbers.
        self.rate_limit = None


def rate_limit_from_headers(
    headers: Mapping[str, str], *, now: float | None = None
) -> RateLimitStatus | None:
    """``X-RateLimit-{Limit,Remaining,Reset}-{Minute,Hour}``; None when none is present."""

    def window(suffix: str) -> RateLimitWindow:
        reset = _float(headers.get(f"X-RateLimit-Reset-{suffix}"))
        if reset is not None and reset > _EPOCH_THRESHOLD:
            reset = max(0.0, reset - (now if now is not None else time.time()))
        return RateLimitWindow(
            limit=_int(headers.get(f"X-RateLimit-Limit-{suffix}")),
            remaining=_int(headers.get(f"X-RateLimit-Remaining-{suffix}")),
            reset_seconds=reset,
        )

    minute, hour = window("Minute"), window("Hour")
    if all(v is None for w in (minute, hour) for v in (w.limit, w.remaining, w.reset_seconds)):
        return None
    return RateLimitStatus(minute=minute, hour=hour)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None
