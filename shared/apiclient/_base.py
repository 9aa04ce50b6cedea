"""`JsonApi`: send one call, retry it when that is safe, and translate what went wrong."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, Self

import httpx
from pydantic import SecretStr

from shared.taptalent._retry import (
    RetryPolicy,
    is_retryable_exception,
    is_retryable_status,
    parse_retry_after,
)

Sleep = Callable[[float], Awaitable[Any]]
Clock = Callable[[], float]
QueryValue = str | int | float | bool | None
Query = Mapping[str, QueryValue]


class ErrorFactory(Protocol):
    """How one system's client names its failures."""

    def status_error(
        self, response: httpx.Response, *, path: str, retry_after: float | None, secret: str
    ) -> Exception:
        """The exception for an error status (messages scrubbed of ``secret``)."""
        ...

    def connection_error(
        self, message: str, *, request: httpx.Request | None, timeout: bool
    ) -> Exception:
        """The exception when no answer came (``timeout``: it came too late)."""
        ...


class JsonApi:
    """One system's HTTP plumbing: auth header, retries, concurrency bound, logging.

    ``system`` and ``base_url_setting`` only shape messages ("Could not reach InstaView ...
    Check INSTAVIEW_BASE_URL"). ``observe`` sees every response (rate-limit headers);
    ``before_send`` may wait before each attempt (slowing down before a limit is hit).
    """

    def __init__(
        self,
        *,
        system: str,
        base_url_setting: str,
        api_key: str | SecretStr,
        key_setting: str,
        base_url: str,
        errors: ErrorFactory,
        user_agent: str,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = 10,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        observe: Callable[[httpx.Response], None] | None = None,
        before_send: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        secret = api_key if isinstance(api_key, SecretStr) else SecretStr(api_key or "")
        if not secret.get_secret_value().strip():
            raise ValueError(f"api_key is required ({key_setting})")
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self.request_count = 0
        self._api_key = secret
        self._base_url_setting = base_url_setting
        self._errors = errors
        self._sleep = sleep
        self._clock = clock
        self._observe = observe
        self._before_send = before_send
        self._rng = random.Random()
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            headers={"Accept": "application/json", "User-Agent": user_agent},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"JsonApi(system={self.system!r}, base_url={self.base_url!r}, key=***)"

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    def status_error(self, response: httpx.Response, path: str) -> Exception:
        """The system's error for ``response`` (e.g. a 2xx that says it failed)."""
        return self._errors.status_error(
            response, path=path, retry_after=None, secret=self._api_key.get_secret_value()
        )

    def scrub(self, text: str) -> str:
        secret = self._api_key.get_secret_value()
        return text.replace(secret, "***") if secret else text

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Query | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> httpx.Response:
        """Send one call (with retries) and return the successful response.

        ``idempotent=False`` marks a write that creates something: it is retried only when
        the request provably never arrived (connect errors) or was refused with a 429.
        """
        query = clean_query(params)
        label = f"{method} {path}"
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            try:
                response = await self._send_once(method, path, query, json, attempt)
            except httpx.HTTPError as exc:
                error = self._connection_error(exc, label)
                retryable = is_retryable_exception(exc, idempotent=idempotent)
                reason = type(exc).__name__
            else:
                if response.is_success:
                    return response
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = self._errors.status_error(
                    response,
                    path=path,
                    retry_after=retry_after,
                    secret=self._api_key.get_secret_value(),
                )
                retryable = is_retryable_status(response.status_code, idempotent=idempotent)
                reason = str(response.status_code)
            delay = self.retry.delay(attempt, retry_after, rng=self._rng)
            self._give_up_unless(retryable, attempt, delay, started, error, label, reason)
            await self._sleep(delay)

    def _give_up_unless(
        self,
        retryable: bool,
        attempt: int,
        delay: float,
        started: float,
        error: Exception,
        label: str,
        reason: str,
    ) -> None:
        if not retryable:
            raise error
        limit = self.retry.max_attempts  # None: retried until the budget runs out
        if limit is not None and attempt >= limit:
            error.add_note(f"Gave up after {attempt} attempts.")
            raise error
        if self._clock() - started + delay > self.retry.total_budget:
            error.add_note(
                f"Gave up after {attempt} attempts: the retry budget of "
                f"{self.retry.total_budget:g}s would be exceeded."
            )
            raise error
        logging.getLogger(f"tt.{self.system.lower()}").warning(
            "Retrying %s after %s in %.2fs (attempt %d)", label, reason, delay, attempt + 1
        )

    async def _send_once(
        self, method: str, path: str, query: dict[str, str], body: Any, attempt: int
    ) -> httpx.Response:
        if self._before_send is not None:
            await self._before_send()
        headers = {"Authorization": f"Bearer {self._api_key.get_secret_value()}"}
        logger = logging.getLogger(f"tt.{self.system.lower()}")
        async with self._semaphore:
            self.request_count += 1
            began = self._clock()
            try:
                response = await self._http.request(
                    method, path.lstrip("/"), params=query or None, json=body, headers=headers
                )
                # Read the body inside the semaphore so a slot means one whole exchange.
                await response.aread()
            except httpx.HTTPError as exc:
                logger.debug("%s %s -> %s (attempt %d)", method, path, type(exc).__name__, attempt)
                raise
        logger.debug(
            "%s %s -> %d in %.0fms (attempt %d)",
            method,
            path,
            response.status_code,
            (self._clock() - began) * 1000,
            attempt,
        )
        if self._observe is not None:
            self._observe(response)
        return response

    def _connection_error(self, exc: httpx.HTTPError, label: str) -> Exception:
        try:
            request: httpx.Request | None = exc.request
        except RuntimeError:
            request = None
        host = httpx.URL(self.base_url).host
        if isinstance(exc, httpx.TimeoutException):
            message = (
                f"{self.system} ({host}) did not answer {label} in time ({type(exc).__name__}). "
                "Try again; if it keeps happening, raise the client timeout."
            )
            return self._errors.connection_error(message, request=request, timeout=True)
        message = (
            f"Could not reach {self.system} ({host}) for {label}: {type(exc).__name__}: "
            f"{self.scrub(str(exc))}. Check the network and {self._base_url_setting}."
        )
        return self._errors.connection_error(message, request=request, timeout=False)


def clean_query(params: Query | None) -> dict[str, str]:
    """Drop unset values and spell booleans ``true``/``false``."""
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        else:
            out[key] = str(value)
    return out


def decode_json(response: httpx.Response) -> Any:
    """The body as JSON, None for an empty body; raises ValueError when it is not JSON."""
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


class SystemClient:
    """What every system's client shares around its `JsonApi` (``self._api``)."""

    _api: JsonApi

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, key=***)"

    @property
    def base_url(self) -> str:
        return self._api.base_url

    @property
    def request_count(self) -> int:
        return self._api.request_count

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._api.aclose()
