"""`KomboClient`: the one place where Kombo requests are sent, retried and paced."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Self

import httpx
from pydantic import SecretStr

from shared.kombo.errors import (
    READING,
    Action,
    KomboAPIError,
    KomboConnectionError,
    KomboError,
    KomboResponseError,
    KomboTimeoutError,
    error_from_response,
)
from shared.kombo.models import Check
from shared.kombo.resources import Applications, Candidates, Jobs, RejectionReasons, Users
from shared.kombo.resources._base import parse, payload
from shared.taptalent import RetryPolicy
from shared.taptalent._retry import NEVER_SENT, TRANSIENT, parse_retry_after

EU_BASE_URL = "https://api.kombo.dev/v1"
US_BASE_URL = "https://api.us.kombo.dev/v1"
USER_AGENT = "tt-kombo/0.1"
#: Tries of a call Kombo calls safe to retry (the first included), within the time budget.
DEFAULT_ATTEMPTS = 4

logger = logging.getLogger("tt.kombo")

Sleep = Callable[[float], Awaitable[Any]]
Clock = Callable[[], float]


class KomboClient:
    """Async client for Kombo's unified ATS API, bound to one integration (one customer's ATS).

    >>> async with KomboClient(api_key=key, integration_id="greenhouse:8Xk") as kombo:
    ...     async for job in kombo.jobs.iter(statuses=["OPEN"]):
    ...         ...

    Retries only what Kombo calls safe (its rate and concurrency limits, the ATS being
    unavailable, HTTP 503), after ``Retry-After``. Writes are kept to ``max_writes`` in
    flight (20: Kombo allows 30 per integration, and other tools may share it), and slow
    down when ``Concurrency-Remaining`` says Kombo's 30 are nearly used.
    ``transport`` lets tests plug in the emulator; ``sleep`` and ``clock`` drive retries.
    """

    def __init__(
        self,
        api_key: str | SecretStr,
        integration_id: str,
        base_url: str = EU_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        max_concurrency: int = 20,
        max_writes: int = 20,
        slow_below: int = 3,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        secret = api_key if isinstance(api_key, SecretStr) else SecretStr(api_key or "")
        if not secret.get_secret_value().strip():
            raise ValueError("api_key is required (KOMBO_API_KEY)")
        if not integration_id.strip():
            raise ValueError("integration_id is required (KOMBO_INTEGRATION_ID)")
        self._api_key = secret
        self.integration_id = integration_id
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy(max_attempts=DEFAULT_ATTEMPTS)
        self.slow_below = slow_below
        self.request_count = 0
        #: The last ``Concurrency-Remaining`` Kombo sent (None until a write answered).
        self.concurrency_remaining: int | None = None
        # The lowest Concurrency-Remaining seen since the last write started.
        self._lowest_remaining: int | None = None
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random()
        self._slots = asyncio.Semaphore(max_concurrency)
        self._writes = asyncio.Semaphore(max_writes)
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            transport=transport,
            timeout=httpx.Timeout(timeout),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            follow_redirects=False,
        )
        self.jobs = Jobs(self)
        self.applications = Applications(self)
        self.candidates = Candidates(self)
        self.rejection_reasons = RejectionReasons(self)
        self.users = Users(self)

    def __repr__(self) -> str:
        return (
            f"KomboClient(base_url={self.base_url!r}, integration={self.integration_id!r}, key=***)"
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def check_api_key(self) -> Check:
        """``GET /check-api-key``: the key works (not an integration call)."""
        body = await self.request("GET", "/check-api-key", action=READING, integration=False)
        return parse(Check, payload(body, "GET /check-api-key") or {}, "GET /check-api-key")

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        action: Action = READING,
        integration: bool = True,
    ) -> Any:
        """Send one call (retrying what is safe) and return the decoded JSON body."""
        is_write = method != "GET"
        attempt = 0
        waited = 0.0
        started = self._clock()
        while True:
            attempt += 1
            retry_after: float | None = None
            try:
                response = await self._send(method, path, params, json, integration, is_write)
            except httpx.HTTPError as exc:
                error: KomboError = self._connection_error(exc, action)
                # A POST that may have reached Kombo has an unknown outcome: never repeated.
                retryable = isinstance(exc, NEVER_SENT) or (
                    method in ("GET", "PUT") and isinstance(exc, TRANSIENT)
                )
            else:
                if response.is_success:
                    return self._decode(response, f"{method} {path}")
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = error_from_response(
                    response, action=action, retry_after=retry_after, scrub=self._scrub
                )
                retryable = isinstance(error, KomboAPIError) and type(error).retryable
            limit = self.retry.max_attempts
            if not retryable or (limit is not None and attempt >= limit):
                raise error
            delay = self.retry.delay(attempt, retry_after, rng=self._rng)
            waited += delay
            # The clock, or the waits alone (a test's sleep does not move the clock).
            if max(self._clock() - started, waited - delay) + delay > self.retry.total_budget:
                raise error
            logger.warning("Retrying %s %s in %.2fs after %s", method, path, delay, _label(error))
            await self._sleep(delay)

    async def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        body: Any,
        integration: bool,
        is_write: bool,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._api_key.get_secret_value()}"}
        if integration:
            headers["X-Integration-Id"] = self.integration_id
        query = {k: str(v) for k, v in (params or {}).items() if v is not None}
        if not is_write:
            return await self._exchange(method, path, query, body, headers)
        async with self._writes:
            remaining, self._lowest_remaining = self._lowest_remaining, None
            if remaining is not None and remaining < self.slow_below:
                # Kombo says its 30 writes in flight are nearly used: give others room first.
                await self._sleep(self.retry.base_delay * (self.slow_below - remaining))
            response = await self._exchange(method, path, query, body, headers)
        header = response.headers.get("Concurrency-Remaining")
        if header is not None and header.strip().lstrip("-").isdigit():
            self.concurrency_remaining = int(header)
            low = self._lowest_remaining
            self._lowest_remaining = int(header) if low is None else min(low, int(header))
        return response

    async def _exchange(
        self, method: str, path: str, query: dict[str, str], body: Any, headers: dict[str, str]
    ) -> httpx.Response:
        async with self._slots:
            self.request_count += 1
            began = self._clock()
            response = await self._http.request(
                method, path.lstrip("/"), params=query or None, json=body, headers=headers
            )
            await response.aread()
        logger.debug(
            "%s %s -> %d in %.0fms",
            method,
            path,
            response.status_code,
            (self._clock() - began) * 1000,
        )
        return response

    def _connection_error(self, exc: httpx.HTTPError, action: Action) -> KomboConnectionError:
        host = httpx.URL(self.base_url).host
        if isinstance(exc, httpx.TimeoutException):
            return KomboTimeoutError(
                f"Kombo ({host}) did not answer in time while {action.doing}; "
                "if it was a write, check the ATS before trying again."
            )
        return KomboConnectionError(
            f"Could not reach Kombo ({host}) while {action.doing}: {type(exc).__name__}: "
            f"{self._scrub(str(exc))}. Check the network and KOMBO_BASE_URL."
        )

    def _scrub(self, text: str) -> str:
        secret = self._api_key.get_secret_value()
        return text.replace(secret, "***") if secret else text

    def _decode(self, response: httpx.Response, label: str) -> Any:
        try:
            body = response.json()
        except ValueError as exc:
            raise KomboResponseError(
                f"Kombo answered {label} with {response.status_code} but the body is not JSON."
            ) from exc
        if isinstance(body, dict) and body.get("status") == "error":
            # An error envelope on a 2xx: Kombo says branch on the code, so honour it.
            raise error_from_response(response, action=READING, retry_after=None, scrub=self._scrub)
        return body


def _label(error: KomboError) -> str:
    return error.code if isinstance(error, KomboAPIError) else type(error).__name__
