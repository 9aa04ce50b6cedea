"""`TapTalentClient`: the one place where HTTP requests are sent, retried and logged."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any, Self

import httpx
from pydantic import SecretStr

from shared.taptalent._retry import (
    RetryPolicy,
    is_retryable_exception,
    is_retryable_status,
    parse_retry_after,
)
from shared.taptalent.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    status_error_from_response,
)
from shared.taptalent.resources import (
    AssessmentFlows,
    Assessments,
    Candidates,
    JobCandidates,
    Jobs,
    Rescores,
)

__all__ = ["DEFAULT_BASE_URL", "TapTalentClient"]

DEFAULT_BASE_URL = "https://partner-api.taptalent.io/v1/partner"
USER_AGENT = "tt-taptalent/0.1"

logger = logging.getLogger("tt.taptalent")

Sleep = Callable[[float], Awaitable[Any]]
Clock = Callable[[], float]
QueryValue = str | int | float | bool | None
Query = Mapping[str, QueryValue]

#: The monotonic time by which the current command must be done (see `time_budget`).
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "tt_taptalent_deadline", default=None
)


class TapTalentClient:
    """Async client for the TapTalent Partner API.

    >>> async with TapTalentClient(api_key=key) as client:
    ...     jobs = await client.jobs.list()

    ``transport`` lets tests plug in ``httpx.MockTransport`` or ``httpx.ASGITransport``;
    ``sleep`` and ``clock`` let them drive retries without waiting.
    """

    def __init__(
        self,
        api_key: str | SecretStr,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = 10,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        secret = api_key if isinstance(api_key, SecretStr) else SecretStr(api_key or "")
        if not secret.get_secret_value().strip():
            raise ValueError("api_key is required (TAPTALENT_API_KEY)")
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self._api_key = secret
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self.max_concurrency = max_concurrency
        self.request_count = 0
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random()
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            follow_redirects=False,
        )

        self.jobs = Jobs(self)
        self.candidates = Candidates(self)
        self.job_candidates = JobCandidates(self)
        self.rescores = Rescores(self)
        self.assessments = Assessments(self)
        self.assessment_flows = AssessmentFlows(self)

    def __repr__(self) -> str:
        return f"TapTalentClient(base_url={self.base_url!r}, key=***)"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    @contextlib.contextmanager
    def time_budget(self, seconds: float) -> Iterator[None]:
        """Within this block (and the tasks it starts), calls keep retrying what is safe to
        retry until ``seconds`` from now, instead of each call's own ``total_budget``.

        A command of many calls (a ranking, a rescore status of many runs) thus rides out
        a bad minute as a whole, rather than failing on the first call that had bad luck.
        """
        token = _deadline.set(self._clock() + seconds)
        try:
            yield
        finally:
            _deadline.reset(token)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Query | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> Any:
        """Send one API call (with retries) and return the decoded JSON body."""
        body, _ = await self.exchange(method, path, params=params, json=json, idempotent=idempotent)
        return body

    async def exchange(
        self,
        method: str,
        path: str,
        *,
        params: Query | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> tuple[Any, httpx.Response]:
        """Send one API call (with retries); the decoded JSON body and the response.

        ``idempotent=False`` marks a POST that creates work: it is retried only when the
        request provably never reached TapTalent (connect errors, pool timeouts).
        Raises `APIStatusError` subclasses for error statuses, `APIConnectionError` /
        `APITimeoutError` when no answer came.
        """
        query = _clean_query(params)
        label = f"{method} {path}"
        started = self._clock()
        deadline = _deadline.get()
        if deadline is None:
            deadline = started + self.retry.total_budget
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            try:
                response = await self._send_once(method, path, query, json, attempt)
            except httpx.HTTPError as exc:
                error: Exception = self._connection_error(exc, label)
                retryable = is_retryable_exception(exc, idempotent=idempotent)
                reason = type(exc).__name__
            else:
                if response.is_success:
                    return self._decode(response, label), response
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = status_error_from_response(
                    response,
                    path=path,
                    retry_after=retry_after,
                    secret=self._api_key.get_secret_value(),
                )
                retryable = is_retryable_status(response.status_code, idempotent=idempotent)
                reason = str(response.status_code)

            if not retryable:
                raise error
            spent = self._clock() - started
            limit = self.retry.max_attempts
            if limit is not None and attempt >= limit:
                error.add_note(f"Gave up after {attempt} attempts over {spent:.0f} s.")
                raise error
            delay = self.retry.delay(attempt, retry_after, rng=self._rng)
            if self._clock() + delay > deadline:
                logger.warning(
                    "Not retrying %s after %s: waiting %.2fs would pass the time budget",
                    label,
                    reason,
                    delay,
                )
                error.add_note(
                    f"Gave up after {attempt} attempt{'s' * (attempt != 1)} over {spent:.0f} s: "
                    "waiting longer would pass the time budget."
                )
                raise error
            logger.warning(
                "Retrying %s after %s in %.2fs (attempt %d)", label, reason, delay, attempt + 1
            )
            await self._sleep(delay)

    async def _send_once(
        self, method: str, path: str, query: dict[str, str], body: Any, attempt: int
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._api_key.get_secret_value()}"}
        async with self._semaphore:
            self.request_count += 1
            began = self._clock()
            try:
                response = await self._http.request(
                    method,
                    path.lstrip("/"),
                    params=query or None,
                    json=body,
                    headers=headers,
                )
            except httpx.HTTPError as exc:
                logger.debug(
                    "%s %s -> %s in %.0fms (attempt %d)",
                    method,
                    path,
                    type(exc).__name__,
                    (self._clock() - began) * 1000,
                    attempt,
                )
                raise
            # Read the body inside the semaphore so a slot means one whole exchange.
            await response.aread()
        logger.debug(
            "%s %s -> %d in %.0fms (attempt %d)",
            method,
            path,
            response.status_code,
            (self._clock() - began) * 1000,
            attempt,
        )
        return response

    def _connection_error(self, exc: httpx.HTTPError, label: str) -> APIConnectionError:
        try:
            request: httpx.Request | None = exc.request
        except RuntimeError:
            request = None
        host = httpx.URL(self.base_url).host
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                f"TapTalent ({host}) did not answer {label} in time ({type(exc).__name__}). "
                "Try again; if it keeps happening, raise the client timeout.",
                request=request,
            )
        return APIConnectionError(
            f"Could not reach TapTalent ({host}) for {label}: {type(exc).__name__}: "
            f"{self._scrub(str(exc))}. "
            "Check the network and TAPTALENT_BASE_URL.",
            request=request,
        )

    def _scrub(self, text: str) -> str:
        secret = self._api_key.get_secret_value()
        return text.replace(secret, "***") if secret else text

    def _decode(self, response: httpx.Response, label: str) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise APIResponseValidationError(
                f"TapTalent answered {label} with {response.status_code} but the body is not "
                f"JSON (content-type {response.headers.get('content-type')!r}).",
                response=response,
            ) from exc


def _clean_query(params: Query | None) -> dict[str, str]:
    """Drop unset values and spell booleans the way the API expects (``true``/``false``)."""
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        else:
            out[key] = str(value)
    return out
